// AWS profile names from the shared config and credentials files (ini section headers). Parsing is pure; reading
// takes the file paths from the environment the way the SDK does.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Section headers of one file. In ~/.aws/config a profile is `[default]` or `[profile NAME]`; other sections
 * (`[sso-session X]`, `[services X]`) are not profiles. In ~/.aws/credentials every section is a profile.
 */
export function profileNames(text: string, kind: 'config' | 'credentials'): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*\[([^\]\r\n]*)\][ \t]*(?:[#;].*)?$/gm)) {
    const words = m[1].trim().split(/\s+/).filter(Boolean);
    if (kind === 'credentials') {
      if (words.length === 1) out.push(words[0]);
    } else if (words.length === 1 && words[0] === 'default') out.push('default');
    else if (words.length === 2 && words[0] === 'profile') out.push(words[1]);
  }
  return out;
}

export async function readAwsProfiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<string[]> {
  const files: Array<[string, 'config' | 'credentials']> = [
    [env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), 'config'],
    [env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), 'credentials'],
  ];
  const names = new Set<string>();
  for (const [file, kind] of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const n of profileNames(text, kind)) names.add(n);
  }
  return [...names].sort();
}
