// Stack traces as posted in public GitHub issues (sources in test/fixtures/stack/traces/real/README.md): the frames,
// which of them are the project's own, the language and the error headline parseStack finds in each.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { StackLanguage } from '../../../src/core/stack/frame';
import { parseStack } from '../../../src/core/stack/parseStack';

const dir = path.resolve(__dirname, '../../../../test/fixtures/stack/traces/real');
const load = (name: string) => readFileSync(path.join(dir, name), 'utf8');

interface Expect {
  languages: StackLanguage[];
  error: RegExp;
  /** The project's own frames, innermost first: "file:line" (line "?" when the trace gives none). */
  app: string[];
  /** How many frames in all (library and runtime ones included). */
  frames: number;
  also?: (r: ReturnType<typeof parseStack>) => void;
}

const cases: Record<string, Expect> = {
  'py-usr-lib-runtime.txt': { languages: ['python'], error: /^IOError: invalid Python installation/, app: [], frames: 3 },
  'py-windows-site-packages.txt': {
    languages: ['python'], error: /^ModuleNotFoundError: No module named 'pain001\.csv'$/, app: [], frames: 4,
    also: (r) => assert.deepEqual(r.frames.map((f) => f.origin), ['library', 'library', 'runtime', 'runtime']),
  },
  'py-windows-app.txt': { languages: ['python'], error: /^ModuleNotFoundError/, app: ['G:\\Projects\\Python\\UKBinCollectionData\\uk_bin_collection\\uk_bin_collection\\collect_data.py:6'], frames: 1 },
  'py313-carets.txt': { languages: ['python'], error: /^FileNotFoundError: \[Errno 2\]/, app: ['/var/tmp/./tmpom46qzi6:14'], frames: 1 },
  'java-npe-ide.txt': {
    languages: ['java'], error: /^Exception in thread "main" java\.lang\.NullPointerException$/, frames: 6,
    app: ['LoadNSave.java:109', 'LoadNSave.java:120', 'Playing.java:22', 'Game.java:41', 'Game.java:30', 'Main.java:12'],
    also: (r) => assert.equal(r.frames[0].className, 'Utils.LoadNSave'),
  },
  'kotlin-unindented.txt': { languages: ['java'], error: /NullPointerException$/, app: ['Charlatano.kt:91', 'Charlatano.kt:43', 'Charlatano.kt:?'], frames: 3 },
  'android-logcat.txt': {
    languages: ['java'], error: /^java\.lang\.RuntimeException: Unable to start activity/, app: ['UserDetailsActivity.java:77'], frames: 8,
    also: (r) => {
      const top = r.frames.find((f) => f.origin === 'app')!;
      assert.equal(top.className, 'hainguyen.impala.feature.userdetails.view.UserDetailsActivity');
      assert.equal(top.segmentWeight, 1, 'the Caused by is the root cause');
    },
  },
  'android-play-console.txt': {
    languages: ['java'], error: /^java\.lang\.RuntimeException:/, app: [':?'], frames: 12,
    also: (r) => {
      const own = r.frames.find((f) => f.origin === 'app')!;
      assert.deepEqual([own.className, own.function], ['com.calcitem.sanmill.MainActivity', 'attachBaseContext']);
      assert.equal(r.frames[0].file, 'ActivityThread.java', 'a space before the parenthesis still reads as Java');
    },
  },
  'scala-logback.txt': {
    languages: ['java'], error: /^scala\.MatchError: /, app: ['Core.scala:195', 'Core.scala:195', 'Core.scala:133', 'Core.scala:31'], frames: 7,
    also: (r) => assert.deepEqual(r.frames.filter((f) => f.origin !== 'app').map((f) => f.origin), ['runtime', 'library', 'library']),
  },
  'scala-no-at.txt': { languages: ['java'], error: /^scala\.MatchError/, app: ['WebApi.scala:728', 'WebApi.scala:640'], frames: 4 },
  'go-created-by.txt': {
    languages: ['go'], error: /^panic: runtime error: invalid memory address/, frames: 3,
    app: ['/home/simon/course/intro-to-go/12.go:25', '/home/simon/course/intro-to-go/12.go:36', '/home/simon/course/intro-to-go/12.go:20'],
    also: (r) => assert.deepEqual(r.frames.map((f) => [f.function, f.segmentWeight]), [['main.main', 1], ['main.chanSender', 0.3], ['main.main', 0.3]]),
  },
  'go-kodi-log-prefix.txt': {
    languages: ['go'], error: /panic: runtime error/, frames: 3,
    app: ['/Users/steeve/projects/go/src/github.com/steeve/pulsar/tmdb/movie.go:188', '/Users/steeve/projects/go/src/github.com/steeve/pulsar/tmdb/movie.go:191'],
    also: (r) => {
      assert.equal(r.frames[0].function, 'github.com/steeve/pulsar/tmdb.func·007');
      assert.deepEqual([r.frames[2].file, r.frames[2].origin], ['/usr/local/go/src/net/fd_poll_runtime.go', 'runtime']);
    },
  },
  'go-gopath.txt': {
    languages: ['go'], error: /^panic: /, frames: 4,
    app: ['/Users/me/go/src/github.com/bcicen/grmon/parse.go:76', '/Users/me/go/src/github.com/bcicen/grmon/client.go:38', '/Users/me/go/src/github.com/bcicen/grmon/main.go:38', '/Users/me/go/src/github.com/bcicen/grmon/main.go:202'],
  },
  'node-windows-node-modules.txt': {
    languages: ['javascript'], error: /^TypeError: Cannot read properties of undefined \(reading 'parentPath'\)$/, app: ['C:\\Users\\HP\\IdeaProjects\\web-framework\\index.js:99'], frames: 7,
    also: (r) => assert.deepEqual(r.frames.map((f) => f.origin), ['library', 'library', 'library', 'app', 'runtime', 'runtime', 'runtime']),
  },
  'node-global-cli.txt': { languages: ['javascript'], error: /^TypeError: Cannot read property 'name' of undefined$/, app: [], frames: 7 },
  'node-docker-compose-pm2.txt': {
    languages: ['javascript'], error: /Error \[ERR_MODULE_NOT_FOUND\]: Cannot find module/, app: [], frames: 5,
    also: (r) => assert.ok(r.frames.every((f) => f.origin === 'runtime')),
  },
  'node22-esm-ansi.txt': {
    languages: ['javascript'], error: /^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find module '\/app\/src\/lib\/server\/k8sAuth\.js'/, app: [], frames: 4,
    also: (r) => assert.deepEqual(r.frames.map((f) => `${f.file}:${f.line}:${f.column}`).slice(0, 1), ['node:internal/modules/esm/resolve:274:11']),
  },
  'browser-vite-bundle.txt': {
    languages: ['javascript'], error: /^TypeError: Cannot read properties of undefined \(reading 'length'\)$/, frames: 5,
    app: ['http://127.0.0.1:4096/assets/session-Cg8YeoLd.js:14', 'http://127.0.0.1:4096/assets/index-Dl3PGFdp.js:2', 'http://127.0.0.1:4096/assets/index-Dl3PGFdp.js:2', 'http://127.0.0.1:4096/assets/session-Cg8YeoLd.js:14', 'http://127.0.0.1:4096/assets/index-Dl3PGFdp.js:2'],
    also: (r) => assert.deepEqual([r.frames[3].function, r.frames[3].column], ['get style', 51075]),
  },
  'deno-heroku.txt': {
    languages: ['javascript'], error: /^error: Uncaught \(in promise\) TypeError: Must be a file URL\.$/, app: ['https://raw.githubusercontent.com/xorgram/xor/0.1.0/main.ts:21'], frames: 2,
    also: (r) => assert.equal(r.frames[0].origin, 'library', 'deno.land/std is a remote library'),
  },
  'deno-ext.txt': { languages: ['javascript'], error: /^Uncaught NotFound/, app: [], frames: 1, also: (r) => assert.equal(r.frames[0].origin, 'runtime') },
  'webpack-serverless.txt': {
    languages: ['javascript'], error: /Error: Eek/, frames: 2,
    app: ['/Users/ojongerius/repos/fcc-open-api/.webpack/service/webpack:/dataLayer/mongo/user.js:13', '/Users/ojongerius/repos/fcc-open-api/.webpack/service/webpack:/graphql/resolvers/user.js:5'],
  },
  'webpack-vue-retrace.txt': {
    languages: ['javascript'], error: /^Error: error in promise handler$/, app: ['webpack:///src/views/ArtistSearch.vue.ts:90', 'webpack:///src/views/ArtistSearch.vue.ts:78'], frames: 3,
    also: (r) => assert.equal(r.frames[2].origin, 'library'),
  },
  'gatsby-relative.txt': { languages: ['javascript'], error: /^WebpackError: ReferenceError: window is not defined$/, app: ['src/pages/index.js:8'], frames: 1 },
  'dotnet-german-async.txt': {
    languages: ['dotnet'], error: /^System\.Reflection\.TargetInvocationException: .*---> System\.InvalidOperationException/, frames: 7,
    app: ['C:\\projects\\chummer\\Chummer\\Backend\\Characters\\Character.cs:?', 'C:\\projects\\chummer\\Chummer\\Backend\\Attributes\\AttributeSection.cs:1906'],
    also: (r) => {
      assert.equal(new Set(r.frames.map((f) => f.trace)).size, 1, 'the localised "--- Ende der Stapelüberwachung ---" keeps one trace');
      assert.equal(r.frames[5].className, 'Chummer.Backend.Attributes.AttributeSection.<ResetBindingsAsync>d__59');
    },
  },
  'dotnet-mono.txt': {
    languages: ['dotnet'], error: /^System\.InvalidOperationException: The view 'Detail'/, app: [], frames: 3,
    also: (r) => assert.deepEqual(r.frames.map((f) => [f.file, f.origin]), [['', 'runtime'], ['', 'runtime'], ['', 'runtime']]),
  },
  'php-inline-trace.txt': {
    languages: ['php'], error: /^Fatal error: Uncaught Error: Call to undefined function umc_get_uuid_level\(\)/, frames: 6,
    app: [
      '/home/minecraft/server/bin/includes/wordpress.inc.php:60', '/home/minecraft/server/bin/core_include.php:107', '/home/minecraft/server/bin/index_wp.php:47',
      '/home/minecraft/public_html/wp-content/themes/twentyeleven-child/header.php:14', '/home/minecraft/public_html/wp-includes/template.php:688', '/home/minecraft/public_html/index.php:17',
    ],
    also: (r) => assert.deepEqual(r.frames.slice(1, 3).map((f) => f.function), ['umc_wp_get_vars', 'umc_set_environment']),
  },
  'php-main-only.txt': { languages: ['php'], error: /^Fatal error: Uncaught Error: Call to undefined function mysql_connect\(\)/, app: ['/opt/lampp/htdocs/st/userlogin.php:66'], frames: 1 },
  'php-syslog-backtrace.txt': {
    languages: ['php'], error: /SimpleSAML\\Error\\Error: UNHANDLEDEXCEPTION/, frames: 3,
    app: ['/apps/installation/simplesamlphp/simplesamlphp-master/www/_include.php:20', '/apps/installation/simplesamlphp/simplesamlphp-master/modules/admin/lib/Controller/Config.php:114'],
    also: (r) => {
      assert.equal(r.frames[1].origin, 'library', 'vendor/ is a library');
      assert.equal(r.frames[2].segmentWeight, 1, 'the Caused by after a syslog prefix is the root cause');
    },
  },
  'rust-panic-windows.txt': { languages: ['rust'], error: /^thread 'main' panicked at src\\explorer_modinfo\.rs:45:14:$/, app: ['src\\explorer_modinfo.rs:45'], frames: 1 },
  'rust-backtrace-std.txt': {
    languages: ['rust'], error: /^$/, app: [], frames: 6,
    also: (r) => {
      assert.ok(r.frames.every((f) => f.origin === 'runtime'));
      assert.equal(r.frames[1].function, 'std::rt::lang_start::{{closure}}', 'the function comes from the numbered line, without its hash');
      assert.equal(r.frames[3].line, 492, 'a frame glued to the next one by the paste keeps its own location');
    },
  },
  'elixir-mix-task.txt': {
    languages: ['elixir'], error: /^\*\* \(FunctionClauseError\) no function clause matching in RabbitMQ/, frames: 5,
    app: ['lib/rabbitmq/cli/core/command_modules.ex:138', 'lib/rabbitmq/cli/core/command_modules.ex:178', 'lib/rabbitmq/cli/core/command_modules.ex:40'],
  },
  'elixir-no-app.txt': {
    languages: ['elixir'], error: /^\*\* \(FunctionClauseError\)/, app: ['lib/sobelow/utils.ex:158', 'lib/sobelow/traversal/send_file.ex:65'], frames: 4,
    also: (r) => assert.deepEqual([r.frames[3].file, r.frames[3].origin], ['lists.erl', 'runtime']),
  },
  'elixir-gcp-json.txt': {
    languages: ['elixir'], error: /^\*\* \(FunctionClauseError\) no function clause matching in Web\.Actors\.Components\.actor_role\/1$/, frames: 4,
    app: ['lib/web/live/actors/components.ex:8', 'lib/web/live/actors/show.ex:211'],
    also: (r) => assert.deepEqual(r.frames.slice(2).map((f) => f.origin), ['library', 'runtime']),
  },
  'elixir-honeybadger.txt': {
    languages: ['elixir'], error: /^FunctionClauseError: no function clause matching/, frames: 4,
    app: ['lib/remote_retro_web/channels/retro_channel.ex:92', 'lib/remote_retro_web/channels/retro_channel.ex:31'],
    also: (r) => assert.deepEqual(r.frames.slice(2).map((f) => f.origin), ['library', 'runtime']),
  },
  'swift-fatal.txt': { languages: ['swift'], error: /Fatal error: Unexpectedly found nil/, app: ['SwiftUICharts/LineChartView.swift:131'], frames: 1 },
  'ruby-better-errors.txt': {
    languages: ['ruby'], error: /^NoMethodError - undefined method `name' for nil:NilClass:$/, frames: 3,
    app: ['app/views/home/_history_disappeared.html.erb:6', 'app/views/home/index.html.erb:112', 'app/controllers/home_controller.rb:10'],
  },
};

describe('parseStack on real traces from public issues', () => {
  it('has an expectation for every collected trace, and every trace has a source in the README', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    assert.deepEqual(files, Object.keys(cases).sort());
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const f of files) assert.match(readme, new RegExp(`\\| ${f.replace(/\./g, '\\.')} \\|.*\\| https://github\\.com/`), f);
    assert.ok(files.length >= 25);
  });

  for (const [file, want] of Object.entries(cases)) {
    it(file, () => {
      const r = parseStack(load(file));
      assert.equal(r.frames.length, want.frames, 'frame count');
      assert.deepEqual([...new Set(r.frames.map((f) => f.language))], want.languages);
      assert.deepEqual(r.frames.filter((f) => f.origin === 'app').map((f) => `${f.file}:${f.line ?? '?'}`), want.app);
      assert.match(r.errors[0] ?? '', want.error);
      want.also?.(r);
    });
  }
});
