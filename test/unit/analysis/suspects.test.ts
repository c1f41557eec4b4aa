// Deploy reasoning on modified scenarios: competing explanations lower a deploy, timing and place exonerate it.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { loadFixture } from './fixtures';

const at = (s: Snapshot, minutes: number) => new Date(Date.parse(s.incident.startedAt) + minutes * 60_000).toISOString();

describe('deploy suspects', function () {
  this.timeout(30_000);

  it('a deploy after a traffic surge began does not take the blame', () => {
    const s = loadFixture('traffic-surge-no-deploy.incident.json');
    s.deploys = [{ id: 'web-9', at: at(s, -5), commits: [{ sha: 'aa11', message: 'tweak', files: [{ path: 'src/page.ts', status: 'modified' }] }] }];
    const r = analyse(s);
    assert.equal(r.rootCause.category, 'traffic');
    const d = r.suspects.find((x) => x.deployId === 'web-9');
    assert.ok(!d || d.score < 0.3, JSON.stringify(d));
    assert.ok(!d || (d.reasons as string[]).some((x) => /traffic was already rising/.test(x)));
  });

  it('the same deploy moved to after the onset is exonerated with evidence', () => {
    const s = loadFixture('latency-after-deploy.incident.json');
    const d = s.deploys!.find((x) => x.id === 'v2.4.1')!;
    d.at = at(s, 20);
    const r = analyse(s);
    assert.notEqual(r.rootCause.category, 'code-change');
    assert.ok(!r.suspects.some((x) => x.deployId === 'v2.4.1'));
    const h = r.hypotheses.find((x) => x.category === 'code-change')!;
    assert.equal(h.verdict, 'refuted');
    assert.ok(r.evidence.some((e) => e.kind === 'deploy' && /after the onset/.test(e.summary)));
  });

  it('a deploy without a diff near the onset is suspected less than one whose code touches the failing resource', () => {
    const s = loadFixture('latency-after-deploy.incident.json');
    const withDiff = analyse(s).suspects[0].score;
    for (const d of s.deploys!) for (const c of d.commits ?? []) delete c.files;
    const without = analyse(s).suspects.find((x) => x.deployId === 'v2.4.1')!.score;
    assert.ok(without < withDiff - 0.2, `${without} vs ${withDiff}`);
  });

  it('names no suspect when there are no deploys', () => {
    const s = loadFixture('latency-after-deploy.incident.json');
    delete s.deploys;
    const r = analyse(s);
    assert.deepEqual(r.suspects, []);
    assert.ok(r.gaps.some((g) => /no deploy history/.test(g)));
    assert.notEqual(r.rootCause.category, 'code-change');
  });
});
