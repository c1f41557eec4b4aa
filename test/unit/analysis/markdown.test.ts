// `analyze --format markdown` lists similar past incidents with what fixed them, each pointing at its ticket evidence.
import * as assert from 'node:assert/strict';
import { analyse, renderReportMarkdown } from '../../../src/core/analysis';
import { fixtureFiles, loadFixture } from './fixtures';

function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `no section ${title}`);
  const end = md.indexOf('\n## ', start + 3);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('analysis: markdown report', () => {
  const withSimilar = fixtureFiles().map((f) => ({ f, s: loadFixture(f) })).map(({ f, s }) => ({ f, s, r: analyse(s) })).filter(({ r }) => (r.similarIncidents ?? []).length > 0);

  it('some scenario has similar past incidents to show', () => {
    assert.ok(withSimilar.length >= 1);
  });

  it('lists every similar incident with its fix and a ticket evidence id that exists', () => {
    for (const { f, s, r } of withSimilar) {
      const part = section(renderReportMarkdown(r, s), 'Similar past incidents');
      for (const t of r.similarIncidents!) {
        const line = part.split('\n').find((l) => l.startsWith(`- **${t.ticketId}**`));
        assert.ok(line, `${f}: ${t.ticketId} missing from\n${part}`);
        if (t.resolution) assert.ok(line.includes(`fixed by: ${t.resolution.replace(/\s*\n\s*/g, ' ').trim()}`), line);
        const ids = [...line.matchAll(/\[([^\]]+)\]$/g)].flatMap((m) => m[1].split(', '));
        assert.ok(ids.length >= 1, line);
        for (const id of ids) {
          const ev = r.evidence.find((e) => e.id === id);
          assert.equal(ev?.kind, 'ticket', `${f}: ${id}`);
          assert.equal(ev?.ref?.ticketId, t.ticketId);
        }
      }
    }
  });

  it('falls back to ticket evidence when the report carries no similarIncidents list', () => {
    const { s, r } = withSimilar[0];
    const { similarIncidents: _drop, ...bare } = r;
    const part = section(renderReportMarkdown(bare as typeof r, s), 'Similar past incidents');
    for (const t of r.similarIncidents!) assert.ok(part.includes(t.ticketId), part);
  });

  it('says why the list is empty', () => {
    const empty = loadFixture('empty.incident.json');
    assert.match(section(renderReportMarkdown(analyse(empty), empty), 'Similar past incidents'), /Not checked: no ticket history/);
    const none = { ...empty, tickets: [{ id: 'X-1', source: 'jira', title: 'printer jammed on floor 3', openedAt: '2020-01-01T00:00:00Z' }] };
    assert.match(section(renderReportMarkdown(analyse(none), none), 'Similar past incidents'), /None found in the ticket history/);
  });
});
