// Branch names for the write actions: hotfix/<incident>-<slug>, rollback/<incident>-<deploy>; always valid git refs.

/** Lower-case words joined by '-', at most `max` characters, cut on a word boundary. */
export function slugify(text: string, max = 40): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  return out || words[0]?.slice(0, max) || 'incident';
}

/** A ref component git accepts (git check-ref-format): no '..', no leading '.', no '.lock', no control or special chars. */
export function refComponent(text: string): string {
  const s = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+|[.-]+$/g, '').replace(/\.lock$/i, '');
  return s || 'x';
}

export function hotfixBranchName(incidentId: string, title: string): string {
  return `hotfix/${refComponent(incidentId)}-${slugify(title)}`;
}

export function rollbackBranchName(incidentId: string, deployId: string): string {
  return `rollback/${refComponent(incidentId)}-${refComponent(deployId)}`;
}

/** The stash message that lets the user find their work again. */
export function stashMessage(incidentId: string, branch: string): string {
  return `incident-lens ${incidentId}: work saved before creating ${branch}`;
}
