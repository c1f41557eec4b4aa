// End to end through the command line: `simulate` serves the demo snapshot, `gather` reads it back (real SDK clients,
// child processes, HTTP on 127.0.0.1); bad input exits 2 with one line.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDemoWorkspace } from '../../../src/cli/commands/demo';
import type { Snapshot } from '../../../src/core/model/snapshot';

const CLI = path.resolve(__dirname, '../../../src/cli/main.js');
const cleanEnv = () => {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(AWS_|GITHUB_TOKEN|GH_TOKEN|JIRA_|SERVICENOW_)/.test(k)) delete env[k];
  return env;
};

describe('incident-lens simulate + gather (CLI)', function () {
  this.timeout(60_000);
  let tmp: string;
  let sim: ChildProcess | undefined;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'cli-rt-'));
  });
  after(() => {
    sim?.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('gathers back the snapshot the simulator serves', async () => {
    const dir = path.join(tmp, 'ws');
    const onset = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000).toISOString().replace('.000Z', 'Z');
    const snap = await makeDemoWorkspace(dir, { onset });
    sim = spawn(process.execPath, [CLI, 'simulate', path.join(dir, 'demo.incident.json'), '--repo', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const endpoints = await new Promise<Record<string, string>>((resolve, reject) => {
      let buf = '';
      sim!.stdout!.on('data', (b: Buffer) => {
        buf += b.toString();
        if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]));
      });
      sim!.on('exit', (code) => reject(new Error(`simulate exited ${code}`)));
    });
    assert.deepEqual(Object.keys(endpoints).sort(), ['cloudwatch', 'github', 'jira', 'logs', 'servicenow']);
    const out = path.join(tmp, 'gathered.incident.json');
    const since = new Date(Date.parse(onset) - 120 * 60_000).toISOString();
    const until = new Date(Date.parse(onset) + 46 * 60_000).toISOString();
    const g = spawnSync(process.execPath, [CLI, 'gather', '--config', path.join(dir, '.incident-lens.yaml'), '--endpoint-url', endpoints.github, '--since', since, '--until', until, '--out', out], { encoding: 'utf8', env: cleanEnv() });
    assert.equal(g.status, 0, g.stderr);
    const got = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
    assert.deepEqual(got.gaps, []);
    assert.deepEqual(got.deploys!.map((d) => [d.id, d.ref, d.previousRef]), snap.deploys!.map((d) => [d.id, d.ref, d.previousRef]));
    assert.deepEqual(got.deploys![1].commits, snap.deploys![1].commits);
    assert.deepEqual(got.alarms!.filter((a) => a.state === 'ALARM').map((a) => a.name), snap.alarms!.map((a) => a.name));
    assert.equal(got.logs!.length, snap.logs!.length);
    // Insights counts (both window ends inclusive) cover the same events the uncapped sample holds.
    const groups = [...new Set(snap.logs!.map((l) => l.group))];
    assert.deepEqual(got.logInsights!.map((li) => li.group).sort(), groups.sort());
    const counted = got.logInsights!.reduce((n, li) => n + li.bins.reduce((m, b) => m + b.total, 0), 0);
    const inWindow = snap.logs!.filter((l) => Date.parse(l.at) >= Date.parse(since) && Date.parse(l.at) <= Date.parse(until)).length;
    assert.equal(counted, inWindow);
    assert.deepEqual(got.metrics!.map((m) => m.id).sort(), snap.metrics!.map((m) => m.id).sort());
    for (const t of snap.tickets!) assert.ok(got.tickets!.some((x) => x.id === t.id && x.title === t.title), `ticket ${t.id}`);
    assert.ok(got.tickets!.some((t) => t.source === 'pir'), 'the workspace PIR is history too');
  });

  it('exits 2 with one line naming the file and line of a bad configuration', () => {
    const cfg = path.join(tmp, 'bad.yaml');
    writeFileSync(cfg, 'service: x\ndeploys:\n  from: kubernetes\n');
    const g = spawnSync(process.execPath, [CLI, 'gather', '--config', cfg], { encoding: 'utf8', env: cleanEnv() });
    assert.equal(g.status, 2);
    assert.equal(g.stderr.trim().split('\n').length, 1);
    assert.match(g.stderr, /^incident-lens gather: .*bad\.yaml:3: deploys\.from: must be one of "github-deployments", "tags", "merges"/);
    const s = spawnSync(process.execPath, [CLI, 'simulate', path.join(tmp, 'missing.json')], { encoding: 'utf8' });
    assert.equal(s.status, 2);
    assert.match(s.stderr, /missing\.json: cannot read snapshot: no such file/);
    const f = spawnSync(process.execPath, [CLI, 'simulate', cfg, '--faults', 'repos.listTags:sometimes'], { encoding: 'utf8' });
    assert.equal(f.status, 2);
  });
});
