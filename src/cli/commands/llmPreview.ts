// incident-lens llm preview SNAPSHOT: prints exactly what --llm would send (redacted), and sends nothing.
import { analyse } from '../../core/analysis/analyse';
import { buildLlmRequest } from '../../core/llm/request';
import { parseArgs } from '../args';
import { llmSettings } from '../llm';
import { readCodeContext } from '../llmPatchFiles';
import type { CliIo } from '../io';
import { loadSnapshot } from './analyze';

const HELP = `usage: incident-lens llm preview SNAPSHOT [--model NAME] [--context-tokens N] [--repo DIR] [--format text|json]

Shows the exact request the optional LLM pass would send for this snapshot, after redaction and truncation.
--repo DIR adds the current code of the suspect files from that checkout, as analyze --llm --repo DIR sends it.
Nothing is sent.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  const snapshot = loadSnapshot(args.positional[0]);
  const settings = llmSettings(args, { ...process.env, OPENAI_MODEL: process.env.OPENAI_MODEL ?? 'preview' });
  const report = analyse(snapshot);
  const codeContext = settings.repo ? readCodeContext(snapshot, report, settings.repo) : undefined;
  const request = buildLlmRequest(snapshot, report, { contextTokens: settings.contextTokens, codeContext });
  if (args.flags.get('format') === 'json') {
    io.out(JSON.stringify({ model: settings.model, endpoint: settings.baseURL, ...request }, null, 2));
    return 0;
  }
  io.out(`# Would send to ${settings.baseURL} (model ${settings.model}), about ${request.promptTokens} tokens`);
  io.out(`# Redacted: ${Object.entries(request.redactions).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}`);
  if (request.truncated.length) io.out(`# Cut to fit: ${request.truncated.join('; ')}`);
  for (const m of request.messages) io.out(`\n--- ${m.role} ---\n${m.content}`);
  return 0;
}
