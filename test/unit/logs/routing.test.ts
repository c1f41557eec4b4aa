// How the miner routes a message (its first words) and when variables may carry a match (drain.ts): leading variables
// and dotted names do not use up the routing depth, and where variables agree the plain words must still agree.
// Synthetic lines, written here.
import * as assert from 'node:assert/strict';
import { mineMessages } from '../../../src/core/logs';
import { Tokenizer } from '../../../src/core/logs/tokenize';

function templatesOf(lines: string[]): string[] {
  return mineMessages(lines)
    .templates.map((t) => `${t.count} ${t.template}`)
    .sort();
}

describe('logs: routing and word agreement', () => {
  it('a client address before the request does not hide the method: one template per method', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      const method = i % 5 === 1 ? 'POST' : i % 5 === 3 ? 'DELETE' : 'GET';
      lines.push(`10.0.${i % 7}.${i} "${method} /v2/tenant${i}/servers/${i * 7} HTTP/1.1" status: ${200 + (i % 3)} len: ${100 + i} time: 0.${i}1`);
    }
    assert.deepEqual(templatesOf(lines), [
      '18 <*> "GET <*> HTTP/<*>" status: <*> len: <*> time: <*>',
      '6 <*> "DELETE <*> HTTP/<*>" status: <*> len: <*> time: <*>',
      '6 <*> "POST <*> HTTP/<*>" status: <*> len: <*> time: <*>',
    ]);
  });

  it('the same message about different dotted names (jobs, components) is one template', () => {
    const jobs = ['com.example.backup.daily', 'com.example.sync.update', 'org.sample.cache.purge', 'com.example.heartbeat'];
    const lines: string[] = [];
    for (let i = 0; i < 16; i++) lines.push(`${jobs[i % 4]}: scheduler told me to run this job; but the start time is ${i * 37} seconds away. Ignoring.`);
    assert.deepEqual(templatesOf(lines), ['16 <*> scheduler told me to run this job; but the start time is <*> seconds away. Ignoring.']);
  });

  it('a dotted name is three or more names joined by dots, without digits; punctuation around it is not part of it', () => {
    const tok = new Tokenizer();
    const text = 'com.apple.cts: (org.example.Main) host-1a.example_x.org done. e.g. ... a..b.c 10.0.0.1 java.lang.Foo$Bar v.2.b';
    const n = tok.tokenize(text);
    const dotted: string[] = [];
    for (let k = 0; k < n; k++) if (tok.isDottedName(text, k)) dotted.push(text.slice(tok.starts[k], tok.ends[k]));
    assert.deepEqual(dotted, ['com.apple.cts:', '(org.example.Main)']);
  });

  it('a dotted name is still a word where messages are compared: two actions stay two templates', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) lines.push(`onReceive action: android.intent.action.SCREEN_${i % 2 ? 'OFF' : 'ON'}`);
    assert.deepEqual(templatesOf(lines), ['5 onReceive action: android.intent.action.SCREEN_OFF', '5 onReceive action: android.intent.action.SCREEN_ON']);
  });

  it('messages whose variables agree but whose words differ are different events', () => {
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) lines.push(`ARPT: ${620000 + i}.${i}11: AirPort_Brcm43xx::platformWoWEnable: WWEN[${i % 3 ? 'disable' : 'enable'}]`);
    assert.deepEqual(templatesOf(lines), [
      '4 ARPT: <*>: AirPort_<*>::platformWoWEnable: WWEN[enable]',
      '8 ARPT: <*>: AirPort_<*>::platformWoWEnable: WWEN[disable]',
    ]);
  });

  it('a message with many words still takes another value for one of them (a user name)', () => {
    const users = ['alice', 'bob', 'carol'];
    const lines: string[] = [];
    for (let i = 0; i < 9; i++) lines.push(`job ${i} finished for user ${users[i % 3]} after ${i + 2} retries with exit code ${i % 2}`);
    assert.deepEqual(templatesOf(lines), ['9 job <*> finished for user <*> after <*> retries with exit code <*>']);
  });
});
