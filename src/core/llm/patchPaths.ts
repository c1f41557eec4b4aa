// A path a model's patch may touch: relative to the repository root and inside it. Anything else is refused before
// git ever sees it (git apply has its own checks; this gives the user a clear reason and covers the preview too).

/** Why `p` is not a safe repository-relative path, or undefined when it is. */
export function unsafePathReason(p: string): string | undefined {
  if (!p) return 'the path is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(p)) return `the path ${JSON.stringify(p)} contains control characters`;
  if (p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:/.test(p) || p.includes('\\')) return `the path ${JSON.stringify(p)} is not relative to the repository`;
  const segments = p.split('/');
  if (segments.some((s) => s === '..')) return `the path ${JSON.stringify(p)} leaves the repository (..)`;
  if (segments.some((s) => s === '' || s === '.')) return `the path ${JSON.stringify(p)} is not normalised (empty or '.' segment)`;
  // Windows ignores trailing dots and spaces, so ".git." is ".git" there.
  if (segments.some((s) => /^\.git[. ]*$/i.test(s))) return `the path ${JSON.stringify(p)} is inside .git`;
  return undefined;
}
