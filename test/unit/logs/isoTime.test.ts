// The fast ISO time reader agrees with Date.parse on every string, valid or not, read with a T separator (Date.parse's
// legacy path reads "YYYY-MM-DD hh:mm" years differently); a leap second is its minute's last millisecond.
import * as assert from 'node:assert/strict';
import { isoMs } from '../../../src/core/logs';
import { isIsoTimeWithOffset } from '../../../src/core/schema';
import { seededRandom } from '../../../src/core/util/random';

/** Date.parse of the T form. */
const reference = (s: string) => Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:/.test(s) ? `${s.slice(0, 10)}T${s.slice(11)}` : s);

function same(s: string): void {
  const a = isoMs(s);
  const b = reference(s);
  assert.ok(a === b || (Number.isNaN(a) && Number.isNaN(b)), `${JSON.stringify(s)}: isoMs ${a}, Date.parse ${b}`);
}

describe('logs: ISO time reader', () => {
  it('agrees with Date.parse on edge cases', () => {
    for (const s of [
      '2026-01-14T03:15:00Z', '2026-01-14T03:15Z', '2026-01-14T03:15:00.1239Z', '2026-01-14T03:15:00.Z', '2026-01-14 03:15:00Z',
      '2026-01-14t03:15:00z', '2026-01-14T03:15:00+01:00', '2026-01-14T03:15:00-0530', '2026-01-14T03:15:00+1', '1969-12-31T23:59:59.999Z',
      '0001-01-01T00:00:00Z', '2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z',
      '2026-01-14T24:00:00Z', '2026-01-14T03:15:61Z', '0051-02-09 05:38:51z', '0026-06-21 17:01Z', '2026-02-30 00:00:00Z', '2026-01-14T03:1a:00Z', '2026-01-14T03:15:00ZZ', '+002026-01-14T03:15:00Z',
      '2026-01-14', 'abc', '', '2026-01-14T03:15:00.000+00:00', '2000-02-29T12:00:00.5-12:00', '2100-02-29T00:00:00Z',
    ]) same(s);
  });

  it('agrees with Date.parse when any one digit is not a digit', () => {
    const valid = '2026-01-14T03:15:42.125+05:30';
    for (let i = 0; i < valid.length; i++) if (/\d/.test(valid[i])) for (const c of ['a', ' ', '/']) same(valid.slice(0, i) + c + valid.slice(i + 1));
  });

  it('agrees with Date.parse on 20,000 random near-ISO strings', () => {
    const r = seededRandom(11);
    const pad = (x: number, w = 2) => String(x).padStart(w, '0');
    const zones = ['Z', '+05:30', '-0800', '+00:00', 'z', '', '+14:00', '-23:59', '+24:00'];
    for (let i = 0; i < 20_000; i++) {
      const y = Math.floor(r() * 3000);
      const mo = Math.floor(r() * 14);
      const d = Math.floor(r() * 33);
      const h = Math.floor(r() * 26);
      const mi = Math.floor(r() * 62);
      const sec = r() < 0.8 ? `:${pad(Math.floor(r() * 62))}` : '';
      const frac = sec && r() < 0.5 ? `.${String(Math.floor(r() * 1e6)).slice(0, 1 + Math.floor(r() * 6))}` : '';
      // Second 60 is a leap second here, not Date.parse's NaN: tested on its own below.
      if (sec === ':60') continue;
      same(`${pad(y, 4)}-${pad(mo)}-${pad(d)}${r() < 0.8 ? 'T' : r() < 0.5 ? 't' : ' '}${pad(h)}:${pad(mi)}${sec}${frac}${zones[Math.floor(r() * zones.length)]}`);
    }
  });

  it('reads a leap second as the last millisecond of its minute, and only where the rest is a valid time', () => {
    assert.equal(isoMs('2016-12-31T23:59:60Z'), Date.parse('2016-12-31T23:59:59.999Z'));
    assert.equal(isoMs('2017-01-01 08:59:60.5+09:00'), Date.parse('2016-12-31T23:59:59.999Z'));
    assert.ok(Number.isNaN(isoMs('2016-12-31T23:59:60+24:00')));
    assert.ok(Number.isNaN(isoMs('2016-12-31T23:59:61Z')));
  });

  it('gives a time for every string the snapshot validator accepts', () => {
    const r = seededRandom(5);
    const pad = (x: number, w = 2) => String(x).padStart(w, '0');
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = `${pad(Math.floor(r() * 10_000), 4)}-${pad(Math.floor(r() * 14))}-${pad(Math.floor(r() * 33))}${'Tt '[Math.floor(r() * 3)]}${pad(Math.floor(r() * 25))}:${pad(r() < 0.3 ? 59 : Math.floor(r() * 61))}`
        + `${r() < 0.8 ? `:${pad(r() < 0.2 ? 60 : Math.floor(r() * 61))}${r() < 0.3 ? '.25' : ''}` : ''}${['Z', 'z', '+09:00', '-0530', '+23:59', '+24:00', '-00:60'][Math.floor(r() * 7)]}`;
      if (!isIsoTimeWithOffset(s)) continue;
      accepted++;
      assert.ok(Number.isFinite(isoMs(s)), s);
    }
    assert.ok(accepted > 5_000, `${accepted} accepted`);
  });
});
