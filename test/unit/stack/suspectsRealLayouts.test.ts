// End to end over a real git repository with a realistic multi-language layout: for traces as each runtime prints
// them in production, the suspects search names the commit of the deploy range that touched the frame's line.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { GitRepo } from '../../../src/providers/git/gitRepo';
import { findSuspects } from '../../../src/providers/git/suspectFinder';
import { TestRepo, numbered } from '../git/gitFixture';

const layout: Record<string, number> = {
  'services/orders/src/main/java/com/acme/orders/OrderService.java': 80,
  'services/billing/src/main/java/com/acme/billing/OrderService.java': 80,
  'services/orders/src/main/kotlin/com/acme/orders/Pricing.kt': 40,
  'myproj/orders/service.py': 120,
  'internal/orders/service.go': 80,
  'cmd/api/main.go': 30,
  'src/Acme.Orders/OrderService.cs': 80,
  'web/src/orders.ts': 80,
  'src/handler.rs': 80,
  'apps/web/lib/web/live/actors/components.ex': 40,
  'src/Controller/OrderController.php': 60,
  'vendor/symfony/http-kernel/HttpKernel.php': 300,
};

/** Each case: the file and line a commit of the range changes, and a trace whose top own frame is that line. */
const cases: Array<{ name: string; file: string; line: number; trace: string }> = [
  {
    name: 'Spring Boot log, Java multi-module',
    file: 'services/orders/src/main/java/com/acme/orders/OrderService.java',
    line: 42,
    trace: [
      '2026-01-14T03:15:00.123Z ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception',
      'java.lang.NullPointerException: Cannot invoke "com.acme.orders.Order.total()" because "order" is null',
      '\tat com.acme.orders.OrderService.summary(OrderService.java:42) ~[classes/:na]',
      '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897) ~[spring-webmvc-6.1.2.jar:6.1.2]',
    ].join('\n'),
  },
  { name: 'Kotlin top-level function', file: 'services/orders/src/main/kotlin/com/acme/orders/Pricing.kt', line: 12, trace: 'java.lang.ArithmeticException: / by zero\n\tat com.acme.orders.PricingKt.price(Pricing.kt:12)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)' },
  {
    name: 'Python in a container',
    file: 'myproj/orders/service.py',
    line: 88,
    trace: 'Traceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 880, in full_dispatch_request\n    rv = self.dispatch_request()\n  File "/app/myproj/orders/service.py", line 88, in get_summary\n    return rows[0]\n           ~~~~^^^\nIndexError: list index out of range',
  },
  { name: 'Go built with -trimpath', file: 'internal/orders/service.go', line: 42, trace: 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n\ngoroutine 1 [running]:\ngithub.com/acme/shop/internal/orders.(*Service).Summary(0x0)\n\tgithub.com/acme/shop/internal/orders/service.go:42 +0x1d\nmain.main()\n\tgithub.com/acme/shop/cmd/api/main.go:17 +0x65' },
  { name: '.NET built on a Windows agent', file: 'src/Acme.Orders/OrderService.cs', line: 42, trace: 'System.NullReferenceException: Object reference not set to an instance of an object.\n   at Acme.Orders.OrderService.Summary(Int32 id) in C:\\build\\src\\Acme.Orders\\OrderService.cs:line 42\n   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute()' },
  { name: 'webpack bundle with source-map-support', file: 'web/src/orders.ts', line: 42, trace: "TypeError: Cannot read properties of undefined (reading 'total')\n    at getOrderSummary (webpack:///./src/orders.ts:42:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)" },
  { name: 'Rust backtrace from CI', file: 'src/handler.rs', line: 42, trace: "thread 'tokio-runtime-worker' panicked at src/handler.rs:42:9:\ncalled `Option::unwrap()` on a `None` value\nstack backtrace:\n   3: shop::handler::run\n             at /home/runner/work/shop/shop/src/handler.rs:42:9" },
  { name: 'Elixir umbrella app', file: 'apps/web/lib/web/live/actors/components.ex', line: 8, trace: '** (FunctionClauseError) no function clause matching in Web.Actors.Components.actor_role/1\n    (web 0.1.0) lib/web/live/actors/components.ex:8: Web.Actors.Components.actor_role(:api_client)\n    (phoenix_live_view 1.0.0) lib/phoenix_live_view/diff.ex:391: Phoenix.LiveView.Diff.traverse/7' },
  {
    name: 'PHP-FPM fatal error',
    file: 'src/Controller/OrderController.php',
    line: 27,
    trace: "[14-Jan-2026 03:15:00 UTC] PHP Fatal error:  Uncaught TypeError: App\\Service\\Orders::total(): Argument #1 ($order) must be of type App\\Entity\\Order, null given in /var/www/html/src/Controller/OrderController.php:27\nStack trace:\n#0 /var/www/html/vendor/symfony/http-kernel/HttpKernel.php(181): App\\Controller\\OrderController->show()\n#1 {main}\n  thrown in /var/www/html/src/Controller/OrderController.php on line 27",
  },
];

describe('suspects for real trace formats over a real multi-language repository', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  let base: string;
  let head: string;
  const commitOf = new Map<string, string>();
  let decoy: string;
  let vendorBump: string;

  before(() => {
    repo = new TestRepo();
    for (const [file, n] of Object.entries(layout)) repo.write(file, numbered(n));
    base = repo.commit('base');
    // The same line number in the other OrderService: only package-aware mapping keeps it out.
    repo.write('services/billing/src/main/java/com/acme/billing/OrderService.java', numbered(80, { 42: '    return invoice.total();' }));
    decoy = repo.commit('billing: totals');
    repo.write('vendor/symfony/http-kernel/HttpKernel.php', numbered(300, { 181: '        $response = $controller(...$arguments);' }));
    vendorBump = repo.commit('composer update symfony/http-kernel');
    for (const c of cases) {
      repo.write(c.file, numbered(layout[c.file], { [c.line]: `changed for ${c.name}` }));
      commitOf.set(c.name, repo.commit(`change ${c.file}:${c.line}`));
    }
    head = repo.git('rev-parse', 'HEAD');
  });
  after(() => repo.remove());

  for (const c of cases) {
    it(`${c.name}: the commit that changed ${c.file}:${c.line} comes first, as a direct hit`, async () => {
      const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${base}..${head}`, stackText: c.trace });
      const own = r.frames.find((f) => f.inApp)!;
      assert.deepEqual([own.path, own.line, own.commit], [c.file, c.line, commitOf.get(c.name)]);
      assert.equal(r.suspects[0].commit, commitOf.get(c.name), r.suspects.map((s) => s.reason).join(' | '));
      assert.match(r.suspects[0].reason, /direct hit/);
      assert.ok(!r.suspects.some((s) => s.commit === decoy), 'the other module\'s class of the same name is not a suspect');
    });
  }

  it('a vendored library frame that changed in the range ranks below the app frame that changed', async () => {
    const php = cases.find((c) => c.name === 'PHP-FPM fatal error')!;
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${base}..${head}`, stackText: php.trace });
    const lib = r.suspects.find((s) => s.commit === vendorBump);
    assert.ok(lib, 'the vendored file is in the repository, so its change is named');
    assert.ok(lib.score < r.suspects[0].score);
  });

  it('the CLI maps a pasted Go trace onto the repository and names the commit', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'il-stack-'));
    try {
      const go = cases.find((c) => c.name === 'Go built with -trimpath')!;
      const file = path.join(tmp, 'panic.txt');
      writeFileSync(file, go.trace);
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['suspects', '--repo', repo.dir, '--range', `${base}..${head}`, '--stack', file], { out: (t) => out.push(t), err: (t) => err.push(t) });
      assert.equal(code, 0, err.join(''));
      const json = JSON.parse(out.join(''));
      assert.equal(json.suspects[0].commit, commitOf.get(go.name));
      assert.deepEqual([json.frames[0].path, json.frames[0].line], ['internal/orders/service.go', 42]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
