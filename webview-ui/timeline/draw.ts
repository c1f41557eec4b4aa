// Canvas drawing of the rows: thousands of events stay cheap (no DOM node per event).
import type { ScaleTime } from 'd3-scale';
import type { TimelineEvent } from '../shared/protocol';
import { lowerBound, type Row } from './layout';
import type { Palette } from './theme';

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  x: ScaleTime<number, number>;
  rows: Row[];
  onset: number;
  palette: Palette;
  selected?: TimelineEvent;
}

function levelColour(p: Palette, e: TimelineEvent): string {
  if (e.lane === 'deploys') return e.level === 'error' ? p.error : p.deploy;
  if (e.lane === 'tickets') return p.ticket;
  if (e.lane === 'changes') return e.ref.kind === 'commit' ? p.deploy : p.change;
  return e.level === 'error' ? p.error : e.level === 'warn' ? p.warn : p.info;
}

export function draw(d: DrawInput): void {
  const { ctx, width, height, x, rows, palette: p } = d;
  ctx.clearRect(0, 0, width, height);
  const [t0, t1] = x.domain().map((v) => v.getTime());
  rows.forEach((row, i) => {
    if (i % 2 === 1) {
      ctx.fillStyle = p.laneAlt;
      ctx.fillRect(0, row.y, width, row.height);
    }
    if (row.series) drawSeries(d, row);
    else drawEvents(d, row, t0, t1);
  });
  // Onset on top of everything else.
  const ox = x(d.onset);
  if (ox >= 0 && ox <= width) {
    ctx.strokeStyle = p.onset;
    ctx.lineWidth = p.highContrast ? 2 : 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(Math.round(ox) + 0.5, 0);
    ctx.lineTo(Math.round(ox) + 0.5, height);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (d.selected) {
    const row = rows.find((r) => r.events.includes(d.selected!));
    if (row) {
      const sx = x(d.selected.at);
      ctx.strokeStyle = p.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(sx - 6, row.y + 2, 12, row.height - 4);
    }
  }
}

function drawEvents(d: DrawInput, row: Row, t0: number, t1: number): void {
  const { ctx, x, palette: p } = d;
  const evs = row.events;
  // Only what is in view (spans may start before it).
  const from = row.lane === 'tickets' ? 0 : lowerBound(evs, t0);
  const mid = row.y + row.height / 2;
  for (let i = from; i < evs.length; i++) {
    const e = evs[i];
    if (e.at > t1) break;
    const ex = x(e.at);
    ctx.fillStyle = levelColour(p, e);
    switch (row.lane) {
      case 'logs': {
        // Three bands: errors on top, warnings, info; 1 px ticks so dense spikes read as density.
        const band = e.level === 'error' ? 0 : e.level === 'warn' ? 1 : 2;
        const bh = (row.height - 6) / 3;
        ctx.fillRect(Math.round(ex), row.y + 3 + band * bh, 1, bh - 2);
        break;
      }
      case 'alarms': {
        ctx.beginPath();
        ctx.moveTo(ex, mid - 7); ctx.lineTo(ex + 6, mid); ctx.lineTo(ex, mid + 7); ctx.lineTo(ex - 6, mid);
        ctx.closePath();
        ctx.fill();
        break;
      }
      case 'deploys': {
        ctx.fillRect(Math.round(ex) - 1, row.y + 2, 2, row.height - 4);
        ctx.beginPath();
        ctx.moveTo(ex - 6, row.y + 2); ctx.lineTo(ex + 6, row.y + 2); ctx.lineTo(ex, row.y + 10);
        ctx.closePath();
        ctx.fill();
        break;
      }
      case 'tickets': {
        if (e.at > t1) break;
        const xe = e.end !== undefined ? Math.max(x(e.end), ex + 3) : ex + 3;
        if (xe < 0) break;
        ctx.fillRect(ex, mid - 4, xe - ex, 8);
        break;
      }
      default: {
        ctx.beginPath();
        ctx.arc(ex, mid, 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }
}

function drawSeries(d: DrawInput, row: Row): void {
  const { ctx, x, palette: p } = d;
  const s = row.series!;
  if (s.points.length === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const [, v] of s.points) { if (v < min) min = v; if (v > max) max = v; }
  if (s.threshold !== undefined) { min = Math.min(min, s.threshold); max = Math.max(max, s.threshold); }
  const span = max - min || 1;
  const y = (v: number) => row.y + row.height - 4 - ((v - min) / span) * (row.height - 8);
  ctx.strokeStyle = p.metric;
  ctx.lineWidth = p.highContrast ? 2 : 1.25;
  ctx.beginPath();
  s.points.forEach(([t, v], i) => (i === 0 ? ctx.moveTo(x(t), y(v)) : ctx.lineTo(x(t), y(v))));
  ctx.stroke();
  if (s.threshold !== undefined) {
    ctx.strokeStyle = p.error;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(0, y(s.threshold));
    ctx.lineTo(d.width, y(s.threshold));
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
