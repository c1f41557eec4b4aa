// Token pagination as an async generator: callers stop early (caps) by breaking out of for-await.

export async function* paginate<P>(
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  maxPages = 10_000,
): AsyncGenerator<P> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(token);
    yield page;
    token = nextToken(page);
    // A repeated token would loop forever; the service signals the end by omitting it.
    if (!token || seen.has(token)) return;
    seen.add(token);
  }
}
