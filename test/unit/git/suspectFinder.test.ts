import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SuspectsInputError } from '../../../src/core/stack/errors';
import { GitRepo } from '../../../src/providers/git/gitRepo';
import { findSuspects } from '../../../src/providers/git/suspectFinder';
import { TestRepo, numbered } from './gitFixture';

describe('findSuspects over a real git repository', function () {
  this.timeout(20_000);
  let repo: TestRepo;
  let base: string;
  let bug: string;
  let nearby: string;
  let head: string;

  before(() => {
    repo = new TestRepo();
    repo.write('src/orders.js', numbered(80)).write('src/handler.js', numbered(30)).write('README.md', 'hello\n');
    base = repo.commit('base');
    repo.write('src/orders.js', numbered(80, { 42: '  return order.total; // reads undefined' }));
    bug = repo.commit('orders: read total directly');
    repo.write('src/handler.js', numbered(30, { 8: 'const retries = 0;' }));
    nearby = repo.commit('handler: no retries');
    repo.write('README.md', 'hello again\n');
    repo.git('mv', 'src/orders.js', 'src/order-service.js');
    head = repo.commit('rename orders module');
  });
  after(() => repo.remove());

  const trace = (file = 'order-service.js') => [
    "TypeError: Cannot read properties of undefined (reading 'total')",
    `    at getOrderSummary (/var/task/src/${file}:42:11)`,
    '    at handle (/var/task/src/handler.js:10:3)',
    '    at /var/task/node_modules/express/lib/router/layer.js:95:5',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');

  it('ranks the commit that changed the top frame line first, across a rename, with a checkable reason', async () => {
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${base}..${head}`, stackText: trace() });
    assert.equal(r.suspects[0].commit, bug);
    assert.deepEqual(r.suspects[0].frames, [0]);
    assert.match(r.suspects[0].reason, /changed line 42 of src\/order-service\.js \(then named src\/orders\.js\) \(frame #0, getOrderSummary\) — direct hit/);
    assert.equal(r.frames[0].path, 'src/order-service.js');
    assert.equal(r.frames[0].commit, bug);
    const second = r.suspects.find((s) => s.commit === nearby);
    assert.ok(second, 'the nearby change is a suspect too');
    assert.ok(second.score < r.suspects[0].score);
    assert.equal(second.hits[0].kind, 'nearby');
    assert.equal(second.hits[0].distance, 2);
    assert.ok(!r.suspects.some((s) => s.commit === head), 'a pure rename changed no line');
  });

  it('never names the boundary commit: lines older than FROM are not suspects', async () => {
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${bug}..${head}`, stackText: trace() });
    assert.ok(!r.suspects.some((s) => s.commit === bug || s.commit === base));
    assert.equal(r.frames[0].commit, null);
    assert.deepEqual(r.suspects.map((s) => s.commit), [nearby]);
  });

  it('says plainly when the code in the trace did not change in the range', async () => {
    const r = await findSuspects({
      repo: new GitRepo(repo.dir),
      range: `${base}..${head}`,
      stackText: 'Error: x\n    at a (/app/src/order-service.js:70:1)\n    at b (/app/src/handler.js:25:1)',
    });
    assert.deepEqual(r.suspects, []);
    assert.match(r.conclusion, /did not change in this deploy/);
  });

  it('blames at TO, not the working tree', async () => {
    repo.write('src/order-service.js', 'x\n'.repeat(5)); // uncommitted edit shortening the file
    try {
      const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${base}..${head}`, stackText: trace() });
      assert.equal(r.suspects[0].commit, bug);
    } finally {
      repo.git('checkout', '--', 'src/order-service.js');
    }
  });

  it('names lines past the end of a file and binary files as problems, keeping a partial answer', async () => {
    const r = await findSuspects({
      repo: new GitRepo(repo.dir),
      range: `${base}..${head}`,
      stackText: `${trace()}\nError: other\n    at z (/var/task/src/handler.js:999:1)`,
    });
    const past = r.frames.find((f) => f.line === 999)!;
    assert.equal(past.mapped, false);
    assert.match(past.unmappedReason!, /past the end of src\/handler\.js \(30 lines/);
    assert.ok(r.problems.some((p) => /line 999 is past the end/.test(p)));
    assert.equal(r.suspects[0].commit, bug);
  });

  it('rejects an unknown ref, a bad range, an empty trace and a directory that is not a repository', async () => {
    const gitRepo = new GitRepo(repo.dir);
    await assert.rejects(findSuspects({ repo: gitRepo, range: `${base}..no-such-ref`, stackText: trace() }), (e: Error) => e instanceof SuspectsInputError && /unknown revision 'no-such-ref'/.test(e.message));
    await assert.rejects(findSuspects({ repo: gitRepo, range: head, stackText: trace() }), (e: Error) => e instanceof SuspectsInputError && /FROM\.\.TO/.test(e.message));
    await assert.rejects(findSuspects({ repo: gitRepo, range: `${base}..${head}`, stackText: 'all good here\n' }), (e: Error) => e instanceof SuspectsInputError && /no stack frames/.test(e.message));
    const empty = mkdtempSync(path.join(os.tmpdir(), 'il-norepo-'));
    try {
      await assert.rejects(findSuspects({ repo: new GitRepo(empty), range: 'a..b', stackText: trace() }), (e: Error) => e instanceof SuspectsInputError && /not a git repository/.test(e.message));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('tells how to deepen a shallow clone that lacks the range', async () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'il-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone], { env: repo.env(), stdio: 'ignore' });
      await assert.rejects(
        findSuspects({ repo: new GitRepo(clone), range: `${base}..HEAD`, stackText: trace() }),
        (e: Error) => e instanceof SuspectsInputError && /shallow clone/.test(e.message) && /git fetch --deepen=N/.test(e.message) && /--unshallow/.test(e.message),
      );
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('findSuspects: merges, ignored revisions, several frames, other languages', function () {
  this.timeout(20_000);
  let repo: TestRepo;
  after(() => repo?.remove());

  it('follows both sides of a merge, skips .git-blame-ignore-revs, and adds up several frames of one commit', async () => {
    repo = new TestRepo();
    repo.write('app/models/order.rb', numbered(50)).write('app/controllers/orders_controller.rb', numbered(20));
    const from = repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('app/models/order.rb', numbered(50, { 42: '    items.sum(&:total)' }));
    repo.write('app/controllers/orders_controller.rb', numbered(20, { 9: '    @summary = order.summary' }));
    const feature = repo.commit('orders: summary from items');
    repo.git('checkout', '-q', 'main');
    repo.write('app/models/order.rb', numbered(50, { 3: '  # frozen' }));
    repo.commit('comment');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
    // A formatting commit that touches line 41 of the model: listed in .git-blame-ignore-revs.
    const cur = repo.git('show', 'HEAD:app/models/order.rb').split('\n');
    cur[40] = '  line 41   ';
    repo.write('app/models/order.rb', cur.join('\n') + '\n');
    const fmt = repo.commit('reformat');
    repo.write('.git-blame-ignore-revs', `# formatting\n${fmt}\n`);
    const to = repo.commit('ignore formatting');
    const stack = [
      "/app/app/models/order.rb:42:in 'Order#summary': undefined method 'total' for nil (NoMethodError)",
      "\tfrom /app/app/controllers/orders_controller.rb:9:in 'OrdersController#show'",
      '\tfrom /usr/local/bundle/gems/actionpack-7.1.2/lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action\'',
    ].join('\n');
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${from}..${to}`, stackText: stack });
    assert.equal(r.suspects[0].commit, feature);
    assert.deepEqual(r.suspects[0].frames, [0, 1]);
    assert.ok(r.suspects[0].score > 0.8, `two direct hits add up (score ${r.suspects[0].score})`);
    assert.ok(!r.suspects.some((s) => s.commit === fmt), 'ignored revision is not a suspect');
    assert.equal(r.frames[2].inApp, false);
  });

  it('finds the commit that removed lines just above the frame line (nothing left to blame)', async () => {
    const g = new TestRepo();
    try {
      const lines = numbered(30).split('\n');
      lines[19] = '  if (!order) return 0;';
      g.write('src/total.js', lines.join('\n'));
      const from = g.commit('base with guard');
      g.write('src/total.js', lines.filter((_, i) => i !== 19).join('\n'));
      const drop = g.commit('simplify: drop guard');
      g.write('src/other.js', 'x\n');
      const to = g.commit('unrelated');
      // Line 21 at FROM ("line 21") is line 20 at TO, right below the removed guard.
      const r = await findSuspects({ repo: new GitRepo(g.dir), range: `${from}..${to}`, stackText: 'TypeError: x\n    at total (/app/src/total.js:20:5)' });
      assert.equal(r.suspects.length, 1);
      assert.equal(r.suspects[0].commit, drop);
      assert.equal(r.suspects[0].hits[0].kind, 'removed');
      assert.match(r.suspects[0].reason, /removed 1 line of src\/total\.js after line 19, above frame #0, total at line 20 — nearby removal/);
      assert.equal(r.frames[0].commit, null);
    } finally {
      g.remove();
    }
  });

  it('maps Java frames by package and class, and Python frames with their most recent call first', async () => {
    const j = new TestRepo();
    try {
      j.write('service/src/main/java/com/acme/orders/OrderService.java', numbered(60));
      j.write('service/src/test/java/com/acme/other/OrderService.java', numbered(60));
      j.write('worker/orders/service.py', numbered(40));
      const from = j.commit('base');
      j.write('service/src/main/java/com/acme/orders/OrderService.java', numbered(60, { 42: 'return order.total();' }));
      j.write('worker/orders/service.py', numbered(40, { 30: '    rows = fetch(q)' }));
      const change = j.commit('orders change');
      const r = await findSuspects({
        repo: new GitRepo(j.dir),
        range: `${from}..${change}`,
        stackText: [
          'java.lang.NullPointerException: boom',
          '\tat com.acme.orders.OrderService.summary(OrderService.java:42)',
          '\tat java.base/java.lang.Thread.run(Thread.java:833)',
          '',
          'Traceback (most recent call last):',
          '  File "/srv/worker/orders/service.py", line 30, in get_summary',
          '    rows = fetch(q)',
          '  File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode',
          'ValueError: x',
        ].join('\n'),
      });
      assert.equal(r.frames[0].path, 'service/src/main/java/com/acme/orders/OrderService.java');
      assert.equal(r.frames[0].match, 'package');
      const py = r.frames.find((f) => f.language === 'python' && f.inApp)!;
      assert.equal(py.path, 'worker/orders/service.py');
      assert.equal(r.frames.find((f) => f.language === 'python')!.origin, 'runtime', 'python frames are listed innermost first');
      assert.equal(r.suspects[0].commit, change);
      assert.deepEqual(r.suspects[0].frames, [0, py.index]);
    } finally {
      j.remove();
    }
  });
});
