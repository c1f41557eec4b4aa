// The stack → commit ranking lives with the git provider (findSuspects); this file is the one seam to it.

export interface SuspectsInput {
  repo: string;
  range: string;
  stackText: string;
  mappings?: Array<{ from: string; to: string }>;
  signal?: AbortSignal;
}

export interface SuspectsResult {
  frames: Array<{ file: string; line?: number; path?: string; commit?: string }>;
  suspects: Array<{ commit: string; score: number; frames: number[]; reason: string }>;
}

export type FindSuspects = (input: SuspectsInput) => Promise<SuspectsResult>;

/** The ranking function, or undefined when this build has none (the command then says so instead of guessing). */
export function loadFindSuspects(): FindSuspects | undefined {
  return undefined;
}
