import * as vscode from 'vscode';

/** "12 min", "3 h 5 min", "6 d": a duration for labels (absolute value). */
export function formatDuration(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  if (min < 60) return vscode.l10n.t('{0} min', min);
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? vscode.l10n.t('{0} h {1} min', h, min % 60) : vscode.l10n.t('{0} h', h);
  return vscode.l10n.t('{0} d', Math.round(h / 24));
}

/** A short UTC time, "2026-01-14 03:15Z", for descriptions. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : '?';
}

/** Markdown-escaped text for hovers and tooltips. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
