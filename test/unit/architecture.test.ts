// Enforces the layering of DEVELOPERS.md: only src/vscode imports vscode; the core is pure (no providers, SDKs or I/O).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  const out: string[] = [];
  for (const name of readdirSync(abs)) {
    const p = path.join(abs, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(path.join(dir, name)));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path.join(dir, name));
  }
  return out;
}

/** Every module specifier a file imports, requires or dynamically imports. */
export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const specs = info.importedFiles.map((f) => f.fileName);
  // preProcessFile misses require() inside functions and `typeof import()`: scan for those too.
  for (const m of text.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

/** Module specifiers of the imports that bring values (not `import type`, not imports of types only). */
function valueImportsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const c = st.importClause;
    const typesOnly = !!c && (c.isTypeOnly || (!c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
    if (!typesOnly) out.push(st.moduleSpecifier.text);
  }
  return out;
}

function resolveRel(file: string, spec: string): string {
  return spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec;
}

const NODE_IO = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|dns|tls|worker_threads|cluster|readline|process|os|inspector|v8|vm)$/;
const PURE_PACKAGES = new Set(['ajv', 'ajv/dist/2020', 'ajv-formats', 'yaml', '@jridgewell/trace-mapping']);

describe('architecture boundaries', () => {
  it('only src/vscode imports vscode', () => {
    const offenders = [...sourceFiles('src'), ...sourceFiles('webview-ui')]
      .filter((f) => !f.startsWith(`src${path.sep}vscode${path.sep}`))
      .filter((f) => importsOf(f).includes('vscode'));
    assert.deepEqual(offenders, []);
  });

  it('src/core imports no provider, port, SDK, package outside the pure allow-list, or Node I/O module', () => {
    const problems: string[] = [];
    for (const f of sourceFiles('src/core')) {
      for (const spec of importsOf(f)) {
        const target = resolveRel(f, spec);
        if (spec.startsWith('.')) {
          // Exception: gather orchestrates the ports, so it may import their (type-only) interfaces.
          const gatherToPorts = f.startsWith(path.join('src', 'core', 'gather')) && (target === path.join('src', 'ports') || target.startsWith(path.join('src', 'ports') + path.sep));
          if (!target.startsWith(`src${path.sep}core`) && !gatherToPorts) problems.push(`${f} imports ${spec} (outside src/core)`);
        } else if (NODE_IO.test(spec)) problems.push(`${f} imports Node I/O module ${spec}`);
        else if (!/^(node:)?(path|url|util|crypto|events|assert|buffer|string_decoder|zlib)$/.test(spec) && !PURE_PACKAGES.has(spec)) {
          problems.push(`${f} imports package ${spec}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('src/ports depends only on the core model', () => {
    const problems = sourceFiles('src/ports').flatMap((f) =>
      importsOf(f)
        .filter((s) => !s.startsWith('.') || !resolveRel(f, s).startsWith(path.join('src', 'core', 'model')) && !resolveRel(f, s).startsWith(path.join('src', 'ports')))
        .map((s) => `${f} imports ${s}`));
    assert.deepEqual(problems, []);
  });

  it('src/vscode takes the analysis engine only through its lazy bundle (types aside)', () => {
    // analyse(), the miner and the history search load with dist/sdk/engine.js when an incident opens, not at activation.
    const engine = ['analysis', 'logs', 'history'].map((d) => path.join('src', 'core', d));
    const problems: string[] = [];
    for (const f of sourceFiles('src/vscode')) {
      for (const spec of valueImportsOf(f)) {
        const target = resolveRel(f, spec);
        if (engine.some((d) => target === d || target.startsWith(d + path.sep))) problems.push(`${f} imports ${spec}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(valueImportsOf(path.join('test', 'unit', 'architecture.test.ts')).filter((s) => s === 'typescript'), ['typescript'], 'the check sees value imports');
  });

  it('the checker sees a violation when there is one', () => {
    // Guards against a check that cannot fail: this very file imports Node I/O.
    assert.ok(importsOf(path.join('test', 'unit', 'architecture.test.ts')).includes('node:fs'));
  });
});
