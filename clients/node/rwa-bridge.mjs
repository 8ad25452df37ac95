#!/usr/bin/env node
// A small Node.js client of rwa-prime's TCP event-bus bridge (fanout.tcp-bridge.port): frames are a 4-byte
// big-endian length and a UTF-8 JSON object. Prints one JSON line per message received.
//
//   node clients/node/rwa-bridge.mjs --port 7001 [--host 127.0.0.1] --address rwa.ticks.PAXG [--address …] [--count N]
//
// Exits 0 after --count messages, 2 on a refused registration (the bridge answers {"type":"err"}), 1 on a
// connection problem or when nothing arrives within --timeout seconds (default 60).
import net from 'node:net';

export function frame(obj) {
  const body = Buffer.from(JSON.stringify(obj), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Splits a stream of bytes into the JSON objects of its frames; keeps a partial frame for the next chunk. */
export function decoder(onMessage) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const size = pending.readUInt32BE(0);
      if (pending.length < 4 + size) return;
      onMessage(JSON.parse(pending.subarray(4, 4 + size).toString('utf8')));
      pending = pending.subarray(4 + size);
    }
  };
}

function args(argv) {
  const out = { host: '127.0.0.1', port: 0, addresses: [], count: Infinity, timeout: 60 };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--host') out.host = v;
    else if (k === '--port') out.port = Number(v);
    else if (k === '--address') out.addresses.push(v);
    else if (k === '--count') out.count = Number(v);
    else if (k === '--timeout') out.timeout = Number(v);
    else continue;
    i++;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = args(process.argv.slice(2));
  if (!a.port || a.addresses.length === 0) {
    console.error('usage: rwa-bridge.mjs --port N --address A [--address B] [--count N] [--host H] [--timeout S]');
    process.exit(64);
  }
  let received = 0;
  const socket = net.connect(a.port, a.host, () => {
    // the bridge carries each public address's JSON form on its mirror json.<address>
    for (const address of a.addresses) socket.write(frame({ type: 'register', address: `json.${address}` }));
  });
  const timer = setTimeout(() => {
    console.error(`no message within ${a.timeout} s`);
    process.exit(1);
  }, a.timeout * 1000);
  socket.on('data', decoder((m) => {
    if (m.type === 'err') {
      console.error(`refused: ${m.message ?? JSON.stringify(m)}`);
      process.exit(2);
    }
    if (m.type !== 'message') return;
    console.log(JSON.stringify({ address: String(m.address).replace(/^json\./, ''), body: m.body }));
    if (++received >= a.count) {
      clearTimeout(timer);
      socket.end();
      process.exit(0);
    }
  }));
  socket.on('error', (e) => {
    console.error(`connection failed: ${e.message}`);
    process.exit(1);
  });
}
