import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseStack } from '../../../src/core/stack/parseStack';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/stack/traces');
const load = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const brief = (text: string) => parseStack(text).frames.map((f) => `${f.origin} ${f.file}:${f.line ?? '?'} ${f.function ?? ''}`.trim());

describe('parseStack', () => {
  it('reads V8 frames: named, anonymous, constructors, async, file:// URLs, eval, node internals, node_modules', () => {
    const r = parseStack(load('node.txt'));
    assert.deepEqual(brief(load('node.txt')), [
      'app /var/task/src/orders.js:42 getOrderSummary',
      'app /var/task/src/handler.js:10 Object.<anonymous>',
      'app /var/task/src/repo.js:5 new Repo',
      'app file:///var/task/src/index.mjs:7 handler',
      'library /var/task/node_modules/express/lib/router/layer.js:95',
      'runtime node:internal/process/task_queues:95 process.processTicksAndRejections',
      'app /var/task/src/tpl.js:3 eval',
    ]);
    assert.equal(r.frames[0].column, 11);
    assert.deepEqual(r.errors, ["TypeError: Cannot read properties of undefined (reading 'total')"]);
  });

  it('reads Python tracebacks innermost first, chained exceptions as one trace with the first as root cause', () => {
    const r = parseStack(load('python.txt'));
    assert.deepEqual(brief(load('python.txt')), [
      'library /usr/local/lib/python3.11/site-packages/sqlalchemy/engine/base.py:1412 execute',
      'app /app/orders/db.py:12 fetch',
      'runtime <frozen importlib._bootstrap>:1 _load',
      'app /app/orders/service.py:88 get_summary',
      'app /app/main.py:30 <module>',
    ]);
    assert.deepEqual(new Set(r.frames.map((f) => f.trace)), new Set([0]));
    assert.equal(r.frames[1].segmentWeight, 1);
    assert.ok(r.frames[3].segmentWeight < 1);
  });

  it('reads Java/Kotlin with module prefixes, jar suffixes, Caused by (the root cause weighs most) and ... N more', () => {
    const r = parseStack(load('java.txt'));
    const f = r.frames;
    assert.equal(f.length, 6);
    assert.deepEqual([f[0].className, f[0].function, f[0].file, f[0].line], ['com.acme.orders.OrderController', 'get', 'OrderController.java', 55]);
    assert.deepEqual([f[1].origin, f[2].origin], ['library', 'runtime']);
    assert.equal(f[2].className, 'java.lang.Thread');
    assert.deepEqual([f[3].file, f[3].line, f[3].segmentWeight], ['OrderService.kt', 42, 1]);
    assert.ok(f[0].segmentWeight < 1, 'the wrapper exception weighs less than its cause');
    assert.equal(f[4].className, 'com.acme.orders.OrderService$Inner');
    assert.equal(f[5].line, undefined, 'Unknown Source has no line');
  });

  it('reads Go panics: function and file lines paired, runtime and other goroutines weigh less', () => {
    const f = parseStack(load('go.txt')).frames;
    assert.deepEqual([f[0].file, f[0].line, f[0].function, f[0].origin], ['/home/runner/work/shop/shop/internal/orders/service.go', 42, 'github.com/acme/shop/internal/orders.(*Service).Summary', 'app']);
    assert.deepEqual([f[1].function, f[1].line], ['main.main', 17]);
    assert.ok(f.slice(2).every((x) => x.origin === 'runtime' && x.segmentWeight < 1));
    assert.equal(f[3].function, 'net/http.(*Transport).dialConn');
  });

  it('reads .NET frames with and without file info, inner exception first', () => {
    const f = parseStack(load('dotnet.txt')).frames;
    assert.deepEqual([f[0].file, f[0].line, f[0].function, f[0].className, f[0].segmentWeight], ['/src/Acme.Orders/OrderService.cs', 42, 'Summary', 'Acme.Orders.OrderService', 1]);
    assert.deepEqual([f[1].file, f[1].origin], ['', 'runtime']);
    assert.equal(f[2].file, 'C:\\build\\src\\Acme.Orders\\OrdersController.cs');
    assert.ok(f[2].segmentWeight < 1);
  });

  it('reads Ruby backtraces in old and new quoting, gems as library', () => {
    assert.deepEqual(brief(load('ruby.txt')), [
      'app /app/app/models/order.rb:42 Order#summary',
      'app /app/app/controllers/orders_controller.rb:9 show',
      'library /usr/local/bundle/gems/actionpack-7.1.2/lib/action_controller/metal/basic_implicit_render.rb:6 send_action',
      'runtime <internal:kernel>:187 loop',
    ]);
  });

  it('unpacks JSON logs (Lambda errors, structured loggers) and escaped newlines, without splitting Windows paths', () => {
    const lambda = '2026-01-14T03:15:00Z\tabc\tERROR\tInvoke Error \t' + JSON.stringify({ errorType: 'TypeError', stack: ['TypeError: x', '    at foo (/var/task/index.js:3:9)'] });
    assert.deepEqual(brief(lambda), ['app /var/task/index.js:3 foo']);
    assert.deepEqual(brief(JSON.stringify({ logs: [{ message: 'Error: boom\n    at a (/app/x.js:1:2)' }] })), ['app /app/x.js:1 a']);
    assert.deepEqual(brief('Error: boom\\n    at a (C:\\new\\x.js:1:2)\\n    at b (/app/y.js:3:4)'), ['app C:\\new\\x.js:1 a', 'app /app/y.js:3 b']);
  });

  it('keeps repeated copies of one error once, and tells two different errors apart', () => {
    const one = 'Error: a\n    at f (/app/a.js:1:1)\n';
    const r = parseStack(`${one}${one}Error: b\n    at g (/app/b.js:2:2)\n`);
    assert.deepEqual(r.frames.map((f) => [f.trace, f.file]), [[0, '/app/a.js'], [1, '/app/b.js']]);
  });

  it('reads the PHP, Rust, Elixir, Swift and pytest forms real incidents print', () => {
    assert.deepEqual(brief('PHP Fatal error:  Uncaught Exception: boom in /var/www/app/src/Foo.php:42\nStack trace:\n#0 /var/www/app/src/Bar.php(7): Foo->baz()\n#1 [internal function]: Bar->run()\n#2 {main}\n  thrown in /var/www/app/src/Foo.php on line 42'), [
      'app /var/www/app/src/Foo.php:42',
      'app /var/www/app/src/Bar.php:7 Foo->baz',
      'runtime :? Bar->run()',
    ]);
    assert.deepEqual(brief("thread 'main' panicked at 'index out of bounds', src/main.rs:10:5"), ['app src/main.rs:10']);
    const rust = parseStack("thread 'main' panicked at src/main.rs:10:5:\nboom\nstack backtrace:\n   3: myapp::handler::run\n             at ./src/handler.rs:42:9\n   4: std::rt::lang_start\n             at /rustc/129f3b9964af4d4a709d1383930ade12dfe7c081/library/std/src/rt.rs:165:17");
    assert.deepEqual(rust.frames.map((f) => [f.language, f.origin, f.file, f.line, f.function ?? '']), [
      ['rust', 'app', 'src/main.rs', 10, ''],
      ['rust', 'app', './src/handler.rs', 42, 'myapp::handler::run'],
      ['rust', 'runtime', '/rustc/129f3b9964af4d4a709d1383930ade12dfe7c081/library/std/src/rt.rs', 165, 'std::rt::lang_start'],
    ]);
    assert.match(rust.errors[0], /^thread 'main' panicked at src\/main\.rs:10:5:$/);
    assert.deepEqual(brief('0      0x0000000100a1 closure #1 in Handler.run() + 52 in App at /build/Sources/App/Handler.swift:42:9'), ['app /build/Sources/App/Handler.swift:42 closure #1 in Handler.run()']);
    assert.deepEqual(brief('    def test_total():\n>       assert total([]) == 0\nE       assert None == 0\n\ntests/test_orders.py:12: AssertionError'), ['app tests/test_orders.py:12']);
    assert.deepEqual(parseStack('** (ArithmeticError) bad argument in arithmetic expression\n    (my_app 0.1.0) lib/my_app/orders.ex:42: MyApp.Orders.total/1\n    (elixir 1.16.0) lib/enum.ex:1700: Enum.map/2').frames.map((f) => [f.language, f.origin]), [['elixir', 'app'], ['elixir', 'runtime']]);
  });

  it('finds nothing in text without frames', () => {
    assert.deepEqual(parseStack('all good\nnothing to see: at all\n').frames, []);
    assert.deepEqual(parseStack('').frames, []);
  });

  describe('properties', function () {
    this.timeout(30_000);
    // Tokens of every trace syntax, so random input often looks almost like a frame.
    const tokens = fc.constantFrom('at ', 'async ', '(', ')', ':', '1', '42', '/', '\\', '.js', '.go', '.java', '.py', 'File "', '", line ', ', in ', ':in `', "'", '@', ' +0x1d', '\n', '\\n', '\t', ' ', 'Caused by: ', 'goroutine 1 [running]:', '--- End of inner exception stack trace ---', ' in ', ':line ', '{', '}', '"stack":', 'node_modules', 'file://', 'x', '.', '#0 ', '.php', ' on line ', '.rs', "thread 'main' panicked at ", '.ex', '(app 1.0) ', ':Zeile ', 'bei ', ' [0x1f] in ', '\u001b[90m', '.swift', ': Fatal error: ', '  3: ', 'Error: ', ' thrown in ');
    const traceish = fc.array(tokens, { maxLength: 80 }).map((a) => a.join(''));
    const all = ['node.txt', 'python.txt', 'java.txt', 'go.txt', 'dotnet.txt', 'ruby.txt'].map(load).join('\n');

    it('never throws on arbitrary text, and every frame it returns is well formed', () => {
      fc.assert(
        fc.property(fc.oneof(traceish, fc.string({ maxLength: 200 })), (s) => {
          for (const f of parseStack(s).frames) assert.ok(typeof f.file === 'string' && (f.line === undefined || Number.isInteger(f.line)));
        }),
        { numRuns: 400 },
      );
    });

    it('never throws on truncated or spliced real traces', () => {
      fc.assert(
        fc.property(fc.nat(all.length), fc.nat(all.length), traceish, (a, b, junk) => {
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          parseStack(all.slice(lo, hi));
          parseStack(all.slice(0, lo) + junk + all.slice(hi));
        }),
        { numRuns: 300 },
      );
    });

    it('stays linear on adversarial lines (would time out with catastrophic backtracking)', () => {
      const n = 200_000;
      const nasty = [
        `at ${'('.repeat(n)}`,
        `at x (${':1'.repeat(n / 2)})`,
        `File "${'"'.repeat(n)}`,
        `${'a:1'.repeat(n / 3)}:in `,
        `\t${'x.go:'.repeat(n / 5)}1 +0x`,
        `at ${'a.'.repeat(n / 2)}(${'b'.repeat(n)}`,
        `${'@'.repeat(n)}:1:2`,
        `{"stack": "${'\\n at '.repeat(n / 6)}`,
        `${'\\n '.repeat(n / 3)}`,
        `#0 ${'/a('.repeat(n / 3)}`,
        `${'x/a.php '.repeat(n / 8)} on line 1`,
        `${' /a.php'.repeat(n / 7)}:1`,
        `thread 'a' panicked at ${':1'.repeat(n / 2)}`,
        `${'(a) '.repeat(n / 4)}x.ex:1: f`,
        `${'1: '.repeat(n / 3)}`,
        `bei ${'a in '.repeat(n / 5)}:Zeile 1`,
        `at a ${'[0x1] in '.repeat(n / 9)}:1`,
        `${'\u001b['.repeat(n / 2)}`,
        `${' aError'.repeat(n / 7)}`,
        `${'a'.repeat(n)}Error`,
        `${'a.swift:1'.repeat(n / 9)}: Fatal error`,
        `x ${'Stack trace: #0 a.php(1): f() '.repeat(n / 30)}`,
      ];
      for (const line of nasty) parseStack(line);
      parseStack(nasty.join('\n'));
    });
  });
});
