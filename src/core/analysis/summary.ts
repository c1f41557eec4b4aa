// The root cause: category, a sentence or two, confidence and the evidence behind it.
import type { Localisation, RootCause } from '../model/report';
import type { Decision } from './confidence';
import type { ScoredHypothesis } from './hypotheses';

export function summarise(decision: Decision, hs: ScoredHypothesis[], loc: Localisation | undefined): RootCause {
  if (!decision.top) {
    const any = hs.filter((h) => h.evidence.length).flatMap((h) => h.evidence).slice(0, 5);
    return {
      category: 'unknown',
      summary: any.length
        ? 'The evidence does not single out a cause: no hypothesis is supported strongly enough. See the hypotheses and gaps.'
        : 'The snapshot holds too little evidence to name a cause. See the gaps for what is missing.',
      confidence: 0,
      evidence: any,
    };
  }
  const top = decision.top;
  const runnerUp = [...hs].filter((h) => h !== top).sort((a, b) => b.score - a.score)[0];
  const where = loc ? ` Localised to ${loc.dimension} ${loc.value}.` : '';
  const also = runnerUp && runnerUp.score >= 0.8 ? ` Also supported: ${runnerUp.category} (${runnerUp.statement.replace(/\.$/, '')}).` : '';
  return {
    category: decision.category,
    summary: `${top.statement}${where}${also}`,
    confidence: decision.confidence,
    evidence: [...new Set([...top.evidence, ...(loc?.evidence ?? [])])].slice(0, 12),
  };
}
