import * as assert from 'node:assert/strict';
import { isoMs as parseTime } from '../../../src/core/logs';

describe('parseTime', () => {
  it('agrees with Date.parse on valid and invalid times', () => {
    for (const s of ['2026-01-14T03:15:00Z', '2026-01-14T03:15:00.123Z', '2026-01-14T03:15:00+02:00', '2024-02-29T23:59:59Z',
      '2026-13-14T03:15:00Z', '2026-02-30T00:00:00Z', '2026-01-14T24:00:00Z', '2026-01-1xT03:15:00Z', 'garbage', '']) {
      assert.equal(Number.isNaN(parseTime(s)) ? 'NaN' : parseTime(s), Number.isNaN(Date.parse(s)) ? 'NaN' : Date.parse(s), s);
    }
  });
});
