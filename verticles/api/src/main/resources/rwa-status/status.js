  const rows = document.getElementById('rows');
  const status = document.getElementById('status');
  const last = {};
  const text = (v) => v === undefined || v === null ? '—' : String(v);
  async function refresh() {
    try {
      const res = await fetch('/api/v1/assets', { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const body = await res.json();
      rows.replaceChildren(...body.data.map(a => {
        const tr = document.createElement('tr');
        const prev = last[a.symbol];
        const dir = prev && a.price ? (Number(a.price) > Number(prev) ? 'up' : Number(a.price) < Number(prev) ? 'down' : '') : '';
        last[a.symbol] = a.price;
        const cells = [a.symbol, a.name, a.asset_class, a.issuer, a.chain, a.price, a.nav,
          a.yield_apy ? (Number(a.yield_apy) * 100).toFixed(2) + ' %' : undefined,
          a.price_time ? new Date(a.price_time).toLocaleTimeString() : undefined];
        cells.forEach((c, i) => {
          const td = document.createElement('td');
          td.textContent = text(c);
          if (i >= 5 && i <= 7) td.className = 'num';
          if (i === 5 && dir) td.classList.add(dir);
          tr.appendChild(td);
        });
        return tr;
      }));
      status.textContent = 'live'; status.className = 'ok';
    } catch (e) {
      status.textContent = 'disconnected (' + e.message + ')'; status.className = 'bad';
    }
  }
  refresh();
  setInterval(refresh, 2000);
