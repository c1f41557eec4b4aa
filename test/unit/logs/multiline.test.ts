// A multi-line message (a stack trace) is one event: its continuation lines share the pattern of its headline.
import * as assert from 'node:assert/strict';
import { ContinuationDetector, LogMiner, mineLogs } from '../../../src/core/logs';

function linesOf(text: string): string[] {
  return text.split('\n');
}

describe('logs: multi-line events', () => {
  it('Java, Node and Python traces join their headline; the next log line starts a new event', () => {
    const input = linesOf([
      '2026-01-14 03:15:02 ERROR Request failed for order 42',
      'java.lang.IllegalStateException: boom',
      '\tat com.shop.Orders.place(Orders.java:88)',
      '\tat com.shop.Api.handle(Api.java:12)',
      'Caused by: java.sql.SQLException: timeout',
      '\t... 12 more',
      '2026-01-14 03:15:03 INFO served order 43 in 12 ms',
      '2026-01-14 03:15:04 ERROR Request failed for order 44',
      '    at query (/var/task/src/orders.js:42:11)',
      '2026-01-14 03:15:05 WARN worker crashed',
      'Traceback (most recent call last):',
      '  File "/app/worker.py", line 10, in run',
      '    do()',
      'ValueError: bad value',
      '2026-01-14 03:15:06 INFO served order 45 in 9 ms',
    ].join('\n'));
    const m = new LogMiner();
    const ids = input.map((l) => m.addLine(l));
    // The unindented exception class line after an error headline is not a continuation by shape: it is its own event.
    assert.deepEqual(ids.slice(2, 6).every((id) => id === ids[1]), true, 'Java frames and Caused by join');
    assert.equal(ids[8], ids[7], 'Node frame joins');
    assert.deepEqual(ids.slice(10, 14), [ids[9], ids[9], ids[9], ids[9]], 'Python traceback joins, through its closing line');
    assert.equal(ids[14], ids[6], 'the next plain line is a new event of its own template');
    const { templates, assignments } = m.finish();
    assert.equal(assignments.length, input.length, 'one assignment per input line');
    const failed = templates[assignments[7]];
    assert.equal(assignments[0], assignments[7], 'both failures share a template');
    assert.equal(failed.hasStackTrace, true);
    assert.equal(templates[assignments[6]].hasStackTrace, false);
  });

  it('a continuation-looking first line is an event of its own', () => {
    const d = new ContinuationDetector();
    assert.equal(d.isContinuation('    at f (a.js:1:1)'), false);
    assert.equal(d.isContinuation('    at g (a.js:2:1)'), true);
  });

  it('snapshot events: a message with newlines is mined by its headline and flagged as carrying a trace', () => {
    const at = '2026-01-14T03:15:00Z';
    const events = [
      { at, group: 'g', message: 'ERROR ProvisionedThroughputExceededException on table orders\n    at query (/var/task/src/orders.js:42:11)' },
      { at, group: 'g', message: 'ERROR ProvisionedThroughputExceededException on table users' },
      { at, group: 'g', message: 'INFO request 1 ok' },
    ];
    const { templates, assignments } = mineLogs(events);
    assert.equal(assignments[0], assignments[1]);
    assert.notEqual(assignments[0], assignments[2]);
    const t = templates[assignments[0]];
    assert.equal(t.template, 'ProvisionedThroughputExceededException on table <*>');
    assert.equal(t.hasStackTrace, true);
    assert.equal(t.count, 2);
  });
});
