// Grouping accuracy on the eight shared Loghub-2k systems, one setting for all: at least Drain's published figure each.
import * as assert from 'node:assert/strict';
import { mineMessages } from '../../../src/core/logs';
import { DRAIN_GA, groupingAccuracy, LOGHUB_SYSTEMS, readSystem } from './loghub';

describe('logs: grouping accuracy on Loghub-2k', function () {
  this.timeout(30_000);
  const scores: Record<string, number> = {};

  for (const system of LOGHUB_SYSTEMS) {
    it(`${system}: GA >= ${DRAIN_GA[system]}`, () => {
      const { contents, eventIds } = readSystem(system);
      assert.equal(contents.length, 2000, `${system}: expected 2000 labelled lines`);
      const { assignments } = mineMessages(contents);
      const ga = groupingAccuracy(assignments, eventIds);
      scores[system] = ga;
      assert.ok(ga >= DRAIN_GA[system], `${system}: GA ${ga.toFixed(4)} < Drain's ${DRAIN_GA[system]}`);
    });
  }

  it('mean GA >= 0.88', () => {
    const values = LOGHUB_SYSTEMS.map((s) => scores[s] ?? groupingAccuracy(mineMessages(readSystem(s).contents).assignments, readSystem(s).eventIds));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(mean >= 0.88, `mean GA ${mean.toFixed(4)}`);
  });

  it('the scorer rejects a wrong grouping (GA can fail)', () => {
    assert.equal(groupingAccuracy([0, 0, 1, 1], ['a', 'a', 'b', 'b']), 1);
    assert.equal(groupingAccuracy([0, 0, 0, 1], ['a', 'a', 'b', 'b']), 0);
    assert.equal(groupingAccuracy([0, 1, 2, 2], ['a', 'a', 'b', 'b']), 0.5);
    // Everything in one group scores zero on a real system.
    const { eventIds } = readSystem('HDFS');
    assert.ok(groupingAccuracy(new Uint32Array(eventIds.length), eventIds) < 0.5);
  });
});
