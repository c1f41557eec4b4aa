// The readings the red-team scenarios corrected, each on its own: metric names, log words, drained headroom,
// leading shifts and reverts.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { analyseMetrics } from '../../../src/core/analysis/metricFindings';
import { revertOf } from '../../../src/core/analysis/reverts';
import { CAPACITY_TEXT, DEPENDENCY_TEXT, metricKind, POOL_TEXT } from '../../../src/core/analysis/signals';
import type { Deploy, Metric, MetricPoint, Snapshot } from '../../../src/core/model/snapshot';

const MIN = 60_000;
const t0 = Date.parse('2026-05-05T10:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const series = (n: number, f: (i: number) => number): MetricPoint[] => Array.from({ length: n }, (_, i) => [iso(t0 + i * MIN), f(i)]);
const m = (name: string, points: MetricPoint[] = [], extra: Partial<Metric> = {}): Metric => ({ id: name, namespace: 'AWS/RDS', name, points, ...extra });

describe('red-team readings', () => {
  it('metric kinds: storage headroom is not latency, message age still is', () => {
    assert.equal(metricKind(m('FreeStorageSpace')), 'saturation');
    assert.equal(metricKind(m('FreeLocalStorage')), 'saturation');
    assert.equal(metricKind(m('ApproximateAgeOfOldestMessage')), 'latency');
    assert.equal(metricKind(m('MessageAge')), 'latency');
    assert.equal(metricKind(m('Latency')), 'latency');
  });

  it('pool words: exhaustion only, not thread names or HTTP client classes', () => {
    assert.ok(POOL_TEXT.test('TimeoutError: ResourceRequest timed out - connection pool exhausted (max 100)'));
    assert.ok(POOL_TEXT.test('HikariPool-1 - Connection is not available, request timed out after 30000ms.'));
    assert.ok(POOL_TEXT.test('timed out while waiting for a free connection'));
    assert.ok(!POOL_TEXT.test('ERROR [pool-3-thread-7] c.n.ledger.api.PostingController - Unhandled exception'));
    assert.ok(!POOL_TEXT.test("SSLError: HTTPSConnectionPool(host='edi.example', port=443): Max retries exceeded with url: /v2"));
    assert.ok(!CAPACITY_TEXT.test("SSLError: HTTPSConnectionPool(host='edi.example', port=443): Max retries exceeded with url: /v2"));
  });

  it('capacity words include memory and disk exhaustion; certificate failures are a dependency', () => {
    for (const t of ['java.lang.OutOfMemoryError: Java heap space', 'could not extend file "base/1/2": No space left on device', 'Container killed (exit code 137)']) assert.ok(CAPACITY_TEXT.test(t), t);
    for (const t of ['[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired', 'x509: certificate has expired or is not yet valid', 'PKIX path building failed']) assert.ok(DEPENDENCY_TEXT.test(t), t);
  });

  it('a headroom metric drained to zero is a downward shift; one that stays high is not', () => {
    const [drained, steady] = analyseMetrics([
      m('FreeStorageSpace', series(120, (i) => Math.max(0, 9e9 - i * 8e7))),
      m('FreeStorageSpace2', series(120, () => 3e11), { name: 'FreeStorageSpace' }),
    ]);
    assert.equal(drained.shift?.direction, 'down');
    assert.ok(drained.bad);
    assert.ok(drained.shift!.at < t0 + 120 * MIN && drained.shift!.after < 0.1 * drained.shift!.before);
    assert.ok(!steady.shift);
  });

  it('a deploy whose first symptom starts right after it is suspected even when the alarm fires hours later', () => {
    const deployAt = t0 + 20 * MIN;
    const onset = t0 + 150 * MIN;
    const snap = (leakStarts: number): Snapshot => ({
      schema: 'incident-lens/snapshot@1',
      incident: { id: 'L', title: 'tasks restarting', startedAt: iso(onset) },
      metrics: [
        { id: 'mem', namespace: 'AWS/ECS', name: 'MemoryUtilization', unit: 'Percent', points: series(180, (i) => (t0 + i * MIN < leakStarts ? 40 + (i % 3) : Math.min(99, 40 + (t0 + i * MIN - leakStarts) / MIN * 0.5))) },
        { id: 'err', namespace: 'AWS/ECS', name: 'Errors', unit: 'Count', points: series(180, (i) => (t0 + i * MIN < onset ? i % 2 : 80 + (i % 5))) },
      ],
      deploys: [{ id: 'd1', at: iso(deployAt), commits: [{ sha: 'a'.repeat(40), message: 'cache', files: [{ path: 'src/cache.ts', status: 'modified' }] }] }],
    });
    const aligned = analyse(snap(deployAt + 3 * MIN)).suspects.find((s) => s.deployId === 'd1' && !s.commit);
    const unrelated = analyse(snap(deployAt + 60 * MIN)).suspects.find((s) => s.deployId === 'd1' && !s.commit);
    assert.ok(aligned && aligned.reasons!.some((r) => /first symptom/.test(r)), JSON.stringify(aligned));
    assert.ok(!unrelated || unrelated.score < aligned.score, `${unrelated?.score} vs ${aligned.score}`);
  });

  it('revertOf: the previous ref again, a "This reverts commit" message or a Revert "subject" commit', () => {
    const bad: Deploy = { id: 'b', at: iso(t0), ref: 'bbbbbbbb11', previousRef: 'aaaaaaaa00', service: 's', commits: [{ sha: 'bbbbbbbb11', message: 'feat: new pricing' }] };
    const redeploy: Deploy = { id: 'r1', at: iso(t0 + MIN), ref: 'aaaaaaaa00', service: 's' };
    const revertSha: Deploy = { id: 'r2', at: iso(t0 + MIN), ref: 'cc', commits: [{ sha: 'cc', message: 'Revert it\n\nThis reverts commit bbbbbbbb.' }] };
    const revertSubject: Deploy = { id: 'r3', at: iso(t0 + MIN), ref: 'dd', commits: [{ sha: 'dd', message: 'Revert "feat: new pricing"' }] };
    const unrelated: Deploy = { id: 'u', at: iso(t0 + MIN), ref: 'ee', commits: [{ sha: 'ee', message: 'Revert "something else"' }] };
    const earlier: Deploy = { id: 'e', at: iso(t0 - MIN), ref: 'aaaaaaaa00' };
    const otherService: Deploy = { ...redeploy, id: 'o', service: 'other' };
    assert.equal(revertOf([bad, redeploy], bad)?.id, 'r1');
    assert.equal(revertOf([bad, revertSha], bad)?.id, 'r2');
    assert.equal(revertOf([bad, revertSubject], bad)?.id, 'r3');
    assert.equal(revertOf([bad, unrelated, earlier, otherService], bad), undefined);
  });
});
