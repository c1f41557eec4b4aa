// Tells the application's own frames from library and runtime frames, from the path and the qualified name alone.
// The mapper later confirms "app" by finding the file in the repository; these rules only rule frames out.
import type { FrameOrigin, StackLanguage } from './frame';

const LIBRARY_PATH = /(^|[\\/])(node_modules|site-packages|dist-packages|bower_components|jspm_packages|vendor|gems|\.bundle|pkg[\\/]mod|\.m2|\.gradle|\.cargo|\.nuget)[\\/]/;
const JS_RUNTIME = /^(node:|internal[\\/]|<anonymous>|native$|\[native code\]|<(?:unknown|eval)>|evalmachine\.|bootstrap_node|webpack[\\/]bootstrap|\(webpack\))/;
const PY_RUNTIME = /(^<(?:frozen|string|stdin|module|console|ipython)|[\\/]lib[\\/](?:python|pypy)\d(?:\.\d+)?[\\/]|[\\/]lib[\\/]python\d\d[\\/]|^python\d)/i;
const JAVA_RUNTIME = /^(java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|jakarta|groovy|org\.codehaus\.groovy|dalvik|android|androidx|worker\.org\.gradle)\./;
const JAVA_LIBRARY = /^(org\.springframework|org\.apache|org\.hibernate|org\.eclipse|org\.junit|org\.gradle|org\.slf4j|ch\.qos|io\.netty|io\.micronaut|io\.quarkus|io\.vertx|io\.grpc|io\.reactivex|reactor|rx|okhttp3|okio|retrofit2|feign|com\.google|com\.fasterxml|com\.zaxxer|com\.amazonaws|software\.amazon|com\.mysql|org\.postgresql|net\.bytebuddy|org\.mockito|org\.jboss|org\.glassfish|akka|play)\./;
const GO_RUNTIME = /(^|[\\/])(usr[\\/]local[\\/]go|usr[\\/]lib[\\/]go[^\\/]*|go[\\/]src|goroot[^\\/]*)[\\/]|^(runtime|testing|net|syscall|reflect|sync|internal)[\\/]|[\\/]src[\\/]runtime[\\/]/i;
const DOTNET_RUNTIME = /^(System|Microsoft|Mono|Internal|Interop|Windows)\./;
const RUBY_RUNTIME = /(^<internal:|[\\/]lib[\\/]ruby[\\/]\d|[\\/]rubies[\\/]|[\\/]\.rbenv[\\/]versions[\\/]|[\\/]\.rvm[\\/])/;

/** A repository path inside vendored or installed dependencies. */
export function isDependencyPath(path: string): boolean {
  return LIBRARY_PATH.test(`/${path}`);
}

export function originOf(language: StackLanguage, file: string, qualifiedName: string | undefined): FrameOrigin {
  const name = qualifiedName ?? '';
  switch (language) {
    case 'javascript':
      if (JS_RUNTIME.test(file)) return 'runtime';
      // Old Node versions print core modules as bare names: events.js:42.
      if (/^(events|node|module|timers|net|fs|_stream_\w+|domain|child_process|_http_\w+|_tls_\w+)\.js$/.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'python':
      if (LIBRARY_PATH.test(file)) return 'library';
      return PY_RUNTIME.test(file) ? 'runtime' : 'app';
    case 'java':
      if (JAVA_RUNTIME.test(name)) return 'runtime';
      return JAVA_LIBRARY.test(name) ? 'library' : 'app';
    case 'go':
      if (GO_RUNTIME.test(file) || /^runtime\./.test(name)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'dotnet':
      if (DOTNET_RUNTIME.test(name)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
    case 'ruby':
      if (RUBY_RUNTIME.test(file)) return 'runtime';
      return LIBRARY_PATH.test(file) ? 'library' : 'app';
  }
}
