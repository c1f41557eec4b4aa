// Red-team snapshots (test/fixtures/rt-*.incident.json), written from the contract alone as a grader would, with
// the expected conclusion fixed before the analysis ran. Each guards a way the analysis once went wrong (slow
// leaks, words that look like causes, a failing region's siblings, rollbacks already done) or input it must take.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { deploysOf, hypothesis, runRedTeam, type RedTeam } from './redteamCases';

const CASES: RedTeam[] = [
  {
    file: 'rt-heap-leak-after-deploy.incident.json', category: 'code-change', topSuspect: 'ledger-writer#412', notSuspects: ['ledger-writer#405'],
    topCommit: 'd71f6af07d45bfcaa62c801a5a9b928b527775a8', immediate: ['rollback'],
    also: (r) => {
      // Memory started climbing minutes after the deploy; the OOM only crossed an alarm two hours later.
      assert.ok(deploysOf(r)[0].score >= 0.5, `score ${deploysOf(r)[0].score}`);
      assert.ok(deploysOf(r)[0].reasons!.some((x) => /first symptom \(MemoryUtilization\)/.test(x)), deploysOf(r)[0].reasons!.join('; '));
      // A "[pool-3-thread-1]" thread name is no exhausted connection pool.
      assert.ok(!r.actions.some((a) => /connection pool/i.test(a.title)), r.actions.map((a) => a.title).join('; '));
    },
  },
  {
    // The same leak without stack traces (OOMKilled events only): the drift that starts with the deploy under
    // steady traffic still points at the deploy, and capacity is its mechanism.
    file: 'rt-leak-no-stack.incident.json', category: 'code-change', topSuspect: 'ledger-writer#412', immediate: ['rollback'],
    also: (r) => assert.match(hypothesis(r, 'capacity').statement, /as a consequence of deploy ledger-writer#412/),
  },
  {
    file: 'rt-partner-cert-expired.incident.json', category: 'dependency', topSuspect: null, notSuspects: ['invoice-sync-2026.10.28'], immediate: ['failover'],
    also: (r) => {
      // `json=batch` in a quoted source line is not a batch job; HTTPSConnectionPool is not a pool running dry.
      assert.equal(hypothesis(r, 'schedule').confidence, 0, hypothesis(r, 'schedule').statement);
      assert.ok(!/connection pool/.test(hypothesis(r, 'capacity').statement), hypothesis(r, 'capacity').statement);
      assert.notEqual(hypothesis(r, 'capacity').verdict, 'supported');
    },
  },
  {
    file: 'rt-payments-provider-down.incident.json', category: 'dependency', topSuspect: null, notSuspects: ['checkout-web@9.14.0'],
    immediate: ['failover', 'past-fix'], longTerm: ['resilience'],
    also: (r, s) => {
      // The past ticket names the provider the JSON log values carry (masked in the template): found, with its fix.
      const past = s.tickets![0];
      assert.ok(r.similarIncidents?.some((x) => x.ticketId === past.id), JSON.stringify(r.similarIncidents));
      assert.ok(r.actions.some((a) => a.kind === 'past-fix' && a.title.includes(past.id)));
    },
  },
  {
    file: 'rt-dns-one-az.incident.json', category: 'network', topSuspect: null, immediate: ['network'],
    localisation: { dimension: 'AvailabilityZone', value: 'eu-central-1b' },
  },
  {
    // A deploy to every zone 10 min before: the same code runs in the healthy zones, so it is not the cause.
    file: 'rt-dns-az-with-deploy.incident.json', category: 'network', topSuspect: null, immediate: ['network'], notImmediate: ['rollback'],
    localisation: { dimension: 'AvailabilityZone', value: 'eu-central-1b' },
    also: (r) => {
      const h = hypothesis(r, 'code-change');
      assert.notEqual(h.verdict, 'supported');
      assert.match(h.statement, /catalog-api-r5600.*the same code runs in eu-central-1a, eu-central-1c, which stayed healthy/);
    },
  },
  {
    file: 'rt-campaign-surge-deploy-during.incident.json', category: 'traffic', topSuspect: null, notSuspects: ['deals-web-v88'],
    immediate: ['scale'], longTerm: ['capacity-planning'], notImmediate: ['rollback'],
  },
  {
    file: 'rt-nightly-lock.incident.json', category: 'schedule', topSuspect: null, recurrence: true, immediate: ['reschedule-job'],
    also: (r) => assert.ok(r.recurrence!.ticketIds.every((id) => /^CRM-41\d\d$/.test(id)) && !r.recurrence!.ticketIds.includes('CRM-3990'), r.recurrence!.ticketIds.join(', ')),
  },
  {
    file: 'rt-deploy-us-failure-eu.incident.json', category: 'capacity', topSuspect: null, notSuspects: ['booking-api-use1-1207'],
    localisation: { dimension: 'Region', value: 'eu-west-1' }, immediate: ['scale'], notImmediate: ['rollback'],
    also: (r) => {
      // FreeStorageSpace is headroom, not latency ("Storage" holds "age"); drained to zero it is exhaustion.
      const storage = r.evidence.find((e) => e.kind === 'metric' && /FreeStorageSpace.*eu-west-1.*fell/.test(e.summary));
      assert.ok(storage, 'no evidence for the drained storage in eu-west-1');
      assert.ok(hypothesis(r, 'capacity').evidence.includes(storage!.id));
      assert.ok(r.actions.some((a) => a.kind === 'scale' && /storage/i.test(a.title)));
    },
  },
  {
    file: 'rt-rolled-back-already.incident.json', category: 'code-change', topSuspect: 'quote-engine-1.42.0', notSuspects: ['quote-engine-1.42.1'],
    immediate: ['verify-rollback'], longTerm: ['fix-forward'], notImmediate: ['rollback'],
    also: (r) => {
      const v = r.actions.find((a) => a.kind === 'verify-rollback')!;
      assert.ok(v.title.includes('quote-engine-1.42.1'), v.title);
      // It cites the revert deploy's own evidence.
      assert.ok(v.evidence.some((id) => /quote-engine-1\.42\.1/.test(r.evidence.find((e) => e.id === id)!.summary)));
    },
  },
  {
    file: 'rt-seasonal-shift-deploy.incident.json', category: 'code-change', topSuspect: 'inventory-svc 4.7.0', notSuspects: ['inventory-svc 4.6.3'],
    immediate: ['rollback'], also: (r) => assert.notEqual(hypothesis(r, 'traffic').verdict, 'supported'),
  },
  {
    file: 'rt-logs-only-python.incident.json', category: 'code-change', topSuspect: 'refunds-2026-03-29.1',
    topCommit: 'a08cd537b6e9e5a5d31d5d0e71dd3f25917c4625', immediate: ['rollback'],
    also: (r) => assert.ok(r.gaps.some((g) => /^no metrics/.test(g)), r.gaps.join('\n')),
  },
  {
    file: 'rt-sloppy-input.incident.json', category: 'code-change', topSuspect: 'label-2026.04.14-b',
    topCommit: 'b3a82dc013bb97b65b461bb24b54f580e59fc7e2', immediate: ['rollback'],
    also: (r, s) => {
      // Point order, duplicates and nulls do not change the conclusion.
      const sorted = JSON.parse(JSON.stringify(s)) as Snapshot;
      for (const m of sorted.metrics ?? []) m.points.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
      sorted.logs!.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const r2 = analyse(sorted);
      assert.equal(r2.rootCause.category, r.rootCause.category);
      assert.equal(deploysOf(r2)[0]?.deployId, deploysOf(r)[0]?.deployId);
    },
  },
];

runRedTeam('red-team scenarios (test/fixtures/rt-*.incident.json)', CASES);
