import { InputError } from './errors';
import { processIo, type CliIo } from './io';

export type CommandRunner = (argv: string[], io: CliIo) => Promise<number | void>;

interface CommandEntry {
  summary: string;
  load: () => CommandRunner;
}

// Each command lives in its own module, loaded only when run, so `--help` and fast commands stay fast.
const commands: Record<string, CommandEntry> = {
  gather: { summary: 'read the live sources in .incident-lens.yaml into a snapshot', load: () => require('./commands/gather').run },
  simulate: { summary: 'serve a snapshot over the CloudWatch, Logs, GitHub, Jira and ServiceNow APIs on 127.0.0.1', load: () => require('./commands/simulate').run },
  demo: { summary: 'make the demo workspace (a git repo and its incident)', load: () => require('./commands/demo').run },
  suspects: { summary: 'map a stack trace onto the commits of a deploy range (FROM..TO) in a git repo', load: () => require('./commands/suspects').run },
  'logs patterns': { summary: 'mine log templates from one message per line', load: () => require('./commands/logsPatterns').run },
  'llm preview': { summary: 'show exactly what the optional LLM pass would send (redacted); sends nothing', load: () => require('./commands/llmPreview').run },
  analyze: { summary: 'analyse a snapshot: root cause, suspects, hypotheses, actions', load: () => require('./commands/analyze').run },
  pir: { summary: 'write the post-incident review (markdown) for a snapshot; merges into an existing --out FILE', load: () => require('./commands/pir').run },
  hotfix: { summary: 'hotfix branch from the deployed ref, or (--pr) its draft PR; prints the plan, --yes does it', load: () => require('./commands/hotfix').run },
  rollback: { summary: 'rollback branch reverting the suspect deploy, pushed, with a draft PR; prints the plan, --yes does it', load: () => require('./commands/rollback').run },
  optimise: { summary: 'query-optimisation findings in the suspect deploy\'s data-access code (alias: optimize)', load: () => require('./commands/optimise').run },
};
const aliases: Record<string, string> = { optimize: 'optimise' };

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return ['usage: incident-lens <command> [options]', '', 'commands:', ...lines, '', 'Run incident-lens <command> --help for its options.'].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [typed, ...rest] = argv;
  const name = typed && aliases[typed] ? aliases[typed] : typed;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(require('../../package.json').version);
    return 0;
  }
  // "logs patterns" is a two-word command.
  const key = commands[name] ? name : commands[`${name} ${rest[0]}`] ? `${name} ${rest.shift()}` : undefined;
  if (!key) {
    io.err(`incident-lens: unknown command '${name}'. Run incident-lens --help.`);
    return 2;
  }
  try {
    return (await commands[key].load()(rest, io)) ?? 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`incident-lens ${key}: ${e.message}`);
      return 2;
    }
    const err = e as Error;
    io.err(`incident-lens ${key}: ${err.message ?? String(e)}`);
    if (process.env.INCIDENT_LENS_DEBUG) io.err(err.stack ?? '');
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`incident-lens: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
