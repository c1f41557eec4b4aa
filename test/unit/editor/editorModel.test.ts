import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { changesForPath, suspectChanges } from '../../../src/vscode/codelens/suspectChanges';
import { checkSnapshot } from '../../../src/vscode/commands/snapshotCheck';
import { frameLinks } from '../../../src/vscode/stacktrace/frameLinks';
import { buildTimeline, logLevel } from '../../../src/vscode/timeline/timelineData';
import { layoutRows, nearest } from '../../../webview-ui/timeline/layout';
import { TimelineModel } from '../../../webview-ui/timeline/model';
import { packTimeline } from '../../../src/vscode/timeline/timelinePack';

const root = path.resolve(__dirname, '../../../..');

function reportFor(snapshot: Snapshot, suspects: Report['suspects']): Report {
  return {
    schema: 'incident-lens/report@1', rootCause: { category: 'code-change', summary: 's', confidence: 0.8, evidence: ['e1'] },
    suspects, hypotheses: [], actions: [], timeline: [], gaps: [],
    evidence: [{ id: 'e1', kind: 'deploy', summary: `deploy ${snapshot.deploys?.[1]?.id}` }, { id: 'e2', kind: 'log-pattern', summary: 'throttling errors 0 → 120' }],
  };
}

describe('suspect changes from a report', () => {
  const snap = demoSnapshot();
  const [, v241] = snap.deploys!;
  it('follows a commit-level suspect to its files and hunks, with rank and the alarm after the deploy', () => {
    const fix = v241.commits![0];
    const changes = suspectChanges(snap, reportFor(snap, [{ deployId: v241.id, commit: fix.sha, score: 0.9, evidence: ['e1', 'e2'], reasons: ['touches the failing frame'] }]));
    assert.equal(changes.length, 1);
    const [c] = changes;
    assert.equal(c.file.path, 'src/orders.js');
    assert.equal(c.rank, 1);
    assert.deepEqual(c.hunks.map((h) => h.ranges), [[{ start: 19, end: 28 }]]);
    assert.equal(c.alarm?.name, 'api-latency-critical');
    assert.equal(c.minutesToAlarm, 12);
    assert.deepEqual(c.evidence.map((e) => e.id), ['e1', 'e2']);
    assert.equal(changesForPath(changes, './src/orders.js').length, 1);
    assert.equal(changesForPath(changes, 'orders.js').length, 0);
  });
  it('ranks by deploy when the report lists a deploy and then its commit', () => {
    const fix = v241.commits![0];
    const changes = suspectChanges(snap, reportFor(snap, [
      { deployId: 'v2.4.0', score: 0.1, evidence: [] },
      { deployId: v241.id, score: 0.9, evidence: ['e1'], reasons: ['8 min before the onset'] },
      { deployId: v241.id, commit: fix.sha.slice(0, 7), score: 0.95, evidence: ['e2'], reasons: ['N+1 query'] },
    ]));
    assert.deepEqual(changes.map((c) => [c.file.path, c.rank, c.score]), [['src/orders.js', 2, 0.95]]);
    assert.deepEqual(changes[0].reasons, ['N+1 query', '8 min before the onset']);
  });
  it('takes every commit of a deploy ranked whole, and nothing without a report', () => {
    const changes = suspectChanges(snap, reportFor(snap, [{ deployId: v241.id, score: 0.7, evidence: [] }]));
    assert.deepEqual(changes.map((c) => c.file.path).sort(), ['package.json', 'src/orders.js']);
    assert.deepEqual(suspectChanges(snap, undefined), []);
    assert.deepEqual(suspectChanges(snap, reportFor(snap, [])), []);
  });
});

describe('timeline data', () => {
  it('puts every snapshot item in its lane with finite times and a focus window around the incident', () => {
    const snap = demoSnapshot();
    const data = buildTimeline(snap);
    assert.equal(data.events.filter((e) => e.lane === 'logs').length, snap.logs!.length);
    assert.equal(data.events.filter((e) => e.lane === 'alarms').length, snap.alarms!.length);
    assert.equal(data.metrics.length, snap.metrics!.length);
    assert.ok(data.events.every((e, i, a) => Number.isFinite(e.at) && (i === 0 || a[i - 1].at <= e.at)));
    assert.equal(data.onset, Date.parse(snap.incident.startedAt));
    // tickets weeks before the onset widen the whole range but not the first view
    assert.ok(data.start < data.focusStart && data.focusStart < data.onset && data.onset < data.focusEnd);
    assert.ok(data.focusEnd - data.focusStart < 6 * 3_600_000);
    assert.equal(data.metrics.find((m) => m.id === 'm-api-latency')?.threshold, 1000);
  });
  it('ranks deploys from the report and drops unparseable times', () => {
    const snap = demoSnapshot();
    snap.changes = [{ id: 'c1', at: 'not a time', kind: 'config' }];
    const data = buildTimeline(snap, reportFor(snap, [{ deployId: 'v2.4.1', score: 0.8, evidence: [] }]));
    assert.match(data.events.find((e) => e.ref.kind === 'deploy' && e.ref.id === 'v2.4.1')!.label, /suspect #1/);
    assert.equal(data.events.some((e) => e.ref.kind === 'change'), false);
  });
  it('reads log levels', () => {
    assert.equal(logLevel('ERROR boom'), 'error');
    assert.equal(logLevel('WARN slow'), 'warn');
    assert.equal(logLevel('INFO fine'), 'info');
  });
  it('lays out rows by lane and filter, and hit-tests the nearest event', () => {
    const data = buildTimeline(demoSnapshot());
    const model = new TimelineModel(packTimeline(data));
    const all = layoutRows(model, new Set(), new Set());
    assert.deepEqual([...new Set(all.map((r) => r.lane))], ['alarms', 'deploys', 'logs', 'metrics', 'tickets', 'changes']);
    const noLogs = layoutRows(model, new Set(['logs']), new Set(['AWS/DynamoDB']));
    assert.equal(noLogs.some((r) => r.lane === 'logs'), false);
    assert.equal(noLogs.filter((r) => r.series).length, data.metrics.filter((m) => m.source !== 'AWS/DynamoDB').length);
    const alarms = all.find((r) => r.lane === 'alarms')!;
    assert.equal(model.ref(nearest(model, alarms.events, data.onset + 1000, 5000)).kind, 'alarm');
    assert.equal(nearest(model, alarms.events, data.onset - 3_600_000, 5000), -1);
  });
});

describe('stack frame links', () => {
  it('underlines path:line:col of each frame in a log line', () => {
    const text = 'ERROR boom\n    at async getOrderSummary (/var/task/src/orders.js:22:17)\n    at handler (/var/task/src/handler.js:14:20)';
    const links = frameLinks(text);
    assert.equal(links.length, 2);
    const line1 = text.split('\n')[1];
    assert.equal(line1.slice(links[0].start, links[0].end), '/var/task/src/orders.js:22:17');
    assert.equal(links[0].line, 1);
    assert.equal(links[0].frame.line, 22);
  });
  it('finds Python and Java frames, and nothing in plain text', () => {
    const py = 'Traceback (most recent call last):\n  File "/app/svc/orders.py", line 42, in get\n    q()\nValueError: x';
    const [l] = frameLinks(py);
    assert.equal(py.split('\n')[1].slice(l.start, l.end), '/app/svc/orders.py');
    const java = 'java.lang.IllegalStateException: x\n\tat com.acme.Orders.get(Orders.java:42)';
    const [j] = frameLinks(java);
    assert.equal(java.split('\n')[1].slice(j.start, j.end), 'Orders.java:42');
    assert.deepEqual(frameLinks('all good here: 12:30 at noon'), []);
  });
  it('links each frame of a flattened trace on its own line of the text, in order', () => {
    const json = 'INFO start\n{"level":"error","msg":"boom","stack":"Error: boom\\n    at load (/app/src/db.js:10:3)\\n    at run (/app/src/db.js:20:5)"}\nINFO next';
    const links = frameLinks(json);
    assert.deepEqual(links.map((l) => [l.line, json.split('\n')[1].slice(l.start, l.end)]), [[1, '/app/src/db.js:10:3'], [1, '/app/src/db.js:20:5']]);
    const php = "PHP Fatal error:  Uncaught Exception: no in /var/www/src/Repo.php:12 Stack trace: #0 /var/www/src/Repo.php(30): Repo->find() #1 /var/www/src/Api.php(8): Repo->all() #2 {main} thrown in /var/www/src/Repo.php on line 12";
    const got = frameLinks(php).map((l) => [l.line, php.slice(l.start, l.end), l.frame.line]);
    assert.ok(got.length >= 2, JSON.stringify(got));
    assert.deepEqual(got.filter(([, t]) => String(t).includes('(')), [[0, '/var/www/src/Repo.php(30)', 30], [0, '/var/www/src/Api.php(8)', 8]]);
    const starts = frameLinks(php).map((l) => l.start);
    assert.deepEqual([...starts].sort((a, b) => a - b), starts, 'in the order they appear');
  });
});

describe('snapshot check in the editor', () => {
  it('accepts the demo and names the JSON path of a problem', () => {
    assert.equal(checkSnapshot(JSON.parse(JSON.stringify(demoSnapshot()))), undefined);
    assert.equal(checkSnapshot({ schema: 'incident-lens/snapshot@1', incident: { id: 'x', title: 't' } }), '/incident/startedAt: must be an ISO-8601 time');
    const bad = JSON.parse(JSON.stringify(demoSnapshot()));
    delete bad.deploys[1].at;
    assert.equal(checkSnapshot(bad), '/deploys/1/at: is required but missing');
    assert.equal(checkSnapshot([]), '/: must be a JSON object');
  });
});

describe('localisation', () => {
  it('has a Korean text for every English message and contribution key', () => {
    const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8')) as Record<string, string>;
    const en = read('l10n/bundle.l10n.json');
    const ko = read('l10n/bundle.l10n.ko.json');
    assert.deepEqual(Object.keys(en).filter((k) => !ko[k]), []);
    // placeholders survive translation
    for (const [k, v] of Object.entries(ko)) {
      const ph = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
      assert.equal(ph(v), ph(k), k);
    }
    const nls = read('package.nls.json');
    const nlsKo = read('package.nls.ko.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !nlsKo[k]), []);
    const pkg = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((k) => !(k in nls)), []);
  });
  it('the English bundle lists every message in src/vscode', async () => {
    const { collect } = await import(path.join(root, 'scripts', 'l10n', 'extract.mjs')) as { collect(dir: string): string[] };
    const en = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const cwd = process.cwd();
    process.chdir(root);
    try {
      assert.deepEqual(collect('src/vscode').filter((m) => !(m in en)), []);
    } finally {
      process.chdir(cwd);
    }
  });
});
