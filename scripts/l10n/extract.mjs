// Collects every vscode.l10n.t('…') message of src/vscode into l10n/bundle.l10n.json (the English source bundle).
// Usage: node scripts/l10n/extract.mjs [--check]   (--check: exit 1 when the bundle is out of date)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function messagesIn(text) {
  const out = [];
  for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.push(m[1].replace(/\\'/g, "'").replace(/\\n/g, '\n').replace(/\\\\/g, '\\'));
  return out;
}

export function collect(dir) {
  const found = new Set();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of messagesIn(readFileSync(p, 'utf8'))) found.add(m);
    }
  };
  walk(dir);
  return [...found].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundle = Object.fromEntries(collect('src/vscode').map((m) => [m, m]));
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const old = readFileSync('l10n/bundle.l10n.json', 'utf8');
    if (old !== text) { console.error('l10n/bundle.l10n.json is out of date: run node scripts/l10n/extract.mjs'); process.exit(1); }
  } else {
    writeFileSync('l10n/bundle.l10n.json', text);
    console.log(`${Object.keys(bundle).length} messages`);
  }
}
