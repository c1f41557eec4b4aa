// Build output folders in the working tree (dist/, build/): where bundles and their source maps live when not committed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const MAX_FILES = 50_000;

/** Repository-relative paths of the files under `dirs` (each relative to `root`), at most MAX_FILES. */
export async function listBuildFiles(root: string, dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    if (out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return; // a configured folder that is not built yet
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(child);
      } else if (e.isFile() && /\.(m?js|cjs|map)$/.test(e.name)) out.push(child);
    }
  };
  for (const d of dirs) await walk(d.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, ''));
  return out;
}

export async function readBuildFile(root: string, rel: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}
