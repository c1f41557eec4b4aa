// incident-lens analyze SNAPSHOT [--format json|markdown]: validates the snapshot, analyses it, prints the report.
import { analyse } from '../../core/analysis/analyse';
import { renderReportMarkdown } from '../../core/analysis/markdown';
import { formatProblem, JsonSyntaxError, parseJson, validateSnapshot } from '../../core/schema';
import type { Snapshot } from '../../core/model/snapshot';
import { oneOf, parseArgs } from '../args';
import { InputError } from '../errors';
import { llmSettings, withLlm } from '../llm';
import { readInput, type CliIo } from '../io';

const HELP = `usage: incident-lens analyze SNAPSHOT [--format json|markdown]
                              [--llm --model NAME [--context-tokens N] [--repo DIR] [--patches-dir DIR]]

Analyses an incident snapshot (*.incident.json, or - for standard input) and prints the report:
root cause with confidence, suspect deploys and commits, hypotheses with verdicts, actions, evidence, gaps.

--llm adds an optional narrative from any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY, --model or
OPENAI_MODEL) as report.llm; every claim cites evidence ids, secrets are redacted before sending
(see: incident-lens llm preview SNAPSHOT). A failed call keeps the deterministic report and adds a gap.
--repo DIR also sends the current code of the files the suspect deploys changed (redacted), so proposed patches
fit it; --patches-dir DIR writes each cited patch as a .patch file for review (nothing is applied).`;

/** Reads, parses and validates a snapshot file; every failure is one InputError line naming file and place. */
export function loadSnapshot(file: string | undefined): Snapshot {
  const text = readInput(file, 'snapshot');
  const name = file === '-' ? '<stdin>' : file;
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(`${name}: ${e.message}`);
    throw e;
  }
  const result = validateSnapshot(value);
  if (!result.ok) throw new InputError(`${name}: ${formatProblem(result.problems[0])}`);
  return result.snapshot;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv, ['llm']);
  const format = oneOf(args, 'format', ['json', 'markdown'] as const, 'json');
  if (args.positional.length > 1) throw new InputError(`expected one snapshot, got ${args.positional.length}: ${args.positional.join(' ')}`);
  const snapshot = loadSnapshot(args.positional[0]);
  // Settings are checked before the analysis so a bad --llm call fails fast, with exit 2.
  const llm = args.flags.has('llm') ? llmSettings(args) : undefined;
  let report = analyse(snapshot);
  if (llm) report = await withLlm(snapshot, report, llm, io);
  io.out(format === 'json' ? JSON.stringify(report, null, 2) : renderReportMarkdown(report, snapshot));
  return 0;
}
