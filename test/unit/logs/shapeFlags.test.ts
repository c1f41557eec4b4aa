// Level and error flags remembered per line shape (src/core/logs/shapeFlags.ts) must equal reading each line: lines
// of one shape whose error reading depends on a digit or a space run are never remembered.
import * as assert from 'node:assert/strict';
import { logSpikeSummary } from '../../../src/core/logs';
import type { LogEvent } from '../../../src/core/model/snapshot';

const at = (i: number) => new Date(Date.UTC(2026, 0, 14, 3, 0) + i * 1000).toISOString();

function errorShare(messages: string[]): number {
  const events: LogEvent[] = messages.map((message, i) => ({ at: at(i), group: 'g', message }));
  const spikes = logSpikeSummary(events, { onset: at(messages.length / 2) }).spikes;
  assert.equal(spikes.length, 1, JSON.stringify(spikes.map((s) => s.template)));
  return spikes[0].errorShare;
}

describe('logs: flags by line shape', () => {
  it('counts "0 errors" and "3 errors" apart although the lines share a shape', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `INFO job ${i} done: ${i % 2 ? 3 : 0} errors`);
    assert.equal(errorShare(lines), 0.5);
  });

  it('counts "timed out" and "timed  out" apart although the lines share a shape', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `INFO call ${i} timed${i % 2 ? ' ' : '  '}out`);
    assert.equal(errorShare(lines), 0.5);
  });

  it('remembers a level-decided line: every ERROR line of a shape is an error, every DEBUG line is not', () => {
    assert.equal(errorShare(Array.from({ length: 20 }, (_, i) => `ERROR 0 errors in batch ${i}`)), 1);
    assert.equal(errorShare(Array.from({ length: 20 }, (_, i) => `DEBUG request ${i} failed, retrying`)), 0);
  });
});
