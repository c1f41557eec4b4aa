// A later deploy that undid a suspect deploy (its previous ref again, or a revert of its commits): the rollback
// is already done, so rolling back is no longer the action — confirming recovery and fixing forward is.
import type { Deploy } from '../model/snapshot';
import { toMs } from './time';

const REVERTS_SHA = /this reverts commit ([0-9a-f]{7,40})/gi;
const REVERT_SUBJECT = /^revert "(.+)"\s*$/i;

export function revertOf(deploys: readonly Deploy[], d: Deploy): Deploy | undefined {
  const at = toMs(d.at);
  const shas = [d.ref, ...(d.commits ?? []).map((c) => c.sha)].filter((x): x is string => !!x).map((x) => x.toLowerCase());
  const subjects = new Set((d.commits ?? []).map((c) => (c.message ?? '').split('\n')[0].trim()).filter(Boolean));
  const later = deploys
    .filter((x) => x !== d && toMs(x.at) > at)
    .filter((x) => (!d.service || !x.service || x.service === d.service) && (!d.region || !x.region || x.region === d.region))
    .sort((x, y) => toMs(x.at) - toMs(y.at));
  return later.find((x) => {
    if (d.previousRef && x.ref === d.previousRef) return true;
    return (x.commits ?? []).some((c) => {
      const msg = c.message ?? '';
      for (const m of msg.matchAll(REVERTS_SHA)) if (shas.some((s) => s.startsWith(m[1].toLowerCase()) || m[1].toLowerCase().startsWith(s))) return true;
      const subject = REVERT_SUBJECT.exec(msg.split('\n')[0].trim());
      return !!subject && subjects.has(subject[1]);
    });
  });
}
