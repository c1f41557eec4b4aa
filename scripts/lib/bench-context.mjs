// What bench modules share: one production build, compiled runners, the test VS Code. Each step runs at most once.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export function createContext(root) {
  const done = new Map();
  const disposers = [];
  const once = (key, fn) => {
    if (!done.has(key)) done.set(key, fn());
    return done.get(key);
  };
  const sh = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  };
  return {
    root,
    /** Runs a command in the repo root, output shown; throws on failure. */
    sh,
    /** The minified production build in dist/ (as `npm run package` ships it). */
    buildProduction: () => once('prod', () => sh('npm', ['run', '--silent', 'build:prod'])),
    /** tsc -p . (the test runners in out/test/runners are used to drive code-server). */
    compile: () =>
      once('tsc', () => {
        // tsc emits even with type errors elsewhere in the tree; the benches only need the runners it emits.
        const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { cwd: root, encoding: 'utf8' });
        if (r.status !== 0) console.warn(`  (tsc reported type errors; using its output anyway)\n${r.stdout.trim().split('\n').slice(0, 5).join('\n')}`);
      }),
    ensureTestVSCode: () => once('vscode', () => sh('bash', ['scripts/ensure-test-vscode.sh'])),
    /** require() for the compiled runners, e.g. ctx.requireOut('test/runners/codeServerProcess'). */
    requireOut: (rel) => createRequire(import.meta.url)(path.join(root, 'out', rel)),
    /** Registers cleanup to run after all benches (e.g. stopping code-server). */
    onDispose: (fn) => disposers.push(fn),
    dispose: async () => {
      for (const fn of disposers.reverse()) await fn();
    },
  };
}
