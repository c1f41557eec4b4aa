// What a write action will do, shown to the user before it happens (advise mode) and recorded in the audit log.

export type WriteKind = 'hotfix-branch' | 'hotfix-pr' | 'rollback-pr' | 'pir-file';

export interface WritePlan {
  kind: WriteKind;
  incidentId: string;
  /** Branch created (or file written, for pir-file). */
  target: string;
  /** Ref or branch it starts from. */
  base?: string;
  /** Commits reverted / suspected, full shas, in the order they are applied. */
  commits?: string[];
  /** Remote branch pushed; never the default branch. */
  push?: { remote: string; branch: string };
  pr?: { title: string; body: string; base: string; head: string; draft: boolean; labels: string[] };
  /** Numbered steps in plain words. */
  steps: string[];
}

export type Mode = 'observe' | 'advise';

/** Why a write is refused in the current mode, or undefined when it may go ahead (after confirmation). */
export function modeRefusal(mode: Mode, what: string): string | undefined {
  return mode === 'observe' ? `${what} is disabled: Incident Lens is in observe mode (read-only). Set mode: advise in .incident-lens.yaml or incidentLens.mode in the settings to allow writes.` : undefined;
}

/** The preview document: exactly what will happen, in order. */
export function renderPlan(plan: WritePlan): string {
  const out = [`# Incident Lens will: ${plan.kind.replace(/-/g, ' ')} (${plan.incidentId})`, ''];
  out.push(`- **Target:** \`${plan.target}\``);
  if (plan.base) out.push(`- **Base:** \`${plan.base}\``);
  if (plan.push) out.push(`- **Push:** \`${plan.push.branch}\` to \`${plan.push.remote}\``);
  if (plan.commits?.length) out.push(`- **Commits (in order):**`, ...plan.commits.map((c) => `  - \`${c}\``));
  out.push('', '## Steps', '', ...plan.steps.map((s, i) => `${i + 1}. ${s}`));
  if (plan.pr) {
    out.push('', '## Pull request', '', `- **Title:** ${plan.pr.title}`, `- **Base ← head:** \`${plan.pr.base}\` ← \`${plan.pr.head}\``,
      `- **Draft:** ${plan.pr.draft ? 'yes' : 'no'}`, `- **Labels:** ${plan.pr.labels.join(', ') || '(none)'}`, '', '### Body', '', '````markdown', plan.pr.body.trimEnd(), '````');
  }
  return `${out.join('\n')}\n`;
}
