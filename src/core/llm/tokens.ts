// A token estimate that needs no tokenizer download: BPE tokenizers average about 4 characters per token on English
// and code, fewer on dense symbols, so count word pieces and symbols and take the larger of the two estimates.
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const byChars = Math.ceil(text.length / 4);
  const pieces = text.match(/[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g)?.length ?? 0;
  return Math.max(byChars, Math.ceil(pieces * 0.75));
}

/** Cuts text to about `maxTokens`, on a line boundary where one is near, and says so. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  if (estimateTokens(text) <= maxTokens) return { text, truncated: false };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) <= maxTokens - 8) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  const nl = cut.lastIndexOf('\n');
  if (nl > lo * 0.7) cut = cut.slice(0, nl);
  return { text: `${cut}\n[… truncated]`, truncated: true };
}
