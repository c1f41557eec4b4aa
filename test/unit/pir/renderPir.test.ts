import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { renderPir } from '../../../src/core/pir';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

const SECTIONS = ['header', 'summary', 'impact', 'detection', 'timeline', 'root-cause', 'resolution', 'went-well', 'went-wrong', 'lucky', 'action-items', 'lessons', 'appendix'];
const HEADINGS = ['Summary', 'Impact', 'Detection', 'Timeline', 'Root cause and trigger', 'Resolution and recovery', 'What went well', 'What went wrong', 'Where we got lucky', 'Action items', 'Lessons learned', 'Appendix: evidence'];

/** Evidence ids the markdown cites: link text of links to #evidence-… anchors. */
function cited(md: string): string[] {
  return [...md.matchAll(/\[((?:\\.|[^\[\]\\])+)\]\(#evidence-[^)]+\)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

let analysed: Array<{ name: string; snapshot: Snapshot; report: Report }> | undefined;

/** The demo and every fixture snapshot with its report, analysed once for all tests. */
function cases(): Array<{ name: string; snapshot: Snapshot; report: Report }> {
  if (!analysed) {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.incident.json'));
    const snaps: Array<[string, Snapshot]> = [['demo', demoSnapshot()], ...files.map((f) => [f, JSON.parse(readFileSync(path.join(fixtures, f), 'utf8'))] as [string, Snapshot])];
    analysed = snaps.map(([name, snapshot]) => ({ name, snapshot, report: analyse(snapshot) }));
  }
  return analysed;
}

/** A report written by hand, so these tests do not depend on how the analysis words things. */
function handReport(): { snapshot: Snapshot; report: Report } {
  const snapshot: Snapshot = {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'INC-7', title: 'orders API | 5XX', service: 'orders', startedAt: '2026-02-01T10:00:00Z', detectedAt: '2026-02-01T10:20:00Z', resolvedAt: '2026-02-01T11:30:00Z', severity: 'critical' },
    alarms: [{ id: 'a1', name: 'orders-5xx', state: 'ALARM', at: '2026-02-01T10:18:00Z', metricId: 'm1', region: 'eu-west-1' }],
    metrics: [
      { id: 'm1', namespace: 'App', name: 'Errors', points: [] },
      { id: 'm2', namespace: 'AWS/RDS', name: 'CPUUtilization', dimensions: { Region: 'eu-west-1' }, points: [] },
    ],
    deploys: [{ id: 'v9', at: '2026-02-01T09:40:00Z', previousRef: 'aaaaaaaaaaaaaaaa', environment: 'production' }],
  };
  const report: Report = {
    schema: 'incident-lens/report@1',
    rootCause: { category: 'code-change', summary: 'Deploy v9 by Jo Doe <jo@example.com> added a full table scan.', confidence: 0.8, evidence: ['e1', 'e2', 'e-missing'] },
    suspects: [{ deployId: 'v9', commit: 'bbbbbbbbbbbbbbbbbbbb', score: 0.9, evidence: ['e1'] }],
    hypotheses: [{ category: 'code-change', statement: 'v9 | scans', verdict: 'supported', confidence: 0.8, evidence: ['e1'] }],
    actions: [
      { kind: 'rollback', horizon: 'immediate', title: 'Roll back v9', evidence: ['e1'] },
      { kind: 'index', horizon: 'long-term', title: 'Add an index on orders.customer_id', evidence: ['e2'] },
      { kind: 'load-test', horizon: 'long-term', title: 'Load-test releases', evidence: ['e9'] },
    ],
    evidence: [
      { id: 'e1', kind: 'deploy', summary: 'Deploy v9 finished 20 min before the onset', at: '2026-02-01T09:40:00Z', ref: { deployId: 'v9' } },
      { id: 'e2', kind: 'metric', summary: 'RDS CPU rose 20 % → 95 %', at: '2026-02-01T10:00:00Z', ref: { metricId: 'm2' } },
      { id: 'e3', kind: 'alarm', summary: 'Alarm orders-5xx → ALARM', at: '2026-02-01T10:18:00Z', ref: { alarmId: 'a1' } },
      { id: 'e9', kind: 'ticket', summary: 'Similar SN-1', ref: { ticketId: 'SN-1' } },
    ],
    timeline: [{ at: '2026-02-01T09:40:00Z', kind: 'deploy', summary: 'deploy v9', evidence: 'e1' }],
    gaps: ['no logs: error patterns could not be checked'],
  };
  return { snapshot, report };
}

describe('renderPir', function () {
  // Analysing every fixture takes a few seconds on a loaded shared machine.
  this.timeout(30_000);
  before(() => cases());

  it('has every section, in template order, each fenced by markers, for the demo and every fixture', () => {
    for (const { name, snapshot, report } of cases()) {
      const md = renderPir(snapshot, report);
      let last = -1;
      for (const s of SECTIONS) {
        const at = md.indexOf(`<!-- incident-lens:begin section=${s} -->`);
        assert.ok(at > last, `${name}: section ${s} missing or out of order`);
        last = at;
      }
      assert.equal(md.match(/<!-- incident-lens:begin /g)?.length, md.match(/<!-- incident-lens:end -->/g)?.length, name);
      for (const h of HEADINGS) assert.ok(md.includes(`\n## ${h}\n`), `${name}: heading ${h}`);
      assert.match(md, /^# Post-incident review: /m);
    }
  });

  it('cites only evidence ids that exist in the report, each with an anchor in the appendix', () => {
    for (const { name, snapshot, report } of cases()) {
      const md = renderPir(snapshot, report);
      const ids = new Set(report.evidence.map((e) => e.id));
      const refs = cited(md);
      if (report.evidence.length) assert.ok(refs.length > 0, `${name}: cites nothing`);
      for (const id of refs) assert.ok(ids.has(id), `${name}: cites ${id}, not in the report`);
      for (const id of new Set(refs)) assert.ok(md.includes(`<a id="evidence-${id}"></a>`), `${name}: no anchor for ${id}`);
    }
  });

  it('writes facts from a hand-made report: detection delay, trigger, impact, actions, and drops unknown ids', () => {
    const { snapshot, report } = handReport();
    const md = renderPir(snapshot, report);
    assert.ok(!cited(md).includes('e-missing'));
    assert.match(md, /time to detect 20 min/);
    assert.match(md, /Detection took 20 min from onset, more than 15 minutes/);
    assert.match(md, /\*\*Trigger:\*\* deploy `v9`, commit `bbbbbbbbbbbb` at 2026-02-01 09:40:00 UTC, 20 min before onset/);
    assert.match(md, /\| Duration \| 1 h 30 min \|/);
    assert.match(md, /\*\*Regions:\*\* `eu-west-1`/);
    assert.match(md, /\| Roll back v9 \| mitigate \| P0 \| @owner \| \[e1\]\(#evidence-e1\) \|/);
    assert.match(md, /\| Add an index on orders.customer_id \| prevent \| P1 \| @owner \| \[e2\]\(#evidence-e2\) \|/);
    assert.match(md, /\| Load-test releases \| prevent \| P2 \| @owner \|/);
    // The CPU metric backs the root cause and no alarm watches it.
    assert.match(md, /Add an alarm on AWS\/RDS CPUUtilization \(m2\) \| prevent \| P2/);
    assert.match(md, /A rollback target existed: deploy `v9` replaced `aaaaaaaaaaaa`/);
    assert.match(md, /- no logs: error patterns could not be checked/);
  });

  it('says "unknown (no data)" instead of inventing missing facts', () => {
    const { snapshot, report } = handReport();
    delete snapshot.incident.detectedAt;
    delete snapshot.incident.resolvedAt;
    snapshot.alarms = [];
    const md = renderPir(snapshot, report);
    assert.match(md, /\*\*Detected:\*\* unknown \(no data\)/);
    assert.match(md, /\| Resolved \| unknown \(no data\) \|/);
    assert.match(md, /\*\*What resolved it:\*\* unknown \(no data\)/);
    assert.match(md, /\*\*Users affected:\*\* unknown \(no data\)/);
    assert.match(md, /\*\*Error budget used:\*\* unknown \(no data\)/);
    assert.match(md, /\*\*How:\*\* unknown \(no data\)/);
    assert.doesNotMatch(md, /time to detect/);
  });

  it('is blameless and keeps tables intact: no e-mail addresses, pipes escaped', () => {
    const { snapshot, report } = handReport();
    const md = renderPir(snapshot, report);
    assert.doesNotMatch(md, /@example\.com/);
    assert.match(md, /# Post-incident review: orders API \| 5XX/);
    assert.match(md, /\| v9 \\\| scans \| code-change \| supported \| 80 % \|/);
  });

  it('reports SLO budget, burn rates and the windows it could not compute', () => {
    const { snapshot, report } = cases()[0];
    const md = renderPir(snapshot, report);
    assert.match(md, /Error budget used, “checkout availability”:\*\* [\d.]+ % of the 30-day error budget/);
    assert.match(md, /1h\/5m burn rate \(> 14.4, page\):\*\* condition met at/);
    assert.match(md, /6h\/30m burn rate \(> 6, page\):\*\* not computed — needs 6h of data/);
  });

  it('names a recurrence and plans for its next occurrence', () => {
    const { snapshot, report } = handReport();
    snapshot.tickets = ['2025-11-01T10:05:00Z', '2025-12-01T09:50:00Z', '2026-01-01T10:10:00Z'].map((at, i) => ({ id: `OPS-${i}`, title: 'orders API errors', service: 'orders', openedAt: at }));
    // The report has no recurrence: the PIR computes it from the ticket history.
    const md = renderPir(snapshot, report);
    assert.match(md, /\*\*Recurrence:\*\* monthly, day 1, about 10:00 UTC; 4 occurrences including this one \(tickets OPS-0, OPS-1, OPS-2\); next expected 2026-03-01 10:00:00 UTC/);
    assert.match(md, /This incident repeats a known schedule/);
    assert.match(md, /Remove the trigger of the recurring incident \(monthly, day 1, about 10:00 UTC\) before the next expected occurrence \(2026-03-01T10:00:00Z\) \| prevent \| P1/);
    // When the report carries one, that is what the PIR shows.
    const md2 = renderPir(snapshot, { ...report, recurrence: { pattern: 'weekly, Sunday, about 10:00 UTC', ticketIds: ['OPS-9'] } });
    assert.match(md2, /\*\*Recurrence:\*\* weekly, Sunday, about 10:00 UTC/);
  });

  it('is reproducible without a clock, and stamps the time when given one', () => {
    const { snapshot: s, report: r } = cases()[0];
    assert.equal(renderPir(s, r), renderPir(s, r));
    assert.doesNotMatch(renderPir(s, r), /\| Generated \|/);
    assert.match(renderPir(s, r, { now: '2026-01-15T09:00:00Z' }), /\| Generated \| 2026-01-15 09:00:00 UTC by Incident Lens \|/);
  });
});
