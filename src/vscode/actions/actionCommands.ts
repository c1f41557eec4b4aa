// The write commands (hotfix branch, draft hotfix / rollback PR, PIR file), query-optimisation suggestions and the
// audit log. observe mode: every write refuses (context key + a check here). advise: each write shows its plan first.
import * as vscode from 'vscode';
import path from 'node:path';
import { renderPlan, type WritePlan } from '../../core/actions/writePlan';
import type { WriteMode } from './writeMode';
import type { AuditSink } from '../../core/actions/workflows';
import { githubWebUrl } from '../../core/actions/consoleLinks';
import type { QueryFinding } from '../../core/actions/queryOptimiser';
import type { Config } from '../../core/config';
import { githubApiUrl } from '../../core/config/githubApiUrl';
import { githubApiSetting } from '../gather/workspaceConfig';
import { loadActionsSdk as actions, type ActionsSdk } from '../../providers/actions/loadActionsSdk';
import type { Report } from '../../core/model/report';
import type { Snapshot } from '../../core/model/snapshot';
import { AuditLog, type AuditEntry } from '../../providers/audit/auditLog';
import { isLoopbackUrl } from '../../providers/localEndpoints';
import type { IncidentStore } from '../incidentStore';
import type { Confirm } from './confirm';
import { COPY_INDEX, QueryDiagnostics, SHOW_REWRITE } from './queryDiagnostics';

export interface ActionDeps {
  store: IncidentStore;
  log: vscode.LogOutputChannel;
  /** Asks before every write (modal dialogs; the tests answer through the activate() API). */
  confirm: Confirm;
  mode: WriteMode;
}

/** What an action command returns to executeCommand callers: how it ended and the message the user saw. */
export interface ActionOutcome {
  status: 'done' | 'refused' | 'declined' | 'failed';
  message: string;
}

const done = (message: string): ActionOutcome => ({ status: 'done', message });
const declined = (message: string): ActionOutcome => ({ status: 'declined', message });

interface Deps extends ActionDeps {
  audit: AuditLog;
}

/** The audit log in the workspace storage, plus a copy under .incident-lens/ when incidentLens.audit.copyToWorkspace is on. */
function createAuditLog(context: vscode.ExtensionContext): AuditLog {
  const files = [vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'audit.jsonl').fsPath];
  const ws = vscode.workspace.workspaceFolders?.[0];
  if (ws && vscode.workspace.getConfiguration('incidentLens').get<boolean>('audit.copyToWorkspace', false)) files.push(path.join(ws.uri.fsPath, '.incident-lens', 'audit.jsonl'));
  return new AuditLog(files);
}

const WRITES_CONTEXT = 'incidentLens.writesEnabled';

/** Registers the action commands; returns the audit hook other commands (the LLM pass) report through. */
export function registerActionCommands(context: vscode.ExtensionContext, deps: ActionDeps): { audit: (entry: AuditEntry) => void } {
  const a = new ActionCommands({ ...deps, audit: createAuditLog(context) });
  const subs = context.subscriptions;
  const cmd = (id: string, fn: (...args: never[]) => unknown) => subs.push(vscode.commands.registerCommand(id, fn));
  subs.push(a.diagnostics, vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, a.diagnostics, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  cmd('incidentLens.createHotfixBranch', () => a.guard(vscode.l10n.t('Create hotfix branch'), () => a.hotfixBranch()));
  cmd('incidentLens.draftHotfixPr', () => a.guard(vscode.l10n.t('Draft hotfix PR'), () => a.hotfixPr()));
  cmd('incidentLens.draftRollbackPr', () => a.guard(vscode.l10n.t('Draft rollback PR'), () => a.rollbackPr()));
  cmd('incidentLens.generatePir', () => a.guard(vscode.l10n.t('Generate post-incident review'), () => a.pir()));
  cmd('incidentLens.suggestQueryOptimisations', () => a.run(() => a.queries()));
  cmd('incidentLens.openAuditLog', () => a.run(() => a.openAudit()));
  cmd(SHOW_REWRITE, (f: QueryFinding) => a.run(async () => { await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: actions().renderFindings([f]) }), { preview: true }); }));
  cmd(COPY_INDEX, (f: QueryFinding) => a.run(async () => {
    await vscode.env.clipboard.writeText(f.createIndex ?? '');
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', f.createIndex ?? ''));
  }));
  void a.refreshMode();
  // The menus follow the mode as the file or the setting changes; the commands check it again when run.
  subs.push(deps.mode.onDidChange(() => void a.refreshMode()));
  return { audit: (entry) => a.audit(entry) };
}

class ActionCommands {
  readonly diagnostics = new QueryDiagnostics();
  constructor(private readonly deps: Deps) {}

  private root(): vscode.Uri {
    const f = vscode.workspace.workspaceFolders?.[0];
    if (!f) throw new Error(vscode.l10n.t('Open the repository folder first.'));
    return f.uri;
  }

  private config(): Promise<Config | undefined> {
    return this.deps.mode.config();
  }

  async refreshMode(): Promise<void> {
    await vscode.commands.executeCommand('setContext', WRITES_CONTEXT, (await this.deps.mode.current()) !== 'observe');
  }

  readonly sink: AuditSink = (e) => this.audit(e);

  audit(e: AuditEntry): void {
    void this.deps.audit.append(e, (err) => this.deps.log.warn(`audit log: ${err.message}`));
  }

  async run(fn: () => Promise<ActionOutcome | void>): Promise<ActionOutcome | undefined> {
    try {
      return (await fn()) ?? undefined;
    } catch (e) {
      const msg = e instanceof actions().DirtyTreeError ? `${e.message}. ${vscode.l10n.t('Files: {0}', [...e.status.staged, ...e.status.modified, ...e.status.untracked].slice(0, 8).join(', '))}` : (e as Error).message;
      this.deps.log.error(msg);
      void vscode.window.showErrorMessage(`Incident Lens: ${msg}`);
      return { status: 'failed', message: msg };
    }
  }

  /** Refuses in observe mode, whatever the UI shows. */
  async guard(what: string, fn: () => Promise<ActionOutcome>): Promise<ActionOutcome | undefined> {
    return this.run(async () => {
      const why = await this.deps.mode.refusal(what, what, (e) => this.audit(e));
      if (why) return { status: 'refused', message: why };
      return fn();
    });
  }

  private active(): { snapshot: Snapshot; report: Report } {
    const inc = this.deps.store.active;
    if (!inc) throw new Error(vscode.l10n.t('No active incident: open a snapshot or the demo first.'));
    if (!inc.report) throw new Error(inc.reportError ?? vscode.l10n.t('The incident has no analysis report.'));
    return { snapshot: inc.snapshot, report: inc.report };
  }

  /** Shows exactly what will happen and asks; false when the user does not confirm. */
  private async confirm(plan: WritePlan): Promise<boolean> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderPlan(plan) });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    const go = await this.deps.confirm.plan(plan);
    this.audit({ kind: 'write', action: plan.kind, outcome: go ? 'confirmed' : 'declined', target: plan.target, base: plan.base });
    return go;
  }

  private declinedPlan(plan: WritePlan): ActionOutcome {
    return declined(vscode.l10n.t('Not confirmed: nothing was changed ({0}).', plan.kind.replace(/-/g, ' ')));
  }

  private git(): InstanceType<ActionsSdk['GitWriter']> {
    return new (actions().GitWriter)(actions().gitRunner(this.root().fsPath));
  }

  private async github(): Promise<{ prs: InstanceType<ActionsSdk['PullRequests']>; repo: { owner: string; repo: string; webUrl: string } }> {
    const cfg = await this.config();
    const origin = await actions().originRepo(this.root().fsPath);
    const owner = cfg?.github?.owner ?? origin?.owner;
    const repo = cfg?.github?.repo ?? origin?.repo;
    if (!owner || !repo) throw new Error(vscode.l10n.t('Cannot tell the GitHub repository: set github.owner and github.repo in .incident-lens.yaml.'));
    const baseUrl = githubApiUrl({ config: cfg, setting: githubApiSetting(), originHost: origin?.host });
    // A local simulator takes any token: no sign-in for it, as gather does.
    const token = isLoopbackUrl(baseUrl) ? undefined : (await vscode.authentication.getSession('github', ['repo'], { createIfNone: true })).accessToken;
    const gh = new (actions().LoggingOctokit)({ token, baseUrl, log: (l) => { this.deps.log.info(l); this.audit({ kind: 'read', action: l }); } });
    return { prs: new (actions().PullRequests)(gh, { owner, repo }), repo: { owner, repo, webUrl: githubWebUrl(baseUrl) } };
  }

  async hotfixBranch(): Promise<ActionOutcome> {
    const { snapshot, report } = this.active();
    const plan = actions().planHotfixBranch(snapshot, report);
    if (!(await this.confirm(plan))) return this.declinedPlan(plan);
    const git = this.git();
    let dirty: 'stash' | 'stop' = 'stop';
    const st = await git.status();
    if (st.dirty) {
      dirty = await this.deps.confirm.dirtyTree(snapshot.incident.id);
      if (dirty === 'stop') return declined(vscode.l10n.t('Stopped: the working tree has uncommitted work and nothing was changed.'));
    }
    const res = await actions().executeHotfixBranch(plan, git, dirty, this.sink);
    const note = res.stash ? ` ${vscode.l10n.t('Your work is in {0}; get it back with: git stash pop {0}', res.stash.ref)}` : '';
    const message = vscode.l10n.t('Created {0} at {1}.', res.branch, res.base.slice(0, 12)) + note;
    void vscode.window.showInformationMessage(message);
    return done(message);
  }

  private async template(prs: InstanceType<ActionsSdk['PullRequests']>): Promise<string | undefined> {
    const all = await prs.templates();
    if (all.length <= 1) return all[0]?.text;
    const chosen = await this.deps.confirm.template(all.map((t) => t.path));
    return all.find((t) => t.path === chosen)?.text;
  }

  async hotfixPr(): Promise<ActionOutcome> {
    const { snapshot, report } = this.active();
    const { prs, repo } = await this.github();
    const git = this.git();
    const plan = await actions().planHotfixPr({ snapshot, report, repo, template: await this.template(prs) }, git, prs);
    if (!(await this.confirm(plan))) return this.declinedPlan(plan);
    const pr = await actions().executePr(plan, git, prs, this.sink);
    const message = vscode.l10n.t('Draft pull request #{0}: {1}', pr.number, pr.url);
    void vscode.window.showInformationMessage(message, vscode.l10n.t('Open')).then((o) => { if (o) void vscode.env.openExternal(vscode.Uri.parse(pr.url)); });
    return done(message);
  }

  async rollbackPr(): Promise<ActionOutcome> {
    const { snapshot, report } = this.active();
    const deploy = actions().suspectDeploy(snapshot, report);
    const commits = (deploy.commits ?? []).map((c) => ({ sha: c.sha, summary: (c.message ?? '').split('\n')[0] }));
    const chosen = commits.length > 1 ? await this.deps.confirm.commits(deploy.id, commits) : commits.map((c) => c.sha);
    if (!chosen?.length) return declined(vscode.l10n.t('No commits chosen: nothing was changed.'));
    const { prs, repo } = await this.github();
    const git = this.git();
    const plan = await actions().planRollbackPr({ snapshot, report, repo, deployId: deploy.id, template: await this.template(prs) }, git, prs, chosen);
    if (!(await this.confirm(plan))) return this.declinedPlan(plan);
    const { pr } = await actions().executeRollbackPr(plan, git, prs, this.sink);
    const message = vscode.l10n.t('Draft rollback pull request #{0}: {1}', pr.number, pr.url);
    void vscode.window.showInformationMessage(message);
    return done(message);
  }

  async pir(): Promise<ActionOutcome> {
    const { snapshot, report } = this.active();
    const rel = actions().pirPath(snapshot, vscode.workspace.getConfiguration('incidentLens').get<string>('pir.path') || undefined);
    const uri = vscode.Uri.joinPath(this.root(), ...rel.split('/'));
    const existing = await vscode.workspace.fs.readFile(uri).then((b) => Buffer.from(b).toString('utf8'), () => undefined);
    const { text, merged } = actions().updatedPir(existing, actions().renderPir(snapshot, report));
    const plan: WritePlan = { kind: 'pir-file', incidentId: snapshot.incident.id, target: rel, steps: [merged ? vscode.l10n.t('Update the generated parts of {0}, keeping what people wrote', rel) : vscode.l10n.t('Write {0}', rel), vscode.l10n.t('Open it')] };
    if (!(await this.confirm(plan))) return this.declinedPlan(plan);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    this.audit({ kind: 'write', action: 'pir-file', outcome: merged ? 'updated' : 'created', target: rel });
    await vscode.window.showTextDocument(uri);
    return done(merged ? vscode.l10n.t('Updated {0}: generated parts refreshed, your text kept.', rel) : vscode.l10n.t('Wrote {0}.', rel));
  }

  async queries(): Promise<ActionOutcome> {
    const { snapshot, report } = this.active();
    const implicated = actions().databaseEvidence(snapshot, report);
    const deploy = actions().suspectDeploy(snapshot, report);
    const root = this.root();
    const files = await actions().deploySourceFiles(deploy, (p) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...p.split('/'))).then((b) => Buffer.from(b).toString('utf8'), () => undefined));
    const schemaUris = await vscode.workspace.findFiles('{**/*.sql,**/schema.prisma,**/migrations/**,**/models.py}', '**/node_modules/**', 200);
    const schemas = await Promise.all(schemaUris.map(async (u) => ({ path: vscode.workspace.asRelativePath(u), text: Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8') })));
    const findings = actions().optimiseQueries(files, schemas);
    this.diagnostics.show(root, findings);
    const context = implicated.length
      ? vscode.l10n.t('The evidence implicates the database ({0}); data-access code changed by deploy {1}:', implicated.join(', '), deploy.id)
      : vscode.l10n.t('The evidence does not implicate a database; checked deploy {0} anyway:', deploy.id);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: actions().renderFindings(findings, context) }), { preview: true });
    return done(vscode.l10n.t('{0} query-optimisation finding(s) in deploy {1}.', findings.length, deploy.id));
  }

  async openAudit(): Promise<void> {
    const uri = vscode.Uri.file(this.deps.audit.path);
    const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
    if (!exists) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The audit log is empty: nothing has been read or written yet.'));
      return;
    }
    await vscode.window.showTextDocument(uri);
  }
}
