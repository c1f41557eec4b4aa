// Generated sections of a PIR are fenced by HTML comments (invisible when rendered) so a later run can replace
// them and keep everything people wrote outside. A manifest comment lists the sections generated, so a section a
// person deleted on purpose is not brought back.

export const MANIFEST_PREFIX = '<!-- incident-lens:sections ';
const BEGIN = /^\s*<!--\s*incident-lens:begin\s+section=([A-Za-z0-9_-]+)\s*-->\s*$/;
const END = /^\s*<!--\s*incident-lens:end(?:\s+section=[A-Za-z0-9_-]+)?\s*-->\s*$/;
const MANIFEST = /^\s*<!--\s*incident-lens:sections\s+([A-Za-z0-9_,-]*)\s*-->\s*$/;

/** True when mergePir would read `line` as a marker, wherever it sits (even inside a code fence). */
export function isMarkerLine(line: string): boolean {
  return BEGIN.test(line) || END.test(line) || MANIFEST.test(line);
}

export function begin(section: string): string {
  return `<!-- incident-lens:begin section=${section} -->`;
}

export const END_MARKER = '<!-- incident-lens:end -->';

export function manifest(sections: string[]): string {
  return `${MANIFEST_PREFIX}${sections.join(',')} -->`;
}

/** A generated block with its markers, the body in between. */
export function block(section: string, body: string): string {
  return `${begin(section)}\n${body.replace(/\n+$/, '')}\n${END_MARKER}`;
}

export type Segment =
  | { type: 'text'; lines: string[] }
  | { type: 'block'; name: string; lines: string[] }
  | { type: 'manifest'; names: string[]; lines: string[] };

/**
 * Splits markdown into text, generated blocks and the manifest. Broken markers never lose text: a begin without an
 * end, or a begin inside a block, leaves what follows as plain text.
 */
export function parseSegments(lines: string[]): Segment[] {
  const out: Segment[] = [];
  const text = (l: string) => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.lines.push(l);
    else out.push({ type: 'text', lines: [l] });
  };
  let open: { name: string; lines: string[] } | undefined;
  const abandon = () => {
    if (open) for (const l of open.lines) text(l);
    open = undefined;
  };
  for (const line of lines) {
    const b = BEGIN.exec(line);
    if (b) {
      abandon();
      open = { name: b[1], lines: [line] };
      continue;
    }
    if (open) {
      open.lines.push(line);
      if (END.test(line)) {
        out.push({ type: 'block', name: open.name, lines: open.lines });
        open = undefined;
      }
      continue;
    }
    const m = MANIFEST.exec(line);
    if (m) out.push({ type: 'manifest', names: m[1].split(',').filter(Boolean), lines: [line] });
    else text(line);
  }
  abandon();
  return out;
}
