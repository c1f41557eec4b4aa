// The one seam to the stack → commit ranking of the git provider (findSuspects), shaped for the editor command.
import { GitRepo } from '../../providers/git/gitRepo';
import { findSuspects } from '../../providers/git/suspectFinder';

export interface SuspectsInput {
  repo: string;
  range: string;
  stackText: string;
  mappings?: Array<{ from: string; to: string }>;
  signal?: AbortSignal;
}

export interface SuspectsResult {
  frames: Array<{ file: string; line?: number; path?: string | null; commit?: string | null }>;
  suspects: Array<{ commit: string; score: number; frames: number[]; reason: string }>;
  /** What could not be read or checked (a partial answer). */
  problems: string[];
  conclusion?: string;
}

export type FindSuspects = (input: SuspectsInput) => Promise<SuspectsResult>;

export function loadFindSuspects(): FindSuspects {
  return async (input) => {
    const r = await findSuspects({ repo: new GitRepo(input.repo), range: input.range, stackText: input.stackText, mappings: input.mappings, signal: input.signal });
    return { frames: r.frames, suspects: r.suspects, problems: [...r.problems, ...r.errors], conclusion: r.conclusion };
  };
}
