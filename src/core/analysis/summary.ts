// The root cause: category, a sentence or two, confidence and the evidence behind it.
import type { Localisation, RootCause } from '../model/report';
import type { Decision } from './confidence';
import type { ScoredHypothesis } from './hypotheses';

/** Symptom evidence (error-rate rises) the root cause always cites, within its evidence cap. */
const MAX_EVIDENCE = 12;
const MAX_SYMPTOMS = 3;

function withSymptoms(ids: readonly string[], symptoms: readonly string[]): string[] {
  const base = [...new Set(ids)];
  const add = symptoms.filter((id) => !base.includes(id)).slice(0, MAX_SYMPTOMS);
  return [...base.slice(0, MAX_EVIDENCE - add.length), ...add];
}

export function summarise(decision: Decision, hs: ScoredHypothesis[], loc: Localisation | undefined, symptoms: readonly string[] = []): RootCause {
  if (!decision.top) {
    const any = hs.filter((h) => h.evidence.length).flatMap((h) => h.evidence).slice(0, 5);
    return {
      category: 'unknown',
      summary: any.length
        ? 'The evidence does not single out a cause: no hypothesis is supported strongly enough. See the hypotheses and gaps.'
        : 'The snapshot holds too little evidence to name a cause. See the gaps for what is missing.',
      confidence: 0,
      evidence: symptoms.length ? withSymptoms(any, symptoms) : any,
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
    evidence: withSymptoms([...top.evidence, ...(loc?.evidence ?? [])], symptoms),
  };
}
