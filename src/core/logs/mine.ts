// Template mining over snapshot log events: a multi-line message is mined by its headline, flagged as carrying a trace.
import type { LogEvent } from '../model/snapshot';
import { LogMiner, type LogMinerOptions, type Template } from './miner';
import { headline } from './multiline';

export interface MinedLogs {
  /** Most frequent first. */
  templates: Template[];
  /** Per event: index into `templates`. */
  assignments: Uint32Array;
}

export function mineLogs(events: readonly LogEvent[], opts: LogMinerOptions = {}): MinedLogs {
  const miner = new LogMiner({ ...opts, recordAssignments: true });
  for (const e of events) {
    const { head, hasStackTrace } = headline(typeof e.message === 'string' ? e.message : String(e.message ?? ''));
    miner.addMessage(head, hasStackTrace);
  }
  return miner.finish();
}

/** Mines bare messages (one per entry, no header stripping): what grouping accuracy is measured on. */
export function mineMessages(messages: readonly string[], opts: LogMinerOptions = {}): MinedLogs {
  const miner = new LogMiner({ stripHeaders: false, ...opts, recordAssignments: true });
  for (const m of messages) miner.addMessage(m);
  return miner.finish();
}
