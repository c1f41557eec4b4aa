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

/** Per event: the shape of its message (single-line messages the miner shaped; `known` 0 for the rest). */
export interface EventShapes {
  known: Uint8Array;
  hi: Int32Array;
  lo: Int32Array;
}

export function mineLogs(events: readonly LogEvent[], opts: LogMinerOptions = {}, shapes?: EventShapes): MinedLogs {
  const miner = new LogMiner({ ...opts, recordAssignments: true });
  for (let i = 0; i < events.length; i++) {
    const m = events[i].message;
    const msg = typeof m === 'string' ? m : String(m ?? '');
    const { head, hasStackTrace } = headline(msg);
    miner.addMessage(head, hasStackTrace);
    if (shapes && miner.lastShapeKnown && head === msg) {
      shapes.known[i] = 1;
      shapes.hi[i] = miner.lastShapeHi;
      shapes.lo[i] = miner.lastShapeLo;
    }
  }
  return miner.finish();
}

/** Mines bare messages (one per entry, no header stripping): what grouping accuracy is measured on. */
export function mineMessages(messages: readonly string[], opts: LogMinerOptions = {}): MinedLogs {
  const miner = new LogMiner({ stripHeaders: false, ...opts, recordAssignments: true });
  for (const m of messages) miner.addMessage(m);
  return miner.finish();
}
