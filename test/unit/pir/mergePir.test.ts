import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { mergePir, renderPir } from '../../../src/core/pir';

function blockOf(md: string, section: string): string {
  const start = md.indexOf(`<!-- incident-lens:begin section=${section} -->`);
  const end = md.indexOf('<!-- incident-lens:end -->', start);
  assert.ok(start >= 0 && end > start, `block ${section}`);
  return md.slice(start, end);
}

describe('mergePir', function () {
  this.timeout(20_000);
  const snapshot = demoSnapshot();
  const report = analyse(snapshot);
  const first = renderPir(snapshot, report, { now: '2026-01-15T09:00:00Z' });

  it('is the identity when nothing changed', () => {
    assert.equal(mergePir(first, first), first);
  });

  it('replaces generated blocks and keeps what people wrote outside them', () => {
    const edited = first
      .replace('# Post-incident review:', '# Post-incident review:') // unchanged header block
      .replace('## Timeline\n', '## Timeline\n\nThe on-call engineer paged the database team at 03:20.\n')
      .replace('_Write the lessons the team draws here._', 'We learned that N+1 queries hide in code review.')
      .replace('Questions the data raises:', 'EDITED INSIDE A BLOCK');
    const later = renderPir({ ...snapshot, incident: { ...snapshot.incident, resolvedAt: '2026-01-14T04:30:00Z' } }, report, { now: '2026-01-16T09:00:00Z' });
    const merged = mergePir(edited, later);
    assert.ok(merged.includes('The on-call engineer paged the database team at 03:20.'));
    assert.ok(merged.includes('We learned that N+1 queries hide in code review.'));
    assert.ok(!merged.includes('EDITED INSIDE A BLOCK'), 'generated block content is regenerated');
    assert.ok(merged.includes('| Resolved | 2026-01-14 04:30:00 UTC |'));
    assert.ok(merged.includes('| Generated | 2026-01-16 09:00:00 UTC by Incident Lens |'));
    assert.equal(blockOf(merged, 'timeline'), blockOf(later, 'timeline'));
    // Human text stays where it was: right after the Timeline heading.
    assert.ok(merged.indexOf('paged the database team') < merged.indexOf('<!-- incident-lens:begin section=timeline -->'));
    assert.ok(merged.indexOf('paged the database team') > merged.indexOf('## Timeline'));
  });

  it('keeps a section a person deleted deleted', () => {
    const start = first.indexOf('## Where we got lucky');
    const end = first.indexOf('## Action items');
    const edited = first.slice(0, start) + first.slice(end);
    const merged = mergePir(edited, first);
    assert.ok(!merged.includes('section=lucky'));
    assert.ok(!merged.includes('## Where we got lucky'));
    assert.equal(merged, edited);
  });

  it('inserts a section that a newer version generates, after its predecessor, with its heading', () => {
    // An older review that predates the "lucky" section: no block, not in the manifest.
    const start = first.indexOf('## Where we got lucky');
    const end = first.indexOf('## Action items');
    const old = (first.slice(0, start) + first.slice(end)).replace(',lucky,', ',');
    const merged = mergePir(old, first);
    assert.ok(merged.includes('## Where we got lucky'));
    const lucky = merged.indexOf('section=lucky');
    assert.ok(lucky > merged.indexOf('section=went-wrong') && lucky < merged.indexOf('section=action-items'));
    assert.equal(blockOf(merged, 'lucky'), blockOf(first, 'lucky'));
  });

  it('never loses text around broken markers', () => {
    const broken = `${first}\n<!-- incident-lens:begin section=timeline -->\nmy notes that look generated but have no end marker\n`;
    const merged = mergePir(broken, first);
    assert.ok(merged.includes('my notes that look generated but have no end marker'));
  });

  it('adopts a document written by hand without markers, keeping all of it', () => {
    const human = '# Our review\n\nWe think the cache expired.\n';
    const merged = mergePir(human, first);
    assert.ok(merged.includes('# Our review\n\nWe think the cache expired.'));
    for (const s of ['summary', 'timeline', 'appendix']) assert.ok(merged.includes(`section=${s}`));
    // And a second merge changes nothing.
    assert.equal(mergePir(merged, first), merged);
  });

  it('keeps Windows line endings', () => {
    const crlf = first.replace(/\n/g, '\r\n').replace('## Impact\r\n', '## Impact\r\nSee the dashboard.\r\n');
    const merged = mergePir(crlf, first);
    assert.ok(merged.includes('See the dashboard.\r\n'));
    assert.ok(!/[^\r]\n/.test(merged));
  });
});
