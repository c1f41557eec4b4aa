// Updates a PIR someone has edited: generated blocks take the new content, everything outside them is kept.
// Sections new in this version are inserted after their predecessor; sections a person deleted stay deleted.
import { parseSegments, type Segment } from './markers';

function splitLines(text: string): string[] {
  return text.replace(/\r\n/g, '\n').split('\n');
}

/** The heading (and whatever follows it) that introduces a block in the generated document. */
function leadIn(segments: Segment[], i: number): string[] {
  const prev = segments[i - 1];
  if (!prev || prev.type !== 'text') return [];
  let from = -1;
  for (let j = prev.lines.length - 1; j >= 0; j--) {
    if (/^#{1,6}\s/.test(prev.lines[j])) {
      from = j;
      break;
    }
  }
  return from >= 0 ? ['', ...prev.lines.slice(from)] : [''];
}

export function mergePir(existingMarkdown: string, newMarkdown: string): string {
  const eol = existingMarkdown.includes('\r\n') ? '\r\n' : '\n';
  const old = parseSegments(splitLines(existingMarkdown));
  const fresh = parseSegments(splitLines(newMarkdown));
  const freshBlocks = new Map<string, string[]>();
  for (const s of fresh) if (s.type === 'block' && !freshBlocks.has(s.name)) freshBlocks.set(s.name, s.lines);
  const freshManifest = fresh.find((s) => s.type === 'manifest');
  const oldManifest = old.find((s): s is Extract<Segment, { type: 'manifest' }> => s.type === 'manifest');
  const generatedBefore = new Set(oldManifest?.names ?? []);

  const out: Segment[] = old.map((s) => {
    if (s.type === 'block' && freshBlocks.has(s.name)) return { ...s, lines: freshBlocks.get(s.name) as string[] };
    if (s.type === 'manifest' && freshManifest) return freshManifest;
    return s;
  });
  if (!oldManifest && freshManifest) out.unshift(freshManifest);

  const present = new Set(out.filter((s) => s.type === 'block').map((s) => (s as { name: string }).name));
  fresh.forEach((s, i) => {
    if (s.type !== 'block' || present.has(s.name) || generatedBefore.has(s.name)) return;
    // Insert after the nearest earlier generated section that the document still has, else at the end.
    let at = out.length;
    for (let j = i - 1; j >= 0; j--) {
      const p = fresh[j];
      if (p.type !== 'block' || !present.has(p.name)) continue;
      let k = -1;
      out.forEach((o, idx) => {
        if (o.type === 'block' && o.name === p.name) k = idx;
      });
      at = k + 1;
      break;
    }
    out.splice(at, 0, { type: 'text', lines: leadIn(fresh, i) }, s);
    present.add(s.name);
  });
  return out.flatMap((s) => s.lines).join(eol);
}
