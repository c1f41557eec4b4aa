import * as vscode from 'vscode';
import { IncidentStore } from './incidentStore';
import { readAwsProfiles } from './auth/awsProfiles';
import { GatherCredentials } from './auth/gatherCredentials';
import { TicketTokens } from './auth/ticketTokens';
import { scheduleAutoGather } from './gather/autoGather';
import { GatherCommand } from './gather/gatherCommand';
import { WorkspaceConfig } from './gather/workspaceConfig';
import { loadLiveSdk } from '../providers/live/loadLiveSdk';
import { loadEngine } from '../providers/engine/loadEngine';
import { IncidentCommands } from './commands/incidentCommands';
import { LogExamples } from './commands/logExamples';
import { Navigation, type Views } from './commands/navigation';
import { SuspectDecorations } from './codelens/suspectDecorations';
import { SuspectLensProvider } from './codelens/suspectLensProvider';
import { SuspectLineIndex } from './codelens/suspectLineIndex';
import { DIFF_SCHEME, DiffContentProvider } from './diff/diffContentProvider';
import { GitRunner } from './git/gitRunner';
import { SetupCommands } from './setup/setupCommands';
import { FindSuspectCommand } from './stacktrace/findSuspectCommand';
import { StackDocumentLinkProvider, StackTerminalLinkProvider } from './stacktrace/stackLinkProviders';
import { loadFindSuspects } from './stacktrace/suspectFinder';
import { WorkspaceFiles } from './stacktrace/workspaceFiles';
import { IncidentStatusBar } from './statusbar/incidentStatusBar';
import { LlmCommands } from './llm/llmCommands';
import { PATCH_SCHEME, PatchDocuments } from './llm/patchDocuments';
import { PatchReview } from './llm/patchReview';
import { PatchUiHook, VscodePatchUi } from './llm/patchUi';
import { WriteMode } from './actions/writeMode';
import { registerActionCommands } from './actions/actionCommands';
import { ConfirmHook, VscodeConfirm } from './actions/confirm';
import { TIMELINE_VIEW_TYPE, TimelinePanel } from './timeline/timelinePanel';
import { AlarmsTreeProvider } from './views/alarmsTreeProvider';
import { EvidenceTreeProvider } from './views/evidenceTreeProvider';
import { IncidentsTreeProvider } from './views/incidentsTreeProvider';
import { SuspectsTreeProvider } from './views/suspectsTreeProvider';
import type { NodeTreeProvider, TreeNode } from './views/treeNode';
import type { EventRef } from '../../webview-ui/shared/protocol';

/** What tests and other extensions reach through the activate() return value. */
export interface Services {
  store: IncidentStore;
  lenses: SuspectLensProvider;
  decorations: SuspectDecorations;
  timeline: TimelinePanel;
  statusBar: IncidentStatusBar;
  views: Views;
  /** The model-patch review's questions: tests install their answers with `patchUi.use(...)`. */
  llm: { patchUi: PatchUiHook };
  /** The write actions' confirmations: tests install their answers with `confirm.use(...)`. */
  actions: { confirm: ConfirmHook };
}

/** The one place that builds everything and passes dependencies through constructors. Registers only: no I/O here. */
export class CompositionRoot {
  constructor(private readonly context: vscode.ExtensionContext) {}

  register(): Services {
    const subs = this.context.subscriptions;
    const log = vscode.window.createOutputChannel('Incident Lens', { log: true });
    const store = new IncidentStore(log, loadEngine);
    const git = new GitRunner(log);
    subs.push(log, store);

    const logExamples = new LogExamples(store, loadEngine);
    const tree = (id: string, provider: NodeTreeProvider) => {
      const view = vscode.window.createTreeView<TreeNode>(id, { treeDataProvider: provider, showCollapseAll: true });
      subs.push(provider, view);
      return { view, provider };
    };
    const views: Views = {
      incidents: tree('incidentLens.incidents', new IncidentsTreeProvider(store)),
      alarms: tree('incidentLens.alarms', new AlarmsTreeProvider(store)),
      suspects: tree('incidentLens.suspects', new SuspectsTreeProvider(store)),
      evidence: tree('incidentLens.evidence', new EvidenceTreeProvider(store, logExamples)),
    };
    subs.push(store.onDidChange(() => Object.values(views).forEach((v) => v.provider.refresh())));
    // Snapshots added or removed in the workspace show up in the Incidents view.
    const snapshots = vscode.workspace.createFileSystemWatcher('**/*.incident.json', false, true, false);
    subs.push(snapshots, snapshots.onDidCreate(() => views.incidents.provider.refresh()), snapshots.onDidDelete(() => views.incidents.provider.refresh()));

    const workspaceConfig = new WorkspaceConfig(loadLiveSdk);
    const ticketTokens = new TicketTokens(this.context.secrets, loadLiveSdk, log);
    const gatherCommand = new GatherCommand(store, workspaceConfig, new GatherCredentials(ticketTokens, log), loadLiveSdk, log);
    const incidents = new IncidentCommands(store, log, gatherCommand);
    const navigation = new Navigation(store, views, log);
    const files = new WorkspaceFiles(log, () => workspaceConfig.pathMappings());
    const setup = new SetupCommands(log, () => readAwsProfiles());
    subs.push(workspaceConfig);
    const findSuspect = new FindSuspectCommand(store, files, git, loadFindSuspects(), log);
    subs.push(files);

    const lensesOn = vscode.workspace.getConfiguration('incidentLens').get<boolean>('codeLens.enabled', true);
    const index = new SuspectLineIndex(store, git, log);
    const lenses = new SuspectLensProvider(index, lensesOn);
    const decorations = new SuspectDecorations(index, this.context.extensionUri, lensesOn);
    const statusBar = new IncidentStatusBar(store);
    void vscode.commands.executeCommand('setContext', 'incidentLens.codeLensOn', lensesOn);
    let on = lensesOn;
    const fileSelector: vscode.DocumentSelector = { scheme: 'file' };
    const logSelector: vscode.DocumentSelector = [{ language: 'log' }, { scheme: 'output' }, { language: 'plaintext' }, { pattern: '**/*.log' }];
    subs.push(
      index, lenses, decorations, statusBar,
      vscode.languages.registerCodeLensProvider(fileSelector, lenses),
      vscode.languages.registerHoverProvider(fileSelector, decorations),
      vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, new DiffContentProvider(git, store, log)),
      vscode.languages.registerDocumentLinkProvider(logSelector, new StackDocumentLinkProvider(files)),
      vscode.window.registerTerminalLinkProvider(new StackTerminalLinkProvider(files)),
    );

    const timeline = new TimelinePanel(this.context.extensionUri, store, {
      reveal: async (ref: EventRef) => { await navigation.revealRef(ref); },
      openDiff: (deployId, sha) => navigation.openDiff({ deployId, commit: sha }),
      openLogExamples: (i) => logExamples.open(i),
      openSnapshot: async (uri) => { await incidents.openSnapshot(uri); },
    }, log);
    subs.push(timeline, vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, timeline));

    const cmd = (id: string, fn: (...args: never[]) => unknown) => subs.push(vscode.commands.registerCommand(id, fn));
    cmd('incidentLens.openDemo', () => incidents.openDemo());
    cmd('incidentLens.openSnapshot', (uri?: vscode.Uri) => incidents.openSnapshot(uri));
    cmd('incidentLens.refresh', () => incidents.refresh());
    cmd('incidentLens.openTimeline', (focus?: EventRef) => timeline.open(focus));
    cmd('incidentLens.openDiff', (args?: Parameters<Navigation['openDiff']>[0]) => navigation.openDiff(args));
    cmd('incidentLens.showEvidence', (ids?: string[]) => navigation.showEvidence(ids));
    cmd('incidentLens.openLogExamples', (target: number | string) => logExamples.open(target));
    cmd('incidentLens.findSuspectForStackTrace', (text?: unknown) => findSuspect.run(text));
    cmd('incidentLens.toggleCodeLens', () => {
      on = !on;
      lenses.setEnabled(on);
      decorations.setEnabled(on);
      void vscode.commands.executeCommand('setContext', 'incidentLens.codeLensOn', on);
    });
    cmd('incidentLens.createConfig', () => setup.createConfig());
    cmd('incidentLens.chooseAwsProfile', () => setup.chooseAwsProfile());
    cmd('incidentLens.signInGitHub', () => setup.signInGitHub());
    cmd('incidentLens.showLog', () => log.show(true));
    cmd('incidentLens.gather', (arg?: vscode.Uri | Parameters<GatherCommand['run']>[0]) => gatherCommand.run(arg));
    cmd('incidentLens.setTicketToken', () => ticketTokens.setToken());
    const confirm = new ConfirmHook(new VscodeConfirm());
    const writeMode = new WriteMode(workspaceConfig, loadLiveSdk);
    const actions = registerActionCommands(this.context, { store, log, confirm, mode: writeMode });
    subs.push(...new LlmCommands(this.context.secrets, store, log, actions.audit).register());
    const patchDocuments = new PatchDocuments();
    const patchUi = new PatchUiHook(new VscodePatchUi());
    const patchReview = new PatchReview({ store, documents: patchDocuments, log, audit: actions.audit, mode: writeMode }, patchUi);
    subs.push(patchDocuments, vscode.workspace.registerTextDocumentContentProvider(PATCH_SCHEME, patchDocuments));
    cmd('incidentLens.llm.reviewPatch', () => patchReview.run());

    // After activate() returns: activation stays register-only.
    subs.push(scheduleAutoGather(gatherCommand, store, log));

    return { store, lenses, decorations, timeline, statusBar, views, llm: { patchUi }, actions: { confirm } };
  }
}
