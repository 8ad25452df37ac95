/** Small building blocks shared by the views. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { riskLevel, sparkPoints } from './format';
import { Store, useStore } from './store';

export function Sparkline({ values, width = 96, height = 28 }: { values?: number[]; width?: number; height?: number }) {
  const pts = sparkPoints(values ?? [], width, height);
  if (!pts) return <span class="muted small">—</span>;
  const v = (values ?? []).filter(Number.isFinite);
  const up = v[v.length - 1] >= v[0];
  return (
    <svg class={`spark ${up ? 'up' : 'down'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <polyline points={pts} fill="none" stroke-width="1.5" />
    </svg>
  );
}

export function RiskBadge({ score }: { score?: number | null }) {
  const level = riskLevel(score);
  if (!level) return <span class="badge none" title="no risk score yet">n/a</span>;
  return (
    <span class={`badge risk-${level}`} title={`composite risk ${score} / 100 (${level})`} data-testid="risk-badge">
      {score}
    </span>
  );
}

/** A half-circle gauge of a 1–100 score. */
export function Gauge({ score, label }: { score: number; label: string }) {
  const level = riskLevel(score) ?? 'moderate';
  const angle = Math.PI * (1 - Math.min(100, Math.max(1, score)) / 100);
  const x = 60 + 48 * Math.cos(angle);
  const y = 60 - 48 * Math.sin(angle);
  return (
    <figure class="gauge" data-testid="risk-gauge">
      <svg viewBox="0 0 120 70" width="220" height="128" role="img" aria-label={`${label}: ${score} of 100`}>
        <path d="M12 60 A48 48 0 0 1 108 60" class="gauge-track" fill="none" stroke-width="10" />
        <path d={`M12 60 A48 48 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} class={`gauge-value risk-${level}`} fill="none" stroke-width="10" />
        <text x="60" y="56" text-anchor="middle" class="gauge-text">{score}</text>
      </svg>
      <figcaption>{label} · {level}</figcaption>
    </figure>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty" data-testid="empty-state">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error as ApiError;
  return (
    <div class="error" role="alert">
      <strong>{e.title ?? 'Error'}</strong> {e.detail ?? String(error)}
    </div>
  );
}

export function Loading() {
  return <div class="loading" aria-busy="true">Loading…</div>;
}

export function Tabs({ tabs, current, base }: { tabs: [string, string][]; current: string; base: string }) {
  return (
    <nav class="tabs" role="tablist">
      {tabs.map(([id, label]) => (
        <a key={id} role="tab" aria-selected={id === current} class={id === current ? 'active' : ''} href={`#${base}/${id}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Loads `load()` on mount and when `deps` change; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

export interface Toast {
  id: number;
  title: string;
  body: string;
  kind: 'info' | 'alert' | 'error';
}

export const toasts = new Store<Toast[]>([]);
let toastId = 0;

export function toast(title: string, body: string, kind: Toast['kind'] = 'info', ms = 6000): void {
  const t = { id: ++toastId, title, body, kind };
  toasts.set([...toasts.value, t].slice(-5));
  setTimeout(() => toasts.set(toasts.value.filter((x) => x.id !== t.id)), ms);
}

export function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast ${t.kind}`} data-testid="toast">
          <strong>{t.title}</strong>
          <span>{t.body}</span>
        </div>
      ))}
    </div>
  );
}
