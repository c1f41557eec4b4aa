// A word that stayed the same over many messages is a constant (drain.ts, stableAfter): what that rule splits, and
// what it must not split. Synthetic lines, written here.
import * as assert from 'node:assert/strict';
import { mineMessages } from '../../../src/core/logs';

function templatesOf(lines: string[]): string[] {
  return mineMessages(lines).templates.map((t) => `${t.count} ${t.template}`);
}

describe('logs: long-stable words', () => {
  it('a name seen alone for a while, then many others, is still one variable', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) lines.push(`Failed password for root from 10.0.${i}.7 port ${4000 + i} ssh2`);
    const users = ['alice', 'bob', 'carol', 'dave'];
    for (let i = 0; i < 12; i++) lines.push(`Failed password for ${users[i % 4]} from 10.1.${i}.9 port ${5000 + i} ssh2`);
    assert.deepEqual(templatesOf(lines), ['52 Failed password for <*> from <*> port <*>']);
  });

  it('two words that each held over many messages stay two templates', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) lines.push(`disk sd${i % 3} state ok`);
    for (let i = 0; i < 40; i++) lines.push(`disk sd${i % 3} state degraded`);
    for (let i = 0; i < 5; i++) lines.push(`disk sd${i % 3} state ok`);
    assert.deepEqual(templatesOf(lines), ['45 disk <*> state ok', '40 disk <*> state degraded']);
  });

  it('a field with a few words (a request method) keeps one template per word', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) lines.push(`request GET /api/items/${i} status 200 in ${i % 9} ms`);
    for (let i = 0; i < 12; i++) lines.push(`request ${i % 2 ? 'POST' : 'DELETE'} /api/items/${i} status 201 in ${i % 7} ms`);
    assert.deepEqual(templatesOf(lines).sort(), [
      '40 request GET <*> status <*> in <*> ms',
      '6 request DELETE <*> status <*> in <*> ms',
      '6 request POST <*> status <*> in <*> ms',
    ]);
  });

  it('a value with digits where a word always stood starts a new template', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) lines.push(`login on tty=console for uid ${1000 + i}`);
    for (let i = 0; i < 3; i++) lines.push(`login on tty=:${i} for uid ${2000 + i}`);
    assert.deepEqual(templatesOf(lines), ['40 login on tty=console for uid <*>', '3 login on tty=:<*> for uid <*>']);
  });

  it('a young template still takes a new value at any position', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) lines.push(`login on tty=console for uid ${1000 + i}`);
    lines.push('login on tty=:0 for uid 2000');
    assert.deepEqual(templatesOf(lines), ['6 login on <*> for uid <*>']);
  });
});
