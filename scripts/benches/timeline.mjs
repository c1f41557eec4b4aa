// Timeline first paint with 5,000 events in headless Chromium: the built webview bundle (dist/webview/timeline.js)
// in a plain page with a stub acquireVsCodeApi, one 'load' message posted, measured with performance marks from
// the post to the webview's own 'timeline:painted' mark (set in the frame after the first draw).
// The 500-event run of the same page is the in-run reference: the ratio shows how paint time grows with events.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const title = 'timeline webview';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const RUNS = 7;

/** Builds the webview as production does (minified), into a private folder so a concurrent build cannot swap it. */
async function ensureBuilt() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'il-timeline-bench-'));
  const esbuild = await import('esbuild');
  await esbuild.build({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'warning',
    entryPoints: { timeline: path.join(root, 'webview-ui', 'timeline', 'main.ts') }, outdir: dir, loader: { '.css': 'css' },
  });
  const html = path.join(root, 'out', 'src', 'vscode', 'timeline', 'timelineHtml.js');
  if (!fs.existsSync(html)) execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: root, stdio: 'ignore' });
  return { dir, js: path.join(dir, 'timeline.js'), html };
}

/** Seeded events spread over four hours in every lane, with a burst of errors after the onset, like an incident. */
export function makeData(n) {
  let s = 42;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const start = Date.parse('2026-01-14T01:15:00Z');
  const onset = start + 2 * 3_600_000;
  const end = start + 4 * 3_600_000;
  const events = [];
  const lanes = [['alarms', 0.004], ['deploys', 0.002], ['tickets', 0.002], ['changes', 0.004]];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let acc = 0;
    let lane = 'logs';
    for (const [l, p] of lanes) { acc += p; if (r < acc) { lane = l; break; } }
    const at = Math.round(start + rnd() * (end - start));
    const level = at > onset && rnd() < 0.6 ? 'error' : rnd() < 0.1 ? 'warn' : 'info';
    const ref = lane === 'logs' ? { kind: 'log', index: i } : { kind: lane.slice(0, -1), id: `${lane}-${i}` };
    events.push({ lane, at, label: `${lane} event ${i}`, source: lane === 'logs' ? `/aws/lambda/svc-${i % 4}` : lane, level, ref,
      ...(lane === 'tickets' ? { end: at + 3_600_000 } : {}) });
  }
  events.sort((a, b) => a.at - b.at);
  const metrics = Array.from({ length: 6 }, (_, m) => ({
    id: `m${m}`, label: `Metric ${m}`, source: m < 3 ? 'AWS/ApiGateway' : 'AWS/DynamoDB', unit: 'Count',
    points: Array.from({ length: 240 }, (_, k) => [start + k * 60_000, (k > 120 ? 300 : 100) + rnd() * 20]),
  }));
  return { incidentId: 'BENCH-1', title: `${n} events`, onset, start, end, focusStart: start, focusEnd: end, events, metrics };
}

async function serve(page, dir) {
  const server = http.createServer((req, res) => {
    const file = { '/': null, '/timeline.js': 'timeline.js', '/timeline.css': 'timeline.css' }[req.url ?? ''];
    if (file === null) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    } else if (file) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(fs.readFileSync(path.join(dir, file)));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run() {
  const built = await ensureBuilt();
  const { timelineHtml } = require(built.html);
  const { chromium } = require('playwright-core');
  const html = timelineHtml({
    cspSource: 'http://127.0.0.1:*', nonce: 'bench', scriptUri: '/timeline.js', styleUri: '/timeline.css',
    text: { lanes: 'Lanes', sources: 'Sources', reset: 'Reset zoom', help: 'help', loading: 'Loading' },
  });
  const server = await serve(html, built.dir);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.INCIDENT_LENS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      window.__posted = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
    });
    const paint = async (data) => {
      await page.goto(url);
      await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
      return page.evaluate((d) => new Promise((resolve) => {
        const t0 = performance.now();
        performance.mark('bench:post');
        window.postMessage({ type: 'load', data: d }, '*');
        const poll = () => {
          const m = window.__posted.find((x) => x.type === 'painted');
          if (!m) return requestAnimationFrame(poll);
          const mark = performance.getEntriesByName('timeline:painted')[0];
          resolve({ total: mark.startTime - t0, own: m.ms, events: m.events });
        };
        poll();
      }), data);
    };
    const big = makeData(5000);
    const small = makeData(500);
    await paint(small); // warm the browser's caches once
    const bigRuns = [];
    const smallRuns = [];
    const own = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await paint(big);
      bigRuns.push(r.total);
      own.push(r.own);
      smallRuns.push((await paint(small)).total);
    }
    // What structured-cloning the message alone costs in this browser right now (the part before the webview's code runs).
    const cloneMs = await page.evaluate((d) => { const t0 = performance.now(); for (let i = 0; i < 3; i++) structuredClone(d); return (performance.now() - t0) / 3; }, big);
    // One zoom step by keyboard on the 5,000-event chart: the time to the next frame after the key.
    await paint(big);
    await page.focus('#canvas');
    const zoomMs = [];
    for (let i = 0; i < 5; i++) {
      zoomMs.push(await page.evaluate(() => new Promise((resolve) => {
        const t0 = performance.now();
        document.querySelector('#canvas').dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
        requestAnimationFrame(() => resolve(performance.now() - t0));
      })));
    }
    const bundle = fs.statSync(built.js).size / 1024;
    const b = median(bigRuns);
    const sm = median(smallRuns);
    console.log(`  5000 events: ${bigRuns.map((x) => x.toFixed(1)).join(', ')} ms; 500 events: ${smallRuns.map((x) => x.toFixed(1)).join(', ')} ms`);
    return [
      { name: 'first paint, 5,000 events (median of 7)', value: b, unit: 'ms', budget: 150 },
      { name: 'first paint, 500 events (median of 7)', value: sm, unit: 'ms' },
      { name: 'paint time ratio 5,000 / 500 events', value: b / sm, unit: 'x' },
      { name: 'of which: webview load handler to painted, 5,000 events', value: median(own), unit: 'ms' },
      { name: 'structured clone of the 5,000-event message', value: cloneMs, unit: 'ms' },
      { name: 'keyboard zoom to next frame, 5,000 events', value: median(zoomMs), unit: 'ms', budget: 50 },
      { name: 'dist/webview/timeline.js (minified)', value: bundle, unit: 'KB', budget: 120 },
    ];
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(built.dir, { recursive: true, force: true });
  }
}
