// Source locations named in stack traces (JavaScript, Python, Java, Go, .NET, Ruby), for matching against the
// files a deploy changed.
export interface FrameRef {
  file: string;
  line?: number;
}

const PATTERNS: RegExp[] = [
  /\bat\s+(?:.*?\()?((?:[A-Za-z]:)?[^\s():]+\.[A-Za-z0-9]+):(\d+)(?::\d+)?\)?/g, // V8: at fn (file:line:col)
  /File "([^"]+)", line (\d+)/g, // Python
  /\bat\s+[\w$.<>]+\(([\w$-]+\.(?:java|kt|scala|groovy)):(\d+)\)/g, // JVM: at pkg.Cls.m(File.java:12)
  /^\s*([^\s:]+\.go):(\d+)/gm, // Go
  /\bin\s+([^\s:]+\.cs):line (\d+)/g, // .NET
  /^\s*(?:from\s+)?([^\s:]+\.rb):(\d+)/gm, // Ruby
];

export function framesIn(text: string): FrameRef[] {
  const out: FrameRef[] = [];
  const seen = new Set<string>();
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const file = m[1];
      if (/^(node:|internal\/|<anonymous>)/.test(file) || /node_modules|site-packages|\/usr\/lib|\$GOROOT/.test(file)) continue;
      const key = `${file}:${m[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file, line: Number(m[2]) });
    }
  }
  return out;
}

/** Does a frame's file (absolute, deployment-relative or a bare name) refer to this repository path? */
export function frameMatchesPath(frameFile: string, repoPath: string): boolean {
  const f = frameFile.replace(/\\/g, '/');
  const p = repoPath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (f === p || f.endsWith(`/${p}`)) return true;
  // Bundled or JVM frames often name only the file: accept a bare basename match.
  if (!f.includes('/')) return p === f || p.endsWith(`/${f}`);
  // Build output (dist/, build/, out/) mirrors the source tree under a different root and extension.
  const strip = (s: string) => s.replace(/\.(js|mjs|cjs|ts|tsx|jsx)$/, '');
  const fp = strip(f).split('/');
  const pp = strip(p).split('/');
  return pp.length >= 2 && fp.slice(-2).join('/') === pp.slice(-2).join('/');
}
