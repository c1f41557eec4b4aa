// Header stripping for raw lines: common timestamp/severity shapes go, message text that starts with numbers stays.
import * as assert from 'node:assert/strict';
import { LogMiner, parseHeader } from '../../../src/core/logs';

function rest(line: string): string {
  return line.slice(parseHeader(line).start);
}

describe('logs: header stripping', () => {
  const cases: [string, string, string | undefined][] = [
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', 'dfs.DataNode$PacketResponder: PacketResponder 1 terminating', 'info'],
    ['2015-10-18 18:01:47,978 WARN [main] Retrying connect', '[main] Retrying connect', 'warn'],
    ['2015-07-29 17:41:44,747 - ERROR [Worker@1] - Send failed', '[Worker@1] - Send failed', 'error'],
    ['2026-01-14T03:15:00.123Z [ERROR] db down', 'db down', 'error'],
    ['Jun 14 15:16:01 combo sshd[19939]: check pass; user unknown', 'combo sshd[19939]: check pass; user unknown', undefined],
    ['17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls', 'spark.SecurityManager: Changing view acls', 'info'],
    ['10.251.194.213:50010 Served block blk_1 to /10.251.203.80', '10.251.194.213:50010 Served block blk_1 to /10.251.203.80', undefined],
    ['1 torus receiver z+ input pipe error(s)', '1 torus receiver z+ input pipe error(s)', undefined],
    ['ERROR ProvisionedThroughputExceededException on orders', 'ProvisionedThroughputExceededException on orders', 'error'],
    ['12:00:01 INFO', '12:00:01 INFO', 'info'],
  ];
  for (const [line, message, level] of cases) {
    it(`header of: ${line}`, () => {
      assert.equal(rest(line), message);
      assert.equal(parseHeader(line).level, level);
    });
  }

  it('raw lines with different timestamps and the same message share a template', () => {
    const m = new LogMiner();
    m.addLine('2026-01-14 03:15:00,001 INFO served order 1 in 3 ms');
    m.addLine('2026-01-14 03:16:07,441 INFO served order 2 in 7 ms');
    const { templates } = m.finish();
    assert.deepEqual(templates.map((t) => t.template), ['served order <*> in <*> ms']);
  });
});
