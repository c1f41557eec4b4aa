// Tells the application's own frames from library and runtime frames, from the path and the qualified name alone.
// The mapper later confirms "app" by finding the file in the repository; these rules only rule frames out.
import type { FrameOrigin, StackLanguage } from './frame';

const LIBRARY_PATH = /(^|[\\/])(node_modules|site-packages|dist-packages|bower_components|jspm_packages|vendor|gems|\.bundle|pkg[\\/]mod|\.m2|\.gradle|\.cargo|\.nuget)[\\/]/;
const JS_RUNTIME = /^(node:|internal[\\/]|ext:|<anonymous>|native$|\[native code\]|<(?:unknown|eval)>|evalmachine\.|bootstrap_node|webpack[\\/]bootstrap|\(webpack\))/;
// Remote modules (Deno, import maps, CDNs): always someone else's code.
const JS_REMOTE_LIBRARY = /^https?:\/\/(deno\.land\/(std|x)\b|jsr\.io\/|esm\.sh\/|cdn\.jsdelivr\.net\/|unpkg\.com\/|cdn\.skypack\.dev\/|ga\.jspm\.io\/)/;
const PY_RUNTIME = /(^<(?:frozen|string|stdin|module|console|ipython)|[\\/]lib[\\/](?:python|pypy)\d(?:\.\d+)?[\\/]|[\\/]lib[\\/]python\d\d[\\/]|^python\d)/i;
const JAVA_RUNTIME = /^(java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|jakarta|groovy|org\.codehaus\.groovy|dalvik|android|androidx|com\.android\.internal|worker\.org\.gradle)\./;
const JAVA_LIBRARY = /^(org\.springframework|org\.apache|org\.hibernate|org\.eclipse|org\.junit|org\.gradle|org\.slf4j|ch\.qos|io\.netty|io\.micronaut|io\.quarkus|io\.vertx|io\.grpc|io\.reactivex|reactor|rx|okhttp3|okio|retrofit2|feign|com\.google|com\.fasterxml|com\.zaxxer|com\.amazonaws|software\.amazon|com\.mysql|org\.postgresql|net\.bytebuddy|org\.mockito|org\.jboss|org\.glassfish|akka|play|spray|cats|zio|com\.android\.(?!internal)|com\.squareup)\./;
// GOROOT sources: ".../go/src/<std package>/" where a standard package path has no dot (third-party ones start with a domain).
const GO_ROOT = /(^|[\\/])(go(?:-[\w.]+)?|goroot[^\\/]*)[\\/]src[\\/][^.\\/]+[\\/]/i;
const GO_RUNTIME = /(^|[\\/])(usr[\\/]lib[\\/]go[^\\/]*)[\\/]|^(runtime|testing|net|syscall|reflect|sync|internal|fmt|encoding|io|os|strings|strconv|bufio|bytes|context|errors|database|crypto|log|math|sort|time|text|html|mime|path|regexp|unicode|compress|container|embed|expvar|flag|hash|image|iter|maps|slices)[\\/]|[\\/]src[\\/]runtime[\\/]/i;
const DOTNET_RUNTIME = /^(System|Microsoft|Mono|Internal|Interop|Windows)\./;
const RUBY_RUNTIME = /(^<internal:|[\\/]lib[\\/]ruby[\\/]\d|[\\/]rubies[\\/]|[\\/]\.rbenv[\\/]versions[\\/]|[\\/]\.rvm[\\/])/;
const RUST_RUNTIME = /(^|[\\/])rustc[\\/][^\\/]+[\\/]|^(library[\\/])?(std|core|alloc)[\\/]src[\\/]|[\\/]\.rustup[\\/]toolchains[\\/]/;
const ELIXIR_RUNTIME_APPS = /^(elixir|stdlib|kernel|mix|iex|logger|ex_unit|eex|compiler|erts|crypto|ssl|inets|public_key)$/;
const ELIXIR_LIBRARY_APPS = /^(phoenix\w*|plug\w*|cowboy\w*|cowlib|ranch|ecto\w*|postgrex|myxql|db_connection|jason|poison|telemetry\w*|bandit|thousand_island|absinthe\w*|oban\w*|tesla|hackney|finch|mint|gen_stage|broadway\w*|swoosh|gettext|castore|nimble_\w+)$/;
const SWIFT_RUNTIME = /(^|[\\/])(swift[\\/](stdlib|Foundation)|usr[\\/]lib[\\/]swift)[\\/]|^(libswift|Swift[\\/])/;

/** A repository path inside vendored or installed dependencies. */
export function isDependencyPath(path: string): boolean {
  return LIBRARY_PATH.test(`/${path}`);
}

/** `pkg` is what the trace names as the code's package when it does (Elixir's "(my_app 0.1.0)"). */
export function originOf(language: StackLanguage, file: string, qualifiedName: string | undefined, pkg?: string): FrameOrigin {
  const name = qualifiedName ?? '';
  switch (language) {
    case 'javascript':
      if (JS_RUNTIME.test(file)) return 'runtime';
      // Old Node versions print core modules as bare names: events.js:42.
      if (/^(events|node|module|timers|net|fs|vm|_stream_\w+|domain|child_process|_http_\w+|_tls_\w+)\.js$/.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) || JS_REMOTE_LIBRARY.test(file) ? 'library' : 'app';
    case 'python':
      if (LIBRARY_PATH.test(file)) return 'library';
      return PY_RUNTIME.test(file) ? 'runtime' : 'app';
    case 'java':
      if (JAVA_RUNTIME.test(name)) return 'runtime';
      return JAVA_LIBRARY.test(name) ? 'library' : 'app';
    case 'go':
      if (LIBRARY_PATH.test(file)) return 'library';
      if (GO_ROOT.test(file) || GO_RUNTIME.test(file) || /^runtime\./.test(name)) return 'runtime';
      return 'app';
    case 'dotnet':
      if (DOTNET_RUNTIME.test(name)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'ruby':
      if (RUBY_RUNTIME.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'php':
      if (file === '' || /^\[internal/.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'rust':
      if (RUST_RUNTIME.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'elixir': {
      // Without "(app)" the OTP application is the directory under lib/ (lib/phoenix/..., lib/my_app/...).
      const app = pkg ?? /^lib[\\/](\w+)[\\/]/.exec(file)?.[1];
      if ((app && ELIXIR_RUNTIME_APPS.test(app)) || (!pkg && /^[\w.]+\.erl$/.test(file))) return 'runtime';
      if ((app && ELIXIR_LIBRARY_APPS.test(app)) || /(^|[\\/])deps[\\/]/.test(file)) return 'library';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    }
    case 'swift':
      if (SWIFT_RUNTIME.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) || /(^|[\\/])(\.build[\\/]checkouts|SourcePackages[\\/]checkouts|Pods)[\\/]/.test(file) ? 'library' : 'app';
  }
}
