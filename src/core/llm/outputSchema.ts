// The structured answer we ask the model for. Every item must cite evidence ids from the report.
import type { Category, Verdict } from '../model/report';

export const CATEGORIES: Category[] = ['code-change', 'capacity', 'dependency', 'network', 'traffic', 'schedule', 'config', 'unknown'];
export const VERDICTS: Verdict[] = ['supported', 'refuted', 'inconclusive'];

export interface LlmClaim {
  text: string;
  evidence: string[];
}

export interface LlmHypothesis {
  category: Category;
  statement: string;
  verdict: Verdict;
  confidence: number;
  evidence: string[];
}

export interface LlmFix {
  title: string;
  detail: string;
  /** A unified diff the user reviews before anything is applied. */
  patch?: string;
  evidence: string[];
}

/** A hotfix or query-optimisation patch: shown as a diff, applied only when the user confirms. */
export interface LlmPatch {
  /** The file the model says it changes (one of `files`). */
  file: string;
  /** The unified diff, validated and rewritten in git's form (a/ b/ prefixes, exact line counts). */
  diff: string;
  rationale: string;
  evidence: string[];
  /** Every file the diff touches. */
  files: string[];
}

export interface LlmAnswer {
  narrative: LlmClaim[];
  hypotheses: LlmHypothesis[];
  fixes: LlmFix[];
  patches: LlmPatch[];
}

const evidenceList = { type: 'array', items: { type: 'string' }, minItems: 1 } as const;

export const LLM_ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['narrative', 'hypotheses', 'fixes', 'patches'],
  properties: {
    narrative: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['text', 'evidence'], properties: { text: { type: 'string' }, evidence: evidenceList } },
    },
    hypotheses: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'statement', 'verdict', 'confidence', 'evidence'],
        properties: {
          category: { type: 'string', enum: CATEGORIES },
          statement: { type: 'string' },
          verdict: { type: 'string', enum: VERDICTS },
          confidence: { type: 'number' },
          evidence: evidenceList,
        },
      },
    },
    fixes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'detail', 'patch', 'evidence'],
        properties: { title: { type: 'string' }, detail: { type: 'string' }, patch: { type: 'string' }, evidence: evidenceList },
      },
    },
    patches: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'diff', 'rationale', 'evidence'],
        properties: { file: { type: 'string' }, diff: { type: 'string' }, rationale: { type: 'string' }, evidence: evidenceList },
      },
    },
  },
} as const;
