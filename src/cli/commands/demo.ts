import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoSnapshot } from '../../core/demo/demoSnapshot';
import { parseArgs } from '../args';
import type { CliIo } from '../io';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  const dir = path.resolve(args.positional[0] ?? 'incident-lens-demo');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo.incident.json');
  writeFileSync(file, `${JSON.stringify(demoSnapshot(), null, 2)}\n`);
  io.out(`Demo workspace: ${dir}\nSnapshot: ${file}\nNext: incident-lens analyze ${file}`);
  return 0;
}
