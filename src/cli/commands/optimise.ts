// incident-lens optimise SNAPSHOT [--format markdown|json]: query-optimisation findings in the data-access code the
// suspect deploy changed (N+1, Scan, no limit, SELECT *, missing index, long transactions). Reads only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseEvidence, deploySourceFiles, optimiseQueries, renderFindings } from '../../core/actions/queryOptimiser';
import { suspectDeploy } from '../../core/actions/workflows';
import { oneOf, parseArgs } from '../args';
import type { CliIo } from '../io';
import { checkFlags, planned, setup } from './actionSetup';

const HELP = `usage: incident-lens optimise SNAPSHOT [--format markdown|json] [--repo DIR] [--deploy ID]     (alias: optimize)

Finds the data-access code in the suspect deploy's changed files (read from the working tree of DIR, default the
current directory) and reports concrete fixes: a query inside a loop (batch it), Scan → Query, missing pagination or
limit, SELECT *, no index for the WHERE / ORDER BY columns (with the CREATE INDEX), long transactions. Schema files
(*.sql, schema.prisma, migrations/, models.py) tracked in the repository are used for the index checks.
Reads only: allowed in observe mode.`;

const SCHEMA = /(\.sql$|(^|\/)schema\.prisma$|(^|\/)migrations\/|(^|\/)models\.py$)/;

export async function run(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  checkFlags(args, ['format', 'repo', 'config', 'deploy', 'mode'], 'optimise');
  const format = oneOf(args, 'format', ['markdown', 'json'] as const, 'markdown');
  const s = await setup(args, env);
  const deploy = await planned(() => suspectDeploy(s.snapshot, s.report, s.deployId));
  const read = (rel: string) => readFile(path.join(s.repoDir, ...rel.split('/')), 'utf8').catch(() => undefined);
  const files = await deploySourceFiles(deploy, read);
  const tracked = (await s.run(['ls-files', '-z'])).toString('utf8').split('\0').filter((p) => SCHEMA.test(p) && !p.includes('node_modules/'));
  const schemas: Array<{ path: string; text: string }> = [];
  for (const p of tracked.slice(0, 200)) {
    const text = await read(p);
    if (text !== undefined) schemas.push({ path: p, text });
  }
  const findings = optimiseQueries(files, schemas);
  if (format === 'json') {
    io.out(JSON.stringify({ deploy: deploy.id, implicated: databaseEvidence(s.snapshot, s.report), findings }, null, 2));
    return 0;
  }
  const implicated = databaseEvidence(s.snapshot, s.report);
  const context = implicated.length
    ? `The evidence implicates the database (${implicated.join(', ')}); data-access code changed by deploy ${deploy.id}:`
    : `The evidence does not implicate a database; checked deploy ${deploy.id} anyway:`;
  io.out(renderFindings(findings, context));
  return 0;
}
