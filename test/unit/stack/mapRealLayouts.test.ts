// Frames as real deployments print them, mapped onto a realistic multi-language repository layout.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapFrames } from '../../../src/core/stack/mapFrames';
import { parseStack } from '../../../src/core/stack/parseStack';
import { RepoPathIndex } from '../../../src/core/stack/pathIndex';

const files = [
  'services/orders/src/main/java/com/acme/orders/OrderService.java',
  'services/orders/src/main/java/com/acme/orders/OrderController.java',
  'services/billing/src/main/java/com/acme/billing/OrderService.java',
  'services/orders/src/main/kotlin/com/acme/orders/Pricing.kt',
  'myproj/__init__.py',
  'myproj/x.py',
  'tools/x.py',
  'go.mod',
  'internal/orders/service.go',
  'cmd/api/main.go',
  'src/Acme.Orders/OrderService.cs',
  'src/orders.ts',
  'src/handler.rs',
  'apps/web/lib/web/live/actors/components.ex',
  'src/Controller/OrderController.php',
  'vendor/symfony/http-kernel/HttpKernel.php',
  'Sources/App/OrderView.swift',
];
const index = new RepoPathIndex(files);
const map = (trace: string) => mapFrames(parseStack(trace).frames, index, []).map((f) => [f.path, f.line ?? null, f.inApp]);

describe('mapping real deployment paths onto a repository', () => {
  it('Java and Kotlin frames by package, in a multi-module Maven layout with two classes of one name', () => {
    const got = map([
      'java.lang.NullPointerException: Cannot invoke "com.acme.orders.Order.total()" because "order" is null',
      '\tat com.acme.orders.OrderService.summary(OrderService.java:42) ~[classes/:na]',
      '\tat com.acme.orders.PricingKt.price(Pricing.kt:7) ~[classes/:na]',
      '\tat com.acme.orders.OrderController.get(OrderController.java:17) ~[classes/:na]',
      '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897) ~[spring-webmvc-6.1.2.jar:6.1.2]',
    ].join('\n'));
    assert.deepEqual(got, [
      ['services/orders/src/main/java/com/acme/orders/OrderService.java', 42, true],
      ['services/orders/src/main/kotlin/com/acme/orders/Pricing.kt', 7, true],
      ['services/orders/src/main/java/com/acme/orders/OrderController.java', 17, true],
      [null, 897, false],
    ]);
  });

  it('Python: /app/<package>/x.py maps to the package, site-packages and the interpreter stay out', () => {
    const got = map([
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 880, in full_dispatch_request',
      '  File "/app/myproj/x.py", line 12, in handler',
      '  File "/usr/local/lib/python3.12/json/decoder.py", line 337, in decode',
      'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    ].join('\n'));
    assert.deepEqual(got, [[null, 337, false], ['myproj/x.py', 12, true], [null, 880, false]]);
  });

  it('Go: module paths (-trimpath), CI checkout paths and GOPATH paths; the module cache is a library', () => {
    const got = map([
      'panic: boom',
      '',
      'goroutine 1 [running]:',
      'github.com/acme/shop/internal/orders.(*Service).Summary(...)',
      '\tgithub.com/acme/shop/internal/orders/service.go:42 +0x1d',
      'main.main()',
      '\t/home/runner/work/shop/shop/cmd/api/main.go:17 +0x65',
      'github.com/lib/pq.(*conn).query(...)',
      '\t/root/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go:1010 +0x2a',
    ].join('\n'));
    assert.deepEqual(got, [['internal/orders/service.go', 42, true], ['cmd/api/main.go', 17, true], [null, 1010, false]]);
  });

  it('.NET Windows build paths, webpack:// sources, file:// URLs, Rust, Elixir umbrella apps, PHP and Swift', () => {
    assert.deepEqual(map('System.NullReferenceException: x\n   at Acme.Orders.OrderService.Summary(Int32 id) in C:\\build\\src\\Acme.Orders\\OrderService.cs:line 42'), [['src/Acme.Orders/OrderService.cs', 42, true]]);
    assert.deepEqual(map("TypeError: x\n    at getOrderSummary (webpack:///./src/orders.ts:42:11)\n    at run (webpack://shop/src/orders.ts:50:3)\n    at main (file:///app/src/orders.ts:60:1)"), [['src/orders.ts', 42, true], ['src/orders.ts', 50, true], ['src/orders.ts', 60, true]]);
    assert.deepEqual(map("thread 'main' panicked at src/handler.rs:42:9:\nboom\nstack backtrace:\n   3: shop::handler::run\n             at /home/runner/work/shop/shop/src/handler.rs:42:9\n   4: tokio::runtime::task::core::Core<T,S>::poll\n             at /root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.37.0/src/runtime/task/core.rs:328:17"), [['src/handler.rs', 42, true], ['src/handler.rs', 42, true], [null, 328, false]]);
    assert.deepEqual(map('** (RuntimeError) x\n    (web 0.1.0) lib/web/live/actors/components.ex:8: Web.Actors.Components.actor_role/1\n    (phoenix 1.7.10) lib/phoenix/router.ex:432: Phoenix.Router.__call__/5'), [['apps/web/lib/web/live/actors/components.ex', 8, true], [null, 432, false]]);
    assert.deepEqual(
      map('PHP Fatal error:  Uncaught TypeError: x in /var/www/html/src/Controller/OrderController.php:27\nStack trace:\n#0 /var/www/html/vendor/symfony/http-kernel/HttpKernel.php(181): App\\Controller\\OrderController->show()\n#1 {main}\n  thrown in /var/www/html/src/Controller/OrderController.php on line 27'),
      [['src/Controller/OrderController.php', 27, true], ['vendor/symfony/http-kernel/HttpKernel.php', 181, false]],
    );
    assert.deepEqual(map('/Users/ci/build/Sources/App/OrderView.swift:31: Fatal error: Unexpectedly found nil while unwrapping an Optional value'), [['Sources/App/OrderView.swift', 31, true]]);
  });

  describe('collected real traces onto the file layouts of the projects they came from', () => {
    const real = (name: string) => readFileSync(path.resolve(__dirname, '../../../../test/fixtures/stack/traces/real', name), 'utf8');
    const onto = (name: string, layout: string[]) => mapFrames(parseStack(real(name)).frames, new RepoPathIndex(layout), []).map((f) => [f.path, f.line ?? null, f.inApp]);

    it('firezone (Elixir umbrella under elixir/apps/): the web app frames map, Phoenix and Elixir stay out', () => {
      assert.deepEqual(onto('elixir-gcp-json.txt', ['elixir/apps/web/lib/web/live/actors/components.ex', 'elixir/apps/web/lib/web/live/actors/show.ex', 'elixir/apps/domain/lib/domain/actors.ex']), [
        ['elixir/apps/web/lib/web/live/actors/components.ex', 8, true],
        ['elixir/apps/web/lib/web/live/actors/show.ex', 211, true],
        [null, 391, false],
        [null, 2531, false],
      ]);
    });

    it('horta-hell (sbt layout): Scala frames map by package, scala and akka stay out', () => {
      const got = onto('scala-logback.txt', ['src/main/scala/ru/org/codingteam/horta/core/Core.scala', 'src/main/scala/ru/org/codingteam/horta/core/Clock.scala']);
      assert.deepEqual(got.filter((f) => f[2]).map((f) => `${f[0]}:${f[1]}`), [
        'src/main/scala/ru/org/codingteam/horta/core/Core.scala:195',
        'src/main/scala/ru/org/codingteam/horta/core/Core.scala:195',
        'src/main/scala/ru/org/codingteam/horta/core/Core.scala:133',
        'src/main/scala/ru/org/codingteam/horta/core/Core.scala:31',
      ]);
      assert.equal(got.length, 7);
    });

    it('whybundled: a globally installed CLI\'s node_modules frames are the code under suspicion in its own repository', () => {
      assert.deepEqual(onto('node-global-cli.txt', ['cli.js', 'commands/default.js', 'lib/analyze.js', 'lib/index.js']).slice(0, 5), [
        ['lib/analyze.js', 233, true],
        ['lib/analyze.js', 232, true],
        ['lib/analyze.js', 332, true],
        ['commands/default.js', 39, true],
        ['cli.js', 76, true],
      ]);
    });
  });
});
