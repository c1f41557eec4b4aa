// incident-lens demo [DIR] [--onset ISO] [--simulator URL]: makes the demo workspace: a real git repository of
// checkout-api with tags v2.4.0 → v2.4.1 (which adds a per-item DynamoDB query inside a loop), its .incident-lens.yaml,
// a PR template, a past PIR, and demo.incident.json whose deploys carry the repository's real shas and patches.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoConfigYaml } from '../../core/demo/demoConfig';
import { demoFilesV240, ORDERS_V241, packageJson, PIR_MD } from '../../core/demo/demoRepo';
import { demoSnapshot } from '../../core/demo/demoSnapshot';
import type { Snapshot } from '../../core/model/snapshot';
import { gitRunner } from '../../providers/git/gitCli';
import { commitsInRange } from '../../providers/git/gitDeploys';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';

const HELP = `usage: incident-lens demo [DIR] [--onset ISO] [--simulator URL]

Makes the demo workspace in DIR (default ./incident-lens-demo): a git repository of the checkout-api service whose
release v2.4.1 caused the demo incident, and demo.incident.json. Re-running replaces a previous demo workspace; any
other non-empty directory is refused.
  --onset ISO       when the incident started (default: 30 minutes ago)
  --simulator URL   point .incident-lens.yaml's endpoints at a running 'incident-lens simulate'`;

const MARKER = 'incident-lens-demo';
const MIN = 60_000;

function prepareDir(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length === 0) return;
    if (!existsSync(path.join(dir, '.git', MARKER))) {
      throw new InputError(`${dir}: directory is not empty and is not a demo workspace; choose another DIR`);
    }
    for (const e of entries) rmSync(path.join(dir, e), { recursive: true, force: true });
  } else mkdirSync(dir, { recursive: true });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}

/** A git fast-import stream: commits on one branch (each on top of the previous) and annotated tags. */
class FastImport {
  private readonly parts: string[] = [];
  private mark = 0;
  private last = 0;

  private static data(text: string): string {
    return `data ${Buffer.byteLength(text)}\n${text}\n`;
  }

  private static who(person: string, iso: string): string {
    return `${person} ${Math.floor(Date.parse(iso) / 1000)} +0000`;
  }

  commit(branch: string, author: string, at: string, message: string, files: Record<string, string>): void {
    const blobs = Object.entries(files).map(([p, text]) => {
      this.parts.push(`blob\nmark :${++this.mark}\n${FastImport.data(text)}`);
      return `M 100644 :${this.mark} ${p}\n`;
    });
    const who = FastImport.who(author, at);
    this.parts.push(`commit refs/heads/${branch}\nmark :${++this.mark}\nauthor ${who}\ncommitter ${who}\n${FastImport.data(`${message}\n`)}${this.last ? `from :${this.last}\n` : ''}${blobs.join('')}\n`);
    this.last = this.mark;
  }

  tag(name: string, tagger: string, at: string): void {
    this.parts.push(`tag ${name}\nfrom :${this.last}\ntagger ${FastImport.who(tagger, at)}\n${FastImport.data(`${name}\n`)}`);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Builds the workspace; returns the snapshot written to demo.incident.json. */
export async function makeDemoWorkspace(dir: string, opts: { onset?: string; simulatorUrl?: string } = {}): Promise<Snapshot> {
  prepareDir(dir);
  const onset = opts.onset ?? new Date(Math.floor(Date.now() / MIN) * MIN - 30 * MIN).toISOString().replace('.000Z', 'Z');
  if (!Number.isFinite(Date.parse(onset))) throw new InputError(`--onset '${opts.onset}' is not an ISO time`);
  // The plan (times, authors, messages) comes from the snapshot without refs; the shas then come from git.
  const plan = demoSnapshot({ onset });
  const [v240, v241] = plan.deploys!;
  const yaml = demoConfigYaml(plan, opts.simulatorUrl);
  const git = gitRunner(dir, { ...process.env, GIT_CONFIG_NOSYSTEM: '1' });
  await git(['init', '-q', '-b', 'main']);
  writeFileSync(path.join(dir, '.git', MARKER), 'made by incident-lens demo; re-running demo replaces this workspace\n');

  // One fast-import stream builds the whole history: a handful of git processes keeps `demo` well under 2 s.
  const commits = v241.commits!;
  const stream = new FastImport();
  const v240Files = { ...demoFilesV240(yaml), 'docs/incidents/2026-01-01-inventory-throttling.md': PIR_MD };
  stream.commit('main', 'Sam Rivera <sam@example.com>', new Date(Date.parse(v240.at) - 30 * MIN).toISOString(), 'checkout-api 2.4.0: order summaries', v240Files);
  stream.tag('v2.4.0', 'release-bot <release@example.com>', v240.at);
  stream.commit('main', commits[0].author!, commits[0].at!, commits[0].message!, { 'src/orders.js': ORDERS_V241 });
  stream.commit('main', commits[1].author!, commits[1].at!, commits[1].message!, { 'package.json': packageJson('2.4.1') });
  stream.tag('v2.4.1', 'release-bot <release@example.com>', v241.at);
  await git(['fast-import', '--quiet', '--date-format=raw'], { input: stream.text() });
  await git(['reset', '-q', '--hard', 'main']);
  const [sha240, sha241] = (await git(['rev-parse', 'v2.4.0^{commit}', 'v2.4.1^{commit}'])).toString('utf8').trim().split('\n');
  const shas = { v240: sha240, v241: sha241 };
  const real = await commitsInRange(git, `${shas.v240}..${shas.v241}`);
  const snapshot = demoSnapshot({ onset, refs: { ...shas, commits: real.map((c) => ({ sha: c.sha, message: c.message ?? '' })) } });
  // The repository's own patches, so suspects and code lenses line up with the files on disk.
  snapshot.deploys![1].commits = real;
  writeFileSync(path.join(dir, 'demo.incident.json'), `${JSON.stringify(snapshot, null, 2)}\n`);
  return snapshot;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  if (args.positional.length > 1) throw new InputError(`expected at most one directory, got ${args.positional.join(' ')}`);
  const sim = flag(args, 'simulator');
  if (sim !== undefined && !/^https?:\/\/[^/]+/.test(sim)) throw new InputError(`--simulator must be an http(s) URL (got '${sim}')`);
  const dir = path.resolve(args.positional[0] ?? 'incident-lens-demo');
  await makeDemoWorkspace(dir, { onset: flag(args, 'onset'), simulatorUrl: sim });
  const file = path.join(dir, 'demo.incident.json');
  io.out([
    `Demo workspace: ${dir}`,
    `  git repository of checkout-api, tags v2.4.0 → v2.4.1 (src/orders.js queries DynamoDB once per line item)`,
    `  snapshot: ${file}`,
    '',
    'Next:',
    `  incident-lens analyze ${file} --format markdown`,
    `  incident-lens suspects --repo ${dir} --range v2.4.0..v2.4.1 --stack - < stack.txt`,
    `  incident-lens simulate ${file} --repo ${dir}      # then: incident-lens gather --config ${path.join(dir, '.incident-lens.yaml')} --endpoint-url URL`,
    `  code ${dir}`,
  ].join('\n'));
  return 0;
}
