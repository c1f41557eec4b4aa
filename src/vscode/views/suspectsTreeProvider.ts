import * as vscode from 'vscode';
import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';
import { formatDuration, formatScore, formatTime, md } from '../format';
import { authorName, suspectChanges, type SuspectFileChange } from '../codelens/suspectChanges';
import type { Deploy } from '../../core/model/snapshot';

export interface OpenDiffArgs {
  deployId: string;
  commit: string;
  path: string;
  /** 1-based line to show on the right side. */
  line?: number;
  /** Repository root holding the commit (default: the workspace folder). */
  repo?: string;
}

/** Deploys ranked by the report → their implicated commits → changed files → hunks. */
export class SuspectsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const active = this.store.active;
    if (!active) return [];
    if (!active.report) {
      return [{ id: 'suspects:no-report', label: vscode.l10n.t('No analysis: {0}', active.reportError ?? vscode.l10n.t('not run')), icon: 'warning' }];
    }
    const changes = suspectChanges(active.snapshot, active.report);
    const deploys = new Map((active.snapshot.deploys ?? []).map((d) => [d.id, d]));
    const seen = new Set<string>();
    const nodes: TreeNode[] = [];
    active.report.suspects.forEach((s, i) => {
      if (seen.has(s.deployId)) return;
      seen.add(s.deployId);
      const deploy = deploys.get(s.deployId);
      const mine = changes.filter((c) => c.deploy.id === s.deployId);
      const first = mine[0];
      const when = first?.alarm && first.minutesToAlarm !== undefined
        ? first.minutesToAlarm >= 0
          ? vscode.l10n.t('{0} before {1}', formatDuration(first.minutesToAlarm * 60_000), first.alarm.name)
          : vscode.l10n.t('{0} after {1}', formatDuration(first.minutesToAlarm * 60_000), first.alarm.name)
        : formatTime(deploy?.at);
      const reasons = active.report!.suspects.filter((x) => x.deployId === s.deployId).flatMap((x) => x.reasons ?? []);
      const evidence = active.report!.evidence.filter((e) => s.evidence.includes(e.id));
      const tooltip = new vscode.MarkdownString([
        `**#${i + 1} ${md(s.deployId)}** · ${vscode.l10n.t('score {0}', formatScore(s.score))}`,
        ...reasons.map((r) => `- ${md(r)}`),
        ...evidence.map((e) => `- _${md(e.kind)}_ ${md(e.summary)}`),
      ].join('\n\n'));
      nodes.push({
        id: `deploy:${s.deployId}`,
        label: { label: `#${i + 1} ${s.deployId}` },
        description: `${vscode.l10n.t('score {0}', formatScore(s.score))} · ${when}`,
        tooltip,
        icon: new vscode.ThemeIcon('rocket', i === 0 ? new vscode.ThemeColor('errorForeground') : undefined),
        contextValue: 'deploy',
        expanded: i === 0,
        data: deploy,
        command: { command: 'incidentLens.openTimeline', title: vscode.l10n.t('Open Timeline'), arguments: [{ kind: 'deploy', id: s.deployId }] },
        children: deploy ? this.commitNodes(deploy, mine) : [{ id: `deploy:${s.deployId}:missing`, label: vscode.l10n.t('Deploy {0} is not in the snapshot', s.deployId), icon: 'warning' }],
      });
    });
    if (nodes.length === 0) {
      nodes.push({ id: 'suspects:none', label: vscode.l10n.t('The report implicates no deploy'), description: active.report.rootCause.category, icon: 'info', tooltip: active.report.rootCause.summary });
    }
    const others = (active.snapshot.deploys ?? []).filter((d) => !seen.has(d.id));
    if (others.length) {
      nodes.push({
        id: 'suspects:others', label: vscode.l10n.t('Other deploys (not implicated)'), icon: 'history',
        children: others.map((d) => ({ id: `other-deploy:${d.id}`, label: d.id, description: formatTime(d.at), icon: 'rocket', data: d, contextValue: 'deploy' })),
      });
    }
    return nodes;
  }

  private commitNodes(deploy: Deploy, changes: SuspectFileChange[]): TreeNode[] {
    const bySha = new Map<string, SuspectFileChange[]>();
    for (const c of changes) bySha.set(c.commit.sha, [...(bySha.get(c.commit.sha) ?? []), c]);
    return (deploy.commits ?? []).filter((c) => bySha.has(c.sha)).map((commit) => ({
      id: `commit:${deploy.id}:${commit.sha}`,
      label: commit.message?.split('\n')[0] ?? commit.sha,
      description: `${commit.sha.slice(0, 8)} · ${authorName(commit.author)}`,
      tooltip: new vscode.MarkdownString(`${md(commit.message ?? '')}\n\n${md(commit.author ?? '')} · ${formatTime(commit.at)}`),
      icon: 'git-commit',
      contextValue: 'commit',
      expanded: true,
      data: { deploy, commit },
      children: (bySha.get(commit.sha) ?? []).map((fc) => this.fileNode(deploy, fc)),
    }));
  }

  private fileNode(deploy: Deploy, fc: SuspectFileChange): TreeNode {
    const args = (line?: number): OpenDiffArgs => ({ deployId: deploy.id, commit: fc.commit.sha, path: fc.file.path, line });
    const title = vscode.l10n.t('Open Diff');
    return {
      id: `file:${deploy.id}:${fc.commit.sha}:${fc.file.path}`,
      label: fc.file.path,
      description: fc.file.status,
      resourceUri: vscode.Uri.file(`/${fc.file.path}`),
      icon: vscode.ThemeIcon.File,
      contextValue: 'suspectFile',
      data: args(),
      command: { command: 'incidentLens.openDiff', title, arguments: [args(fc.hunks[0]?.ranges[0]?.start)] },
      children: fc.hunks.map((h, k) => {
        const added = h.hunk.lines.filter((l) => l[0] === '+').length;
        const removed = h.hunk.lines.filter((l) => l[0] === '-').length;
        const start = h.ranges[0].start;
        return {
          id: `hunk:${deploy.id}:${fc.commit.sha}:${fc.file.path}:${k}`,
          label: vscode.l10n.t('lines {0}–{1}', start, h.ranges[h.ranges.length - 1].end),
          description: `+${added} −${removed}`,
          tooltip: new vscode.MarkdownString().appendCodeblock(h.hunk.lines.join('\n'), 'diff'),
          icon: 'diff',
          contextValue: 'hunk',
          data: args(start),
          command: { command: 'incidentLens.openDiff', title, arguments: [args(start)] },
        };
      }),
    };
  }
}
