// Logs Insights counts (snapshot.logInsights) in the analysis: a capped sample is tested on full counts, Insights
// patterns join the sampled templates without double counting, and every such evidence cites its query.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { insightsRegex } from '../../../src/core/analysis/insightsFindings';
import { DEFAULT_ERROR_REGEX } from '../../../src/core/gather/logInsights';
import { patternRegex } from '../../../src/core/gather/patternSamples';
import type { Evidence, Report } from '../../../src/core/model/report';
import type { LogEvent, LogInsight, Snapshot } from '../../../src/core/model/snapshot';
import { checkInvariants } from './invariants';
import { loadFixture } from './fixtures';

const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const logEvidence = (r: Report): Evidence[] => r.evidence.filter((e) => e.kind === 'log-pattern');
const fromInsights = (r: Report): Evidence[] => logEvidence(r).filter((e) => e.ref?.source === 'logs-insights' && e.ref?.template);
const cited = (r: Report): Set<string> => new Set([...r.rootCause.evidence, ...r.hypotheses.flatMap((h) => h.evidence), ...r.actions.flatMap((a) => a.evidence)]);

interface Stream {
  pattern: string;
  severity: string;
  /** Events per minute in [from, to). */
  perMin: number;
  from: number;
  to: number;
  make: (i: number) => string;
}

/** Every event of a group, then what gather keeps: the first `cap` events and the Insights aggregates of all. */
function capped(group: string, streams: Stream[], cap: number): { logs: LogEvent[]; insight: LogInsight; all: LogEvent[] } {
  const all: LogEvent[] = [];
  for (const s of streams) {
    let i = 0;
    for (let t = s.from; t < s.to; t += MIN) for (let k = 0; k < s.perMin; k++) all.push({ at: iso(t + Math.floor(((k + 0.5) * MIN) / s.perMin)), group, message: s.make(i++) });
  }
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const err = insightsRegex(DEFAULT_ERROR_REGEX)!;
  const bins = new Map<number, { total: number; errors: number }>();
  for (const e of all) {
    const at = Math.floor(Date.parse(e.at) / MIN) * MIN;
    const b = bins.get(at) ?? { total: 0, errors: 0 };
    b.total++;
    if (err.test(e.message)) b.errors++;
    bins.set(at, b);
  }
  return {
    all,
    logs: all.slice(0, cap),
    insight: {
      group, binSeconds: 60, errorRegex: DEFAULT_ERROR_REGEX,
      bins: [...bins.entries()].map(([at, b]) => ({ at: iso(at), ...b })),
      patterns: streams.map((s) => ({ pattern: s.pattern, count: all.filter((e) => patternRegex(s.pattern)!.test(e.message)).length, severity: s.severity })),
    },
  };
}

function snapshot(logs: LogEvent[], insights: LogInsight[] | undefined, onset: number, window: { start: number; end: number }, gaps: string[] = []): Snapshot {
  return {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'T', title: 'api errors', startedAt: iso(onset) },
    window: { start: iso(window.start), end: iso(window.end) },
    logs,
    ...(insights ? { logInsights: insights } : {}),
    gaps,
  } as Snapshot;
}

describe('analysis: Logs Insights counts for capped log groups', function () {
  this.timeout(20_000);

  describe('fixture capped-logs-insights-throttle: only the Insights counts show the spike', () => {
    const snap = loadFixture('capped-logs-insights-throttle.incident.json');
    const li = snap.logInsights![0];
    // The spiking pattern, read from the data: the error pattern with the most events.
    const spiking = li.patterns.filter((p) => /error/i.test(String(p.severity))).sort((a, b) => b.count - a.count)[0];
    const report = analyse(snap);

    it('the raw sample alone holds too few of its events to test', () => {
      const re = patternRegex(spiking.pattern)!;
      const sampled = snap.logs!.filter((e) => re.test(e.message.split('\n')[0])).length;
      assert.ok(sampled < 3, `${sampled} sampled events`);
      const withoutInsights = analyse({ ...snap, logInsights: undefined, gaps: (snap.gaps ?? []).filter((g) => !/Logs Insights/.test(g)) });
      assert.ok(!logEvidence(withoutInsights).some((e) => e.summary.includes('ProvisionedThroughput')), JSON.stringify(logEvidence(withoutInsights)));
      assert.ok(withoutInsights.gaps.some((g) => g.includes(li.group) && /capped and no Logs Insights counts came back/.test(g)), withoutInsights.gaps.join('\n'));
    });

    it('reads capped groups from logSamples when the snapshot has it, before any gap text', () => {
      const capped = (r: ReturnType<typeof analyse>) => r.gaps.filter((g) => g.includes(li.group) && /capped and no Logs Insights/.test(g));
      const events = snap.logs!.filter((e) => e.group === li.group).length;
      const bare = { ...snap, logInsights: undefined, gaps: [] };
      assert.equal(capped(analyse(bare)).length, 0, 'no gap line, no logSamples: nothing known');
      assert.equal(capped(analyse({ ...bare, logSamples: [{ group: li.group, events, cap: events, capped: true }] })).length, 1);
      const notCapped = { ...bare, gaps: [`logs: ${li.group}: stopped after 1,860 events (cap)`], logSamples: [{ group: li.group, events, cap: events + 1, capped: false }] };
      assert.equal(capped(analyse(notCapped)).length, 0, 'logSamples wins over the gap text');
    });

    it('finds the spike on full counts, once, and cites the Insights query', () => {
      const ev = fromInsights(report).filter((e) => e.ref!.template === spiking.pattern);
      assert.equal(ev.length, 1, JSON.stringify(logEvidence(report)));
      assert.equal(ev[0].ref!.group, li.group);
      assert.match(ev[0].ref!.query, /^pattern @message/);
      assert.ok(ev[0].summary.includes(`${spiking.count.toLocaleString('en-US')} of this pattern`), ev[0].summary);
      // No second log-pattern entry for the same pattern from the sample.
      assert.equal(logEvidence(report).filter((e) => e.summary.includes('ProvisionedThroughputExceeded')).length, 1);
    });

    it('the spike is cited by the capacity hypothesis and the root cause', () => {
      const id = fromInsights(report).find((e) => e.ref!.template === spiking.pattern)!.id;
      assert.equal(report.rootCause.category, 'capacity');
      assert.ok(report.rootCause.evidence.includes(id), report.rootCause.evidence.join(','));
      assert.ok(report.hypotheses.find((h) => h.category === 'capacity')!.evidence.includes(id));
      checkInvariants(report, 'capped-logs-insights-throttle');
    });

    it('error-rate evidence uses the Insights bins and names the query', () => {
      const ev = logEvidence(report).find((e) => e.ref?.source === 'logs-insights' && !e.ref?.template);
      assert.ok(ev, 'no error-rate evidence');
      const total = li.bins.reduce((n, b) => n + b.total, 0);
      assert.ok(ev.summary.includes(`all ${total.toLocaleString('en-US')} events`), ev.summary);
      assert.ok(ev.ref!.query.includes(li.errorRegex) && ev.ref!.query.includes('bin(60s)'), ev.ref!.query);
    });
    it('the error-rate rise is cited as symptom evidence: root cause, leading hypothesis and impact', () => {
      const rates = logEvidence(report).filter((e) => e.ref?.source === 'logs-insights' && !e.ref?.template).map((e) => e.id);
      assert.ok(rates.length > 0, 'no error-rate evidence');
      const leading = report.hypotheses.find((h) => h.category === report.rootCause.category)!;
      for (const id of rates) {
        assert.ok(report.rootCause.evidence.includes(id), `root cause: ${report.rootCause.evidence.join(',')}`);
        assert.ok(leading.evidence.includes(id), `${leading.category}: ${leading.evidence.join(',')}`);
        assert.ok(report.impact!.evidence.includes(id), `impact: ${report.impact!.evidence.join(',')}`);
      }
      // A symptom, not a cause: the other hypotheses do not claim it.
      for (const h of report.hypotheses) if (h !== leading) assert.ok(!rates.some((id) => h.evidence.includes(id)), h.category);
      checkInvariants(report, 'capped-logs-insights-throttle');
    });
  });

  const start = Date.parse('2026-04-02T10:00:00Z');
  const end = start + 4 * 60 * MIN;
  const onset = start + 3 * 60 * MIN;
  const window = { start, end };
  const steady = (from = start, to = end): Stream[] => [
    { pattern: 'INFO GET /items/<*> 200', severity: 'INFO', perMin: 30, from, to, make: (i) => `INFO GET /items/${i} 200` },
    { pattern: 'ERROR ItemLookupError: item <*> missing', severity: 'ERROR', perMin: 1, from, to, make: (i) => `ERROR ItemLookupError: item ${i} missing` },
  ];

  it('a steady error pattern in a capped group is not a spike (the cap does not fake one)', () => {
    const g = capped('/app/items', steady(), 40 * 31);
    const r = analyse(snapshot(g.logs, [g.insight], onset, window));
    assert.deepEqual(fromInsights(r), []);
    assert.ok(!logEvidence(r).some((e) => /ItemLookupError/.test(e.summary)), JSON.stringify(logEvidence(r)));
    assert.ok(!logEvidence(r).some((e) => /^Errors in/.test(e.summary)));
  });

  it('a fully sampled group keeps its sampled templates: Insights patterns are not counted again', () => {
    const streams = [...steady(), { pattern: 'ERROR DbPoolTimeout: could not acquire a connection from the pool in <*>', severity: 'ERROR', perMin: 6, from: onset, to: end, make: (i: number) => `ERROR DbPoolTimeout: could not acquire a connection from the pool in ${3000 + i}ms` }];
    const g = capped('/app/items', streams, Infinity);
    const withInsights = analyse(snapshot(g.logs, [g.insight], onset, window));
    const without = analyse(snapshot(g.logs, undefined, onset, window));
    assert.deepEqual(fromInsights(withInsights), []);
    const templates = (r: Report) => logEvidence(r).filter((e) => e.ref?.template).map((e) => e.summary);
    assert.deepEqual(templates(withInsights), templates(without));
    assert.equal(templates(without).length, 1);
    // The Insights bins still give the error rate over all events.
    assert.ok(logEvidence(withInsights).some((e) => /^Errors in \/app\/items rose/.test(e.summary)));
  });

  it('a rise is found when the complete part of the sample ends before the onset, and the gap says "new" cannot be told', () => {
    const streams = [...steady(), { pattern: 'ERROR UpstreamTimeout: payment service did not answer in <*>', severity: 'ERROR', perMin: 8, from: onset, to: end, make: (i: number) => `ERROR UpstreamTimeout: payment service did not answer in ${5000 + i}ms` }];
    const g = capped('/app/items', streams, 60 * 31); // the first hour only
    const r = analyse(snapshot(g.logs, [g.insight], onset, window, ['logs: /app/items: stopped after 1,860 events (cap)']));
    const ev = fromInsights(r);
    assert.equal(ev.length, 1, JSON.stringify(logEvidence(r)));
    assert.match(ev[0].summary, /UpstreamTimeout/);
    assert.match(ev[0].summary, /the sample is complete up to there/);
    assert.ok(r.gaps.some((x) => /holds every event only up to .* before the onset/.test(x)), r.gaps.join('\n'));
    // Capped, but Insights came back: no "no Insights" gap.
    assert.ok(!r.gaps.some((x) => /no Logs Insights counts came back/.test(x)));
    checkInvariants(r, 'before-onset');
  });

  describe('one log group read in two regions', () => {
    const spike = (from: number): Stream => ({ pattern: 'ERROR UpstreamTimeout: payment service did not answer in <*>', severity: 'ERROR', perMin: 8, from, to: end, make: (i) => `ERROR UpstreamTimeout: payment service did not answer in ${5000 + i}ms` });
    // The spiking region is the second entry: an analysis reading only the first entry of a group misses it.
    const quiet = capped('/app/items', steady(), 60 * 31);
    const loud = capped('/app/items', [...steady(), spike(onset)], 60 * 31);
    quiet.insight.region = 'us-east-1';
    loud.insight.region = 'ap-northeast-1';
    const byTime = (a: LogEvent, b: LogEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
    const capGaps = ['logs: /app/items: stopped after 1,860 events (cap)'];
    const rateEvidence = (r: Report) => logEvidence(r).filter((e) => /^Errors in/.test(e.summary));

    it('events that say their region are tested against that region\'s counts', () => {
      const logs = [...quiet.logs.map((e) => ({ ...e, region: 'us-east-1' })), ...loud.logs.map((e) => ({ ...e, region: 'ap-northeast-1' }))].sort(byTime);
      const r = analyse(snapshot(logs, [quiet.insight, loud.insight], onset, window, capGaps));
      const ev = fromInsights(r).filter((e) => /UpstreamTimeout/.test(e.summary));
      assert.equal(ev.length, 1, JSON.stringify(logEvidence(r)));
      assert.equal(ev[0].ref!.region, 'ap-northeast-1');
      assert.match(ev[0].summary, /in \/app\/items \(ap-northeast-1\)/);
      // The pattern's full count is the spiking region's alone.
      const count = loud.all.filter((e) => /UpstreamTimeout/.test(e.message)).length;
      assert.ok(ev[0].summary.includes(`${count.toLocaleString('en-US')} of this pattern`), ev[0].summary);
      const rates = rateEvidence(r);
      assert.deepEqual(rates.map((e) => e.ref!.region), ['ap-northeast-1'], JSON.stringify(rates));
      assert.match(rates[0].summary, /^Errors in \/app\/items \(ap-northeast-1\) rose/);
      checkInvariants(r, 'two-regions-split');
    });

    it('a sample that does not say its region is compared with the regions\' counts summed; error rates stay per region', () => {
      const logs = [...quiet.logs, ...loud.logs].sort(byTime);
      const r = analyse(snapshot(logs, [quiet.insight, loud.insight], onset, window, capGaps));
      const ev = fromInsights(r).filter((e) => /UpstreamTimeout/.test(e.summary));
      assert.equal(ev.length, 1, JSON.stringify(logEvidence(r)));
      assert.equal(ev[0].ref!.group, '/app/items');
      // The steady patterns, summed over both regions, stay steady: no spike from them.
      assert.ok(!fromInsights(r).some((e) => /ItemLookupError|GET \/items/.test(e.summary)), JSON.stringify(fromInsights(r)));
      assert.deepEqual(rateEvidence(r).map((e) => e.ref!.region), ['ap-northeast-1'], JSON.stringify(rateEvidence(r)));
      checkInvariants(r, 'two-regions-summed');
    });

    it('regions whose bins cannot be summed leave the patterns to the sample, with a gap', () => {
      const logs = [...quiet.logs, ...loud.logs].sort(byTime);
      const coarse = { ...quiet.insight, binSeconds: 300 };
      const r = analyse(snapshot(logs, [coarse, loud.insight], onset, window, capGaps));
      assert.deepEqual(fromInsights(r), []);
      assert.ok(r.gaps.some((g) => /\/app\/items: Logs Insights counts from 2 regions have different bins/.test(g)), r.gaps.join('\n'));
      assert.deepEqual(rateEvidence(r).map((e) => e.ref!.region), ['ap-northeast-1']);
      checkInvariants(r, 'two-regions-unsummable');
    });
  });

  it('reads Insights regexes, flags included', () => {
    assert.ok(insightsRegex('(?i)(\\berror\\b)')!.test('ERROR boom'));
    assert.ok(!insightsRegex('(\\berror\\b)')!.test('ERROR boom'));
    assert.equal(insightsRegex('(unclosed'), undefined);
  });
});
