import * as vscode from 'vscode';
import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';
import { formatTime } from '../format';
import type { Evidence } from '../../core/model/report';
import type { LogExamples } from '../commands/logExamples';

/** Fields a log-pattern evidence may carry besides its summary (read when present; the summary says the rest). */
function str(e: Evidence, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = e[k];
    if (typeof v === 'string' && v) return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return undefined;
}
function num(e: Evidence, ...keys: string[]): number | undefined {
  for (const k of keys) if (typeof e[k] === 'number') return e[k] as number;
  return undefined;
}

const STACK_LINE = /^\s+at\s|^\s*File ".*", line \d+|^Traceback|^\s+\.\.\. \d+ more/m;

/** Log patterns that spiked, metric shifts, similar past incidents with their fixes, and what could not be read. */
export class EvidenceTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore, private readonly examples: LogExamples) {
    super();
  }

  protected roots(): TreeNode[] {
    const active = this.store.active;
    if (!active) return [];
    const report = active.report;
    const gaps = [...(report?.gaps ?? []), ...(active.snapshot.gaps ?? [])];
    if (!report) gaps.unshift(vscode.l10n.t('analysis failed: {0}', active.reportError ?? '?'));
    const evidence = report?.evidence ?? [];
    const of = (...kinds: string[]) => evidence.filter((e) => kinds.includes(e.kind));
    const group = (id: string, label: string, icon: string, children: TreeNode[]): TreeNode[] =>
      children.length ? [{ id: `evidence-group:${id}`, label, description: String(children.length), icon, expanded: true, children }] : [];
    const tickets = new Map((active.snapshot.tickets ?? []).map((t) => [t.id, t]));
    const used = new Set<string>();
    const mark = (e: Evidence) => (used.add(e.id), e);
    const nodes = [
      ...group('logs', vscode.l10n.t('Log patterns that spiked'), 'output', of('log-pattern').map(mark).map((e) => this.logNode(e))),
      ...group('stacks', vscode.l10n.t('Stack traces'), 'debug-stackframe', of('stack-trace').map(mark).map((e) => ({
        id: `evidence:${e.id}`, label: e.summary, description: formatTime(e.at), icon: 'debug-stackframe', contextValue: 'evidence', data: e,
        command: e.ref?.deployId && e.ref.commit ? { command: 'incidentLens.openDiff', title: vscode.l10n.t('Open Diff'), arguments: [{ deployId: e.ref.deployId, commit: e.ref.commit }] } : undefined,
      }))),
      ...group('metrics', vscode.l10n.t('Metric shifts'), 'graph-line', of('metric', 'slo').map(mark).map((e) => ({
        id: `evidence:${e.id}`, label: e.summary, description: formatTime(e.at), icon: 'pulse', contextValue: 'evidence', data: e,
        command: e.ref?.metricId ? { command: 'incidentLens.openTimeline', title: vscode.l10n.t('Open Timeline'), arguments: [{ kind: 'metric', id: e.ref.metricId }] } : undefined,
      }))),
      ...group('tickets', vscode.l10n.t('Similar past incidents'), 'history', of('ticket').map(mark).map((e) => {
        const t = tickets.get(e.ref?.ticketId ?? '') ?? [...tickets.values()].find((x) => e.summary.includes(x.id));
        return {
          id: `evidence:${e.id}`, label: e.summary, description: t?.resolution ? vscode.l10n.t('fixed: {0}', t.resolution) : formatTime(e.at),
          tooltip: t ? [t.title, t.body, t.resolution ? vscode.l10n.t('Resolution: {0}', t.resolution) : ''].filter(Boolean).join('\n\n') : undefined,
          icon: 'issues', contextValue: 'evidence', data: e,
        };
      })),
      ...group('other', vscode.l10n.t('Other evidence'), 'search', evidence.filter((e) => !used.has(e.id)).map((e) => ({
        id: `evidence:${e.id}`, label: e.summary, description: `${e.kind} ${formatTime(e.at)}`.trim(), icon: 'circle-small', contextValue: 'evidence', data: e,
      }))),
      ...group('gaps', vscode.l10n.t('Gaps: what could not be checked'), 'warning', gaps.map((g, i) => ({
        id: `gap:${i}`, label: g, icon: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground')), tooltip: g,
      }))),
    ];
    return nodes;
  }

  private logNode(e: Evidence): TreeNode {
    const before = num(e, 'before', 'countBefore', 'baseline');
    const after = num(e, 'after', 'countAfter', 'count');
    // The report names the pattern; the example line and its stack trace are read from the snapshot's logs.
    const found = this.examples.exampleFor(e.id);
    const example = str(e, 'example', 'examples', 'sample') ?? found?.stack ?? found?.message;
    const stack = str(e, 'stack', 'stackTrace') ?? found?.stack ?? (example && STACK_LINE.test(example) ? example : undefined);
    const firstLine = example?.split('\n')[0];
    const children: TreeNode[] = [];
    if (firstLine) children.push({ id: `evidence:${e.id}:example`, label: firstLine, description: vscode.l10n.t('example'), tooltip: example, icon: 'quote' });
    if (stack) {
      children.push({
        id: `evidence:${e.id}:stack`, label: vscode.l10n.t('Stack trace'), description: stack.split('\n').find((l) => /^\s+at\s|line \d+/.test(l))?.trim(),
        tooltip: new vscode.MarkdownString().appendCodeblock(stack, 'text'), icon: 'debug-stackframe', contextValue: 'stackTrace', data: stack,
        command: { command: 'incidentLens.findSuspectForStackTrace', title: vscode.l10n.t('Find Suspect Commit for Stack Trace'), arguments: [stack] },
      });
    }
    return {
      id: `evidence:${e.id}`,
      label: e.summary,
      description: before !== undefined && after !== undefined ? `${before} → ${after}` : formatTime(e.at),
      icon: 'output',
      contextValue: stack ? 'logPatternWithStack' : 'logPattern',
      expanded: false,
      data: e,
      command: { command: 'incidentLens.openLogExamples', title: vscode.l10n.t('Open Log Examples'), arguments: [e.id] },
      children,
    };
  }
}
