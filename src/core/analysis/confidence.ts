// Turns hypothesis scores into verdicts and confidences (docs/confidence.md is the contract).
// confidence(c) = score(c) / (Σ scores + UNSEEN) × coverage: a share of the evidence weight, with a fixed mass for
// causes the snapshot cannot show, scaled down when sources (metrics, logs, change history) are missing.
import type { Category, Verdict } from '../model/report';
import type { ScoredHypothesis } from './hypotheses';

export const UNSEEN = 0.6;
export const SUPPORT_MIN_SCORE = 0.8;
export const ROOT_MIN_SCORE = 0.6;

export interface Coverage {
  metrics: boolean;
  logs: boolean;
  changes: boolean;
}

export function coverageFactor(c: Coverage): number {
  const present = Number(c.metrics) + Number(c.logs) + Number(c.changes);
  return 0.55 + 0.15 * present;
}

export interface Decision {
  category: Category;
  confidence: number;
  top?: ScoredHypothesis;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function decide(hs: ScoredHypothesis[], coverage: Coverage): Decision {
  const total = hs.reduce((s, h) => s + h.score, 0) + UNSEEN;
  const cov = coverageFactor(coverage);
  for (const h of hs) {
    h.confidence = round(Math.min(0.97, (h.score / total) * cov));
    const verdict: Verdict = h.score >= SUPPORT_MIN_SCORE ? 'supported' : h.score === 0 && h.against.length ? 'refuted' : 'inconclusive';
    h.verdict = verdict;
    if (verdict === 'refuted') h.evidence = [...new Set([...h.against, ...h.evidence])];
    h.evidence = [...new Set(h.evidence.filter(Boolean))];
  }
  const ranked = [...hs].sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (!top || top.score < ROOT_MIN_SCORE) return { category: 'unknown', confidence: 0 };
  return { category: top.category, confidence: top.confidence, top };
}
