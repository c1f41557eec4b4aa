// Canvas drawing of the rows in one pass per lane: x computed inline from the window (no scale call per event),
// shapes gathered into one Path2D per colour and filled once, log ticks de-duplicated per pixel column.
import { REF_KINDS } from '../shared/protocol';
import { lowerBound, type Row } from './layout';
import type { TimelineModel } from './model';
import type { Palette } from './theme';

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  /** The visible window, epoch ms; it maps linearly onto [0, width]. */
  t0: number;
  t1: number;
  rows: Row[];
  model: TimelineModel;
  onset: number;
  palette: Palette;
  /** Selected event index, or -1. */
  selected: number;
}

const COMMIT = REF_KINDS.indexOf('commit');
const ERROR = 0;

export function draw(d: DrawInput): void {
  const { ctx, width, height, rows, palette: p, t0, t1 } = d;
  const k = width / Math.max(1, t1 - t0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = p.laneAlt;
  for (let r = 1; r < rows.length; r += 2) ctx.fillRect(0, rows[r].y, width, rows[r].height);
  for (const row of rows) {
    if (row.series) drawSeries(d, row, k);
    else drawEvents(d, row, k);
  }
  // Onset on top of everything else.
  const ox = (d.onset - t0) * k;
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
  if (d.selected >= 0) {
    const row = rows.find((r) => !r.series && r.events.includes(d.selected));
    if (row) {
      const sx = (d.model.at(d.selected) - t0) * k;
      ctx.strokeStyle = p.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(sx - 6, row.y + 2, 12, row.height - 4);
    }
  }
}

/** One path per colour, filled once at the end. */
class Batches {
  private readonly paths = new Map<string, Path2D>();
  get(colour: string): Path2D {
    let path = this.paths.get(colour);
    if (!path) this.paths.set(colour, (path = new Path2D()));
    return path;
  }
  fill(ctx: CanvasRenderingContext2D): void {
    for (const [colour, path] of this.paths) {
      ctx.fillStyle = colour;
      ctx.fill(path);
    }
  }
}

function drawEvents(d: DrawInput, row: Row, k: number): void {
  const { ctx, palette: p, t0, t1 } = d;
  const { at, end, level, refKind } = d.model.data.events;
  const idx = row.events;
  const batches = new Batches();
  const levelColour = [p.error, p.warn, p.info];
  const mid = row.y + row.height / 2;
  // Spans may start before the window, so tickets are all visited; other lanes start at the window (binary search).
  const from = row.lane === 'tickets' ? 0 : lowerBound(at, idx, t0 - 7 / k);
  const bh = (row.height - 6) / 3;
  const lastTick = [NaN, NaN, NaN];
  for (let j = from; j < idx.length; j++) {
    const i = idx[j];
    const t = at[i];
    if (t > t1 + 7 / k) break;
    const ex = (t - t0) * k;
    const lv = level[i];
    switch (row.lane) {
      case 'logs': {
        // Three bands (errors on top, warnings, info) of 1 px ticks, so dense spikes read as density.
        const px = Math.round(ex);
        if (px === lastTick[lv]) break;
        lastTick[lv] = px;
        batches.get(levelColour[lv]).rect(px, row.y + 3 + lv * bh, 1, bh - 2);
        break;
      }
      case 'alarms': {
        const path = batches.get(levelColour[lv]);
        path.moveTo(ex, mid - 7); path.lineTo(ex + 6, mid); path.lineTo(ex, mid + 7); path.lineTo(ex - 6, mid); path.closePath();
        break;
      }
      case 'deploys': {
        const path = batches.get(lv === ERROR ? p.error : p.deploy);
        path.rect(Math.round(ex) - 1, row.y + 2, 2, row.height - 4);
        path.moveTo(ex - 6, row.y + 2); path.lineTo(ex + 6, row.y + 2); path.lineTo(ex, row.y + 10); path.closePath();
        break;
      }
      case 'tickets': {
        const xe = Number.isNaN(end[i]) ? ex + 3 : Math.max((end[i] - t0) * k, ex + 3);
        if (xe < 0) break;
        batches.get(p.ticket).rect(ex, mid - 4, xe - ex, 8);
        break;
      }
      default: {
        const path = batches.get(row.lane === 'changes' ? (refKind[i] === COMMIT ? p.deploy : p.change) : levelColour[lv]);
        path.moveTo(ex + 4, mid);
        path.arc(ex, mid, 4, 0, Math.PI * 2);
      }
    }
  }
  batches.fill(ctx);
}

function drawSeries(d: DrawInput, row: Row, k: number): void {
  const { ctx, palette: p, t0 } = d;
  const { t, v } = row.series!;
  if (t.length === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) { if (v[i] < min) min = v[i]; if (v[i] > max) max = v[i]; }
  const threshold = row.series!.threshold;
  if (threshold !== undefined) { min = Math.min(min, threshold); max = Math.max(max, threshold); }
  const span = max - min || 1;
  const y = (val: number) => row.y + row.height - 4 - ((val - min) / span) * (row.height - 8);
  ctx.strokeStyle = p.metric;
  ctx.lineWidth = p.highContrast ? 2 : 1.25;
  ctx.beginPath();
  ctx.moveTo((t[0] - t0) * k, y(v[0]));
  for (let i = 1; i < t.length; i++) ctx.lineTo((t[i] - t0) * k, y(v[i]));
  ctx.stroke();
  if (threshold !== undefined) {
    ctx.strokeStyle = p.error;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(0, y(threshold));
    ctx.lineTo(d.width, y(threshold));
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
