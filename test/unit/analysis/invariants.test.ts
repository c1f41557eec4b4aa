// The report's contract over every fixture and every perturbed variant: every claim points at evidence ids that
// exist, ids are unique, a refuted or supported verdict has evidence, confidences are probabilities.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { fixtureFiles, loadFixture } from './fixtures';
import { checkInvariants } from './invariants';
import { variants } from './perturb';

describe('report invariants', function () {
  this.timeout(60_000);
  const files = fixtureFiles();
  it('runs over at least the scenario set', () => assert.ok(files.length >= 9));
  files.forEach((file, i) => {
    it(`${file} and its perturbed variants`, () => {
      for (const v of variants(loadFixture(file), i + 1)) checkInvariants(analyse(v.snapshot), `${file}/${v.name}`);
    });
  });

  it('the checker catches a dangling evidence id', () => {
    const r = analyse(loadFixture(files.find((f) => f.startsWith('latency'))!));
    const broken = { ...r, actions: [{ ...r.actions[0], evidence: ['e9999'] }] };
    assert.throws(() => checkInvariants(broken, 'broken'), /unknown evidence e9999/);
  });
});
