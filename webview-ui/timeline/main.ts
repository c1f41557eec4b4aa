// The timeline webview: swimlanes on a zoomable time axis (d3-zoom + d3-scale, SVG axis, canvas events).
import './timeline.css';
import { axisBottom } from 'd3-axis';
import { scaleUtc, type ScaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { isHostMessage, LANES, type EventRef, type HostMessage, type Lane, type TimelineState, type UiMessage } from '../shared/protocol';
import { draw } from './draw';
import { LANE_TITLE, layoutRows, nearest, type Row } from './layout';
import { TimelineModel } from './model';
import { readPalette, type Palette } from './theme';

interface VsCodeApi {
  postMessage(message: UiMessage): void;
  getState(): TimelineState | undefined;
  setState(state: TimelineState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
const state: TimelineState = { hiddenLanes: [], hiddenSources: [], ...saved };

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const plot = $<HTMLDivElement>('#plot');
const canvas = $<HTMLCanvasElement>('#canvas');
const labels = $<HTMLDivElement>('#labels');
const axisSvg = $<SVGSVGElement>('#axis');
const tooltip = $<HTMLDivElement>('#tooltip');
const status = $<HTMLDivElement>('#status');
const title = $<HTMLHeadingElement>('#title');
const laneFilters = $<HTMLDivElement>('#lanes');
const sourceFilters = $<HTMLDivElement>('#sources');
const ctx = canvas.getContext('2d')!;

let model: TimelineModel | undefined;
let rows: Row[] = [];
let base: ScaleTime<number, number> = scaleUtc();
let x: ScaleTime<number, number> = scaleUtc();
let palette: Palette = readPalette();
/** Selected event index, or -1. */
let selected = -1;
let width = 0;
let height = 0;
let painted = false;
const zoom: ZoomBehavior<HTMLCanvasElement, unknown> = d3zoom<HTMLCanvasElement, unknown>()
  .scaleExtent([0.5, 1e6])
  .on('zoom', (ev: { transform: ZoomTransform }) => {
    x = ev.transform.rescaleX(base);
    render();
    const [a, b] = x.domain();
    save({ view: { x0: a.getTime(), x1: b.getTime() } });
  });
const canvasSel = select(canvas);
canvasSel.call(zoom).on('dblclick.zoom', null);

function save(patch: Partial<TimelineState>): void {
  Object.assign(state, patch);
  vscode.setState(state);
}

function post(m: UiMessage): void {
  vscode.postMessage(m);
}

/** `measured`: a width read before this frame's DOM writes, so the first paint forces one layout, not two. */
function resize(measured?: number): void {
  const dpr = window.devicePixelRatio || 1;
  width = Math.max(100, measured ?? plot.clientWidth);
  height = rows.length ? rows[rows.length - 1].y + rows[rows.length - 1].height : 40;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const domain = x.domain();
  base.range([0, width]);
  x = x.copy().domain(domain).range([0, width]);
}

function render(): void {
  if (!model) return;
  const [t0, t1] = x.domain().map((v) => v.getTime());
  draw({ ctx, width, height, t0, t1, rows, model, onset: model.data.onset, palette, selected });
  const ticks = Math.max(2, Math.floor(width / 110));
  select(axisSvg).attr('width', width).attr('height', 22)
    .select<SVGGElement>('g').call(axisBottom(x).ticks(ticks).tickSizeOuter(0).tickFormat((d) => utcLabel(d as Date, x)));
}

/** UTC tick labels: "03:15" within two days, "01-14 03:00" beyond; incidents are read in UTC like the logs. */
function utcLabel(d: Date, scale: ScaleTime<number, number>): string {
  const [a, b] = scale.domain().map((v) => v.getTime());
  const iso = d.toISOString();
  if (b - a <= 2 * 86_400_000) return iso.slice(11, 16);
  return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

function renderLabels(): void {
  labels.replaceChildren(...rows.map((r) => {
    const el = document.createElement('div');
    el.className = `label lane-${r.lane}`;
    el.textContent = r.label;
    el.title = r.series ? `${r.series.source} ${r.label}` : r.label;
    el.style.height = `${r.height}px`;
    return el;
  }));
}

function renderFilters(): void {
  if (!model) return;
  const box = (name: string, checked: boolean, onChange: (on: boolean) => void) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = checked;
    input.addEventListener('change', () => onChange(input.checked));
    label.append(input, ` ${name}`);
    return label;
  };
  laneFilters.replaceChildren(...LANES.map((lane) => box(LANE_TITLE[lane], !state.hiddenLanes.includes(lane), (on) => {
    save({ hiddenLanes: on ? state.hiddenLanes.filter((l) => l !== lane) : [...state.hiddenLanes, lane] });
    relayout();
  })));
  sourceFilters.replaceChildren(...model.sources().map((s) => box(s, !state.hiddenSources.includes(s), (on) => {
    save({ hiddenSources: on ? state.hiddenSources.filter((l) => l !== s) : [...state.hiddenSources, s] });
    relayout();
  })));
}

function relayout(): void {
  if (!model) return;
  rows = layoutRows(model, new Set<Lane>(state.hiddenLanes), new Set(state.hiddenSources));
  if (selected >= 0 && !rows.some((r) => r.events.includes(selected))) selected = -1;
  renderLabels();
  resize();
  render();
}

/** Shows [x0, x1] by setting the zoom transform, so wheel and drag continue from there. */
function showWindow(x0: number, x1: number): void {
  const k = width / Math.max(1, base(x1) - base(x0));
  canvasSel.call(zoom.transform, zoomIdentity.scale(k).translate(-base(x0), 0));
}

/** Idle time if the browser offers it, else the next task: what the first paint does not need waits for it. */
const whenIdle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 1));

/** Runs `fn` once the next frame has been produced: a task queued from requestAnimationFrame runs after that frame. */
function afterNextFrame(fn: () => void): void {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); fn(); };
    ch.port2.postMessage(0);
  });
}

/** First paint does only what the chart needs: title, rows, labels, one width read, one draw; filters come after. */
function load(msg: Extract<HostMessage, { type: 'load' }>): void {
  const sameIncident = state.incidentId === msg.data.incidentId;
  model = new TimelineModel(msg.data);
  const d = msg.data;
  selected = -1;
  const measured = plot.clientWidth;
  title.textContent = `${d.incidentId} ${d.title}`;
  save({ incidentId: d.incidentId, snapshotUri: msg.snapshotUri ?? state.snapshotUri });
  if (!sameIncident) save({ hiddenLanes: [], hiddenSources: [], view: undefined });
  base = scaleUtc().domain([new Date(d.start), new Date(d.end)]);
  x = base.copy();
  rows = layoutRows(model, new Set<Lane>(state.hiddenLanes), new Set(state.hiddenSources));
  document.body.classList.remove('is-empty');
  renderLabels();
  resize(measured);
  const view = sameIncident && state.view ? state.view : { x0: d.focusStart, x1: d.focusEnd };
  showWindow(view.x0, view.x1);
  if (msg.focus) focus(msg.focus);
  performance.mark('timeline:drawn');
  if (!painted) {
    painted = true;
    const events = d.events.count;
    afterNextFrame(() => {
      performance.mark('timeline:painted');
      const m = performance.measure('timeline:first-paint', 'timeline:received', 'timeline:painted');
      post({ type: 'painted', ms: m.duration, events });
    });
  }
  whenIdle(renderFilters);
}

function focus(ref: EventRef): void {
  if (!model) return;
  const ev = model.indexOf(ref);
  if (ev < 0 && ref.kind === 'metric') {
    // A metric has no event: show the series and the window around the onset.
    const row = rows.find((r) => r.series?.id === ref.id);
    announce(row ? `${row.label}` : `metric ${ref.id}`);
    labels.querySelectorAll('.label').forEach((el, i) => el.classList.toggle('is-focused', rows[i] === row));
    return;
  }
  if (ev < 0) return;
  const lane = model.lane(ev);
  const source = model.source(ev);
  if (state.hiddenLanes.includes(lane) || state.hiddenSources.includes(source)) {
    save({ hiddenLanes: state.hiddenLanes.filter((l) => l !== lane), hiddenSources: state.hiddenSources.filter((s) => s !== source) });
    renderFilters();
    relayout();
  }
  select1(ev, true);
}

function announce(text: string): void {
  status.textContent = text;
}

function describe(m: TimelineModel, i: number): string {
  const detail = m.detail(i);
  return `${new Date(m.at(i)).toISOString().slice(0, 19).replace('T', ' ')}Z · ${LANE_TITLE[m.lane(i)]} · ${m.label(i)}${detail ? ` · ${detail}` : ''}`;
}

/** Selects event `i` (-1: none). */
function select1(i: number, scrollIntoView = false): void {
  selected = i;
  if (model && i >= 0 && scrollIntoView) {
    const [a, b] = x.domain().map((d) => d.getTime());
    const t = model.at(i);
    if (t < a || t > b) showWindow(t - (b - a) / 2, t + (b - a) / 2);
  }
  render();
  if (model && i >= 0) announce(describe(model, i));
}

function hit(px: number, py: number): { row?: Row; ev: number } {
  const row = rows.find((r) => py >= r.y && py < r.y + r.height);
  if (!row || !model) return { ev: -1 };
  const tol = Math.abs(x.invert(px + 6).getTime() - x.invert(px).getTime());
  return { row, ev: nearest(model, row.events, x.invert(px).getTime(), tol) };
}

function showTooltip(px: number, py: number, text: string): void {
  tooltip.textContent = text;
  tooltip.hidden = false;
  const left = Math.min(px + 12, width - tooltip.offsetWidth - 4);
  tooltip.style.left = `${Math.max(0, left) + plot.offsetLeft}px`;
  tooltip.style.top = `${py + canvas.offsetTop + 14}px`;
}

canvas.addEventListener('mousemove', (ev) => {
  const { row, ev: e } = hit(ev.offsetX, ev.offsetY);
  canvas.classList.toggle('is-pointing', e >= 0);
  if (model && e >= 0) return showTooltip(ev.offsetX, ev.offsetY, describe(model, e));
  if (row?.series && row.series.t.length) {
    const t = x.invert(ev.offsetX).getTime();
    const s = row.series;
    let best = 0;
    for (let i = 1; i < s.t.length; i++) if (Math.abs(s.t[i] - t) < Math.abs(s.t[best] - t)) best = i;
    return showTooltip(ev.offsetX, ev.offsetY, `${s.source} ${row.label}: ${s.v[best]}${s.unit ? ` ${s.unit}` : ''} at ${new Date(s.t[best]).toISOString().slice(11, 16)}Z`);
  }
  tooltip.hidden = true;
});
canvas.addEventListener('mouseleave', () => { tooltip.hidden = true; });
canvas.addEventListener('click', (ev) => {
  const { ev: e } = hit(ev.offsetX, ev.offsetY);
  if (e < 0) return;
  select1(e);
  activate(e, ev.altKey);
});

/** Click or Enter: reveal in the tree; deploys and commits open their diff, log lines their pattern's examples. */
function activate(i: number, alternate = false): void {
  if (!model) return;
  const ref = model.ref(i);
  if (ref.kind === 'log') post({ type: 'openLogExamples', index: ref.index });
  else if (ref.kind === 'commit') post({ type: 'openDiff', deployId: ref.deployId, sha: ref.sha });
  else if (ref.kind === 'deploy' && alternate) post({ type: 'openDiff', deployId: ref.id });
  else post({ type: 'reveal', ref });
}

/** Indices of the events in the window, time ascending (indices follow time, so sorting them sorts by time). */
function visibleEvents(): number[] {
  if (!model) return [];
  const m = model;
  const [a, b] = x.domain().map((d) => d.getTime());
  return rows.flatMap((r) => Array.from(r.events)).filter((i) => m.at(i) >= a && m.at(i) <= b).sort((p, q) => p - q);
}

canvas.addEventListener('keydown', (ev) => {
  if (!model) return;
  const data = model.data;
  const [a, b] = x.domain().map((d) => d.getTime());
  const span = b - a;
  const step = (dir: number) => {
    const list = visibleEvents();
    if (list.length === 0) return;
    const i = selected >= 0 ? list.indexOf(selected) : -1;
    select1(list[Math.max(0, Math.min(list.length - 1, i < 0 ? (dir > 0 ? 0 : list.length - 1) : i + dir))]);
  };
  switch (ev.key) {
    case 'ArrowLeft': showWindow(a - span * 0.1, b - span * 0.1); break;
    case 'ArrowRight': showWindow(a + span * 0.1, b + span * 0.1); break;
    case '+': case '=': showWindow(a + span * 0.2, b - span * 0.2); break;
    case '-': case '_': showWindow(a - span * 0.25, b + span * 0.25); break;
    case 'Home': case '0': showWindow(data.focusStart, data.focusEnd); break;
    case 'n': case 'ArrowDown': step(1); break;
    case 'p': case 'ArrowUp': step(-1); break;
    case 'Enter': if (selected >= 0) activate(selected); break;
    case 'd': {
      const ref = selected >= 0 ? model.ref(selected) : undefined;
      if (ref?.kind === 'deploy') post({ type: 'openDiff', deployId: ref.id });
      break;
    }
    case 'Escape': select1(-1); announce(''); break;
    default: return;
  }
  ev.preventDefault();
});

$<HTMLButtonElement>('#reset').addEventListener('click', () => model && showWindow(model.data.focusStart, model.data.focusEnd));

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = ev.data;
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'load':
      performance.mark('timeline:received');
      load(msg);
      break;
    case 'focus': focus(msg.ref); break;
    case 'empty':
      document.body.classList.add('is-empty');
      status.textContent = msg.message;
      title.textContent = msg.message;
      break;
  }
});
window.addEventListener('resize', () => { resize(); render(); });
new MutationObserver(() => { palette = readPalette(); render(); }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
