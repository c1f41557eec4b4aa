// The timeline webview: swimlanes on a zoomable time axis (d3-zoom + d3-scale, SVG axis, canvas events).
import './timeline.css';
import { axisBottom } from 'd3-axis';
import { scaleUtc, type ScaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { isHostMessage, LANES, type EventRef, type HostMessage, type Lane, type TimelineData, type TimelineEvent, type TimelineState, type UiMessage } from '../shared/protocol';
import { draw } from './draw';
import { LANE_TITLE, layoutRows, nearest, sources, type Row } from './layout';
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

let data: TimelineData | undefined;
let rows: Row[] = [];
let base: ScaleTime<number, number> = scaleUtc();
let x: ScaleTime<number, number> = scaleUtc();
let palette: Palette = readPalette();
let selected: TimelineEvent | undefined;
let width = 0;
let height = 0;
let painted = false;
let loadMark = 0;
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

function resize(): void {
  const dpr = window.devicePixelRatio || 1;
  width = Math.max(100, plot.clientWidth);
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
  if (!data) return;
  draw({ ctx, width, height, x, rows, onset: data.onset, palette, selected });
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
  if (!data) return;
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
  sourceFilters.replaceChildren(...sources(data).map((s) => box(s, !state.hiddenSources.includes(s), (on) => {
    save({ hiddenSources: on ? state.hiddenSources.filter((l) => l !== s) : [...state.hiddenSources, s] });
    relayout();
  })));
}

function relayout(): void {
  if (!data) return;
  rows = layoutRows(data, new Set<Lane>(state.hiddenLanes), new Set(state.hiddenSources));
  if (selected && !rows.some((r) => r.events.includes(selected!))) selected = undefined;
  renderLabels();
  resize();
  render();
}

/** Shows [x0, x1] by setting the zoom transform, so wheel and drag continue from there. */
function showWindow(x0: number, x1: number): void {
  const k = width / Math.max(1, base(x1) - base(x0));
  canvasSel.call(zoom.transform, zoomIdentity.scale(k).translate(-base(x0), 0));
}

function load(msg: Extract<HostMessage, { type: 'load' }>): void {
  loadMark = performance.now();
  performance.mark('timeline:load');
  const sameIncident = state.incidentId === msg.data.incidentId;
  data = msg.data;
  title.textContent = `${data.incidentId} ${data.title}`;
  save({ incidentId: data.incidentId, snapshotUri: msg.snapshotUri ?? state.snapshotUri });
  if (!sameIncident) save({ hiddenLanes: [], hiddenSources: [], view: undefined });
  base = scaleUtc().domain([new Date(data.start), new Date(data.end)]);
  x = base.copy();
  rows = layoutRows(data, new Set<Lane>(state.hiddenLanes), new Set(state.hiddenSources));
  document.body.classList.remove('is-empty');
  renderLabels();
  renderFilters();
  resize();
  const view = sameIncident && state.view ? state.view : { x0: data.focusStart, x1: data.focusEnd };
  showWindow(view.x0, view.x1);
  if (msg.focus) focus(msg.focus);
  if (!painted) {
    painted = true;
    requestAnimationFrame(() => {
      performance.mark('timeline:painted');
      performance.measure('timeline:first-paint', 'timeline:load', 'timeline:painted');
      post({ type: 'painted', ms: performance.now() - loadMark, events: data?.events.length ?? 0 });
    });
  }
}

function sameRef(a: EventRef, b: EventRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function focus(ref: EventRef): void {
  if (!data) return;
  let ev = data.events.find((e) => sameRef(e.ref, ref));
  if (!ev && ref.kind === 'metric') {
    // A metric has no event: show the series and the window around the onset.
    const row = rows.find((r) => r.series?.id === ref.id);
    announce(row ? `${row.label}` : `metric ${ref.id}`);
    labels.querySelectorAll('.label').forEach((el, i) => el.classList.toggle('is-focused', rows[i] === row));
    return;
  }
  if (!ev) return;
  if (state.hiddenLanes.includes(ev.lane) || state.hiddenSources.includes(ev.source)) {
    save({ hiddenLanes: state.hiddenLanes.filter((l) => l !== ev!.lane), hiddenSources: state.hiddenSources.filter((s) => s !== ev!.source) });
    renderFilters();
    relayout();
  }
  select1(ev, true);
}

function announce(text: string): void {
  status.textContent = text;
}

function describe(e: TimelineEvent): string {
  return `${new Date(e.at).toISOString().slice(0, 19).replace('T', ' ')}Z · ${LANE_TITLE[e.lane]} · ${e.label}${e.detail ? ` · ${e.detail}` : ''}`;
}

function select1(e: TimelineEvent | undefined, scrollIntoView = false): void {
  selected = e;
  if (e && scrollIntoView) {
    const [a, b] = x.domain().map((d) => d.getTime());
    if (e.at < a || e.at > b) showWindow(e.at - (b - a) / 2, e.at + (b - a) / 2);
  }
  render();
  if (e) announce(describe(e));
}

function hit(px: number, py: number): { row?: Row; ev?: TimelineEvent } {
  const row = rows.find((r) => py >= r.y && py < r.y + r.height);
  if (!row) return {};
  const tol = Math.abs(x.invert(px + 6).getTime() - x.invert(px).getTime());
  return { row, ev: nearest(row.events, x.invert(px).getTime(), tol) };
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
  canvas.classList.toggle('is-pointing', !!e);
  if (e) return showTooltip(ev.offsetX, ev.offsetY, describe(e));
  if (row?.series) {
    const t = x.invert(ev.offsetX).getTime();
    const pts = row.series.points;
    let best = pts[0];
    for (const p of pts) if (Math.abs(p[0] - t) < Math.abs(best[0] - t)) best = p;
    if (best) return showTooltip(ev.offsetX, ev.offsetY, `${row.series.source} ${row.label}: ${best[1]}${row.series.unit ? ` ${row.series.unit}` : ''} at ${new Date(best[0]).toISOString().slice(11, 16)}Z`);
  }
  tooltip.hidden = true;
});
canvas.addEventListener('mouseleave', () => { tooltip.hidden = true; });
canvas.addEventListener('click', (ev) => {
  const { ev: e } = hit(ev.offsetX, ev.offsetY);
  if (!e) return;
  select1(e);
  activate(e, ev.altKey);
});

/** Click or Enter: reveal in the tree; deploys and commits open their diff, log lines their pattern's examples. */
function activate(e: TimelineEvent, alternate = false): void {
  if (e.ref.kind === 'log') post({ type: 'openLogExamples', index: e.ref.index });
  else if (e.ref.kind === 'commit') post({ type: 'openDiff', deployId: e.ref.deployId, sha: e.ref.sha });
  else if (e.ref.kind === 'deploy' && alternate) post({ type: 'openDiff', deployId: e.ref.id });
  else post({ type: 'reveal', ref: e.ref });
}

function visibleEvents(): TimelineEvent[] {
  const [a, b] = x.domain().map((d) => d.getTime());
  return rows.flatMap((r) => r.events).filter((e) => e.at >= a && e.at <= b).sort((p, q) => p.at - q.at);
}

canvas.addEventListener('keydown', (ev) => {
  if (!data) return;
  const [a, b] = x.domain().map((d) => d.getTime());
  const span = b - a;
  const step = (dir: number) => {
    const list = visibleEvents();
    if (list.length === 0) return;
    const i = selected ? list.indexOf(selected) : -1;
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
    case 'Enter': if (selected) activate(selected); break;
    case 'd': if (selected?.ref.kind === 'deploy') post({ type: 'openDiff', deployId: selected.ref.id }); break;
    case 'Escape': select1(undefined); announce(''); break;
    default: return;
  }
  ev.preventDefault();
});

$<HTMLButtonElement>('#reset').addEventListener('click', () => data && showWindow(data.focusStart, data.focusEnd));

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = ev.data;
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'load': load(msg); break;
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
