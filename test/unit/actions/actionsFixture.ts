// A real repository with a local bare `origin`, two deploys, and the snapshot + report that describe them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { gitRunner } from '../../../src/providers/git/gitCli';
import { TestRepo } from '../git/gitFixture';

export interface ActionsWorld {
  repo: TestRepo;
  origin: string;
  shas: { base: string; v1: string; v2: string; later: string };
  snapshot: Snapshot;
  report: Report;
  env: NodeJS.ProcessEnv;
  run: ReturnType<typeof gitRunner>;
  cleanup(): void;
}

const ordersV1 = ['function listOrders(ids) {', '  return db.query("SELECT id, total FROM orders WHERE id IN (?)", [ids]);', '}', ''].join('\n');
const ordersV2 = ['function listOrders(ids) {', '  const out = [];', '  for (const id of ids) out.push(db.query("SELECT * FROM orders WHERE id = ?", [id]));', '  return out;', '}', ''].join('\n');

function buildWorld(): ActionsWorld {
  const origin = mkdtempSync(path.join(os.tmpdir(), 'il-origin-'));
  const repo = new TestRepo();
  const env = repo.env();
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env });
  repo.write('README.md', '# shop\n').write('src/orders.js', ordersV1);
  const base = repo.commit('initial');
  repo.write('src/cart.js', 'export const cart = [];\n');
  const v1 = repo.commit('add cart');
  repo.write('src/orders.js', ordersV2);
  const v2 = repo.commit('orders: load each order (perf)');
  repo.write('docs/notes.md', 'later work on main\n');
  const later = repo.commit('docs: notes');
  repo.git('remote', 'add', 'origin', origin);
  repo.git('push', '-q', 'origin', 'main');
  const snapshot: Snapshot = {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'INC-77', title: 'Checkout latency > 1s after orders change', service: 'checkout', startedAt: '2026-01-14T03:15:00Z' },
    alarms: [{ id: 'a1', name: 'checkout-latency-p99', state: 'ALARM', at: '2026-01-14T03:16:00Z', region: 'eu-west-1' }],
    logs: [{ at: '2026-01-14T03:17:00Z', group: '/aws/lambda/checkout', message: 'ERROR pool exhausted waiting for connection' }],
    deploys: [
      { id: 'v1', at: '2026-01-13T10:00:00Z', ref: v1, environment: 'production', commits: [{ sha: v1, message: 'add cart', author: 'Ada' }] },
      { id: 'v2', at: '2026-01-14T03:00:00Z', ref: v2, previousRef: v1, environment: 'production', region: 'eu-west-1',
        commits: [{ sha: v2, message: 'orders: load each order (perf)', author: 'Ada', files: [{ path: 'src/orders.js', status: 'modified' }] }] },
    ],
  };
  const report: Report = {
    schema: 'incident-lens/report@1',
    rootCause: { category: 'code-change', summary: 'Deploy v2 made order loading query once per order.', confidence: 0.8, evidence: ['e1', 'e2', 'e3'] },
    suspects: [{ deployId: 'v2', commit: v2, score: 0.9, evidence: ['e3'] }],
    hypotheses: [], actions: [],
    evidence: [
      { id: 'e1', kind: 'alarm', summary: 'Alarm checkout-latency-p99 → ALARM', at: '2026-01-14T03:16:00Z', ref: { alarmId: 'a1' } },
      { id: 'e2', kind: 'log-pattern', summary: '"ERROR pool exhausted waiting for connection" ×40 in /aws/lambda/checkout', ref: { template: 'ERROR pool exhausted waiting for connection' } },
      { id: 'e3', kind: 'commit', summary: 'Commit v2 changes data access in src/orders.js', ref: { deployId: 'v2', commit: v2 } },
    ],
    timeline: [], gaps: [],
  } as unknown as Report;
  return {
    repo, origin, shas: { base, v1, v2, later }, snapshot, report, env, run: gitRunner(repo.dir, env),
    cleanup() {
      repo.remove();
      rmSync(origin, { recursive: true, force: true });
    },
  };
}

/** Everything a user could lose: status, HEAD, branch, stash list, file contents of the dirty paths. */
export function fingerprint(repo: TestRepo, files: string[]): string {
  const read = (f: string) => {
    try {
      return require('node:fs').readFileSync(path.join(repo.dir, f), 'utf8') as string;
    } catch {
      return '<missing>';
    }
  };
  return JSON.stringify({
    status: repo.git('status', '--porcelain=v1', '--untracked-files=all'),
    head: repo.git('rev-parse', 'HEAD'),
    branch: repo.git('branch', '--show-current'),
    branches: repo.git('branch', '--list', '--format=%(refname:short) %(objectname)'),
    worktrees: repo.git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree')).length,
    stash: repo.git('stash', 'list'),
    index: repo.git('diff', '--cached'),
    files: files.map(read),
  });
}

/** Tracked modification, staged change and untracked file: the three kinds of work that must survive. */
export function makeDirty(repo: TestRepo): string[] {
  repo.write('README.md', '# shop\nlocal edit, not staged\n');
  repo.write('src/cart.js', 'export const cart = ["staged"];\n');
  repo.git('add', 'src/cart.js');
  repo.write('scratch/todo.txt', 'untracked notes\n');
  return ['README.md', 'src/cart.js', 'scratch/todo.txt'];
}

let template: ActionsWorld | undefined;

/** A fresh copy of one template world (building the repositories with git is the slow part on a loaded machine). */
export function makeWorld(): ActionsWorld {
  template ??= buildWorld();
  const t = template;
  const root = mkdtempSync(path.join(os.tmpdir(), 'il-actions-'));
  const dir = path.join(root, 'repo');
  const origin = path.join(root, 'origin.git');
  cpSync(t.repo.dir, dir, { recursive: true });
  cpSync(t.origin, origin, { recursive: true });
  const cfg = path.join(dir, '.git', 'config');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').split(t.origin).join(origin));
  const repo = new TestRepo(dir);
  return { ...t, repo, origin, run: gitRunner(dir, t.env), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

after(() => template?.cleanup());
