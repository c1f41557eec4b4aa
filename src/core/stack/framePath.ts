// Normalises a path or URL as a trace prints it into slash-separated segments comparable with repository paths.

/** "file:///var/task/x.js?v=1", "webpack://app/./src/x.ts", "C:\\app\\x.cs" → "/var/task/x.js", "src/x.ts", "/app/x.cs". */
export function normalizeFramePath(raw: string): string {
  let p = raw.trim();
  const q = p.search(/[?#]/);
  if (q > 0 && /^[a-z][\w+.-]*:\/\//i.test(p)) p = p.slice(0, q);
  if (/^file:\/\//i.test(p)) p = p.replace(/^file:\/\/(localhost)?/i, '');
  else if (/^webpack(-internal)?:\/\//i.test(p)) p = webpackPath(p);
  else if (/^[a-z][\w+.-]*:\/\/[^/]*/i.test(p)) p = p.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '');
  if (/%[0-9a-f]{2}/i.test(p)) {
    try {
      p = decodeURIComponent(p);
    } catch {
      // keep the raw text: a stray % is a valid file name character
    }
  }
  p = p.replace(/\\/g, '/');
  p = p.replace(/^\/?[a-zA-Z]:\//, '/'); // Windows drive, also "/C:/" from file URLs
  return resolveDots(p);
}

/**
 * "webpack://app/./src/x.ts" (namespace), "webpack:///./src/x.ts", "webpack:///src/x.ts" (none), the nested
 * "webpack:///webpack:/webpack:/node_modules/..." some tools print, and "~/" for node_modules in webpack 1-3.
 */
function webpackPath(p: string): string {
  let rest = p.replace(/^webpack(-internal)?:\/\//i, '');
  if (rest.startsWith('/')) rest = rest.slice(1);
  else rest = rest.slice(rest.indexOf('/') + 1 || rest.length); // the namespace
  while (/^webpack:\/+/i.test(rest)) rest = rest.replace(/^webpack:\/+/i, '');
  rest = rest.replace(/^(\.\/)+/, '');
  if (rest.startsWith('~/')) rest = `node_modules/${rest.slice(2)}`;
  return rest;
}

export function resolveDots(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function segmentsOf(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}
