import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isUiMessage, type EventRef, type HostMessage, type TimelineState, type UiMessage } from '../../../webview-ui/shared/protocol';
import type { IncidentStore } from '../incidentStore';
import { buildTimeline } from './timelineData';
import { packTimeline } from './timelinePack';
import { timelineHtml } from './timelineHtml';

export const TIMELINE_VIEW_TYPE = 'incidentLens.timeline';

/** What the timeline asks the rest of the extension to do. */
export interface TimelineActions {
  reveal(ref: EventRef): Promise<void>;
  openDiff(deployId: string, sha?: string): Promise<void>;
  openLogExamples(index: number): Promise<void>;
  openSnapshot(uri: vscode.Uri): Promise<void>;
}

/** One timeline panel: created on demand, restored after a reload by the serializer. */
export class TimelinePanel implements vscode.WebviewPanelSerializer<TimelineState>, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pendingFocus: EventRef | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** Last first-paint time the webview reported, for tests and diagnostics. */
  lastPaintMs: number | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: IncidentStore,
    private readonly actions: TimelineActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(store.onDidChange(() => this.push()));
  }

  open(focus?: EventRef): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      if (focus) this.focus(focus);
      return;
    }
    this.pendingFocus = focus;
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, vscode.l10n.t('Incident Timeline'), vscode.ViewColumn.Active, this.options());
    this.attach(panel);
  }

  private focus(ref: EventRef): void {
    if (this.ready) void this.send({ type: 'focus', ref });
    else this.pendingFocus = ref;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: TimelineState | undefined): Promise<void> {
    // After a reload the store is empty: reopen the snapshot the timeline was showing.
    if (!this.store.active && state?.snapshotUri) {
      try {
        await this.actions.openSnapshot(vscode.Uri.parse(state.snapshotUri));
      } catch (e) {
        this.log.warn(`timeline: could not reopen ${state.snapshotUri}: ${(e as Error).message}`);
      }
    }
    panel.webview.options = this.options();
    this.attach(panel);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = timelineHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('timeline.js'),
      styleUri: asset('timeline.css'),
      text: {
        lanes: vscode.l10n.t('Lanes'), sources: vscode.l10n.t('Sources'), reset: vscode.l10n.t('Reset zoom'),
        loading: vscode.l10n.t('Loading the incident timeline…'),
        help: vscode.l10n.t('Incident timeline. Wheel or +/- to zoom, drag or arrow keys to pan, N/P to step through events, Enter to reveal, D to open a deploy\'s diff, 0 to reset.'),
      },
    });
    const subs = [
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isUiMessage(m)) {
      this.log.warn(`timeline: ignored an unknown message ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    const msg: UiMessage = m;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.push();
        return;
      case 'painted':
        this.lastPaintMs = msg.ms;
        this.log.info(`timeline: first paint ${msg.ms.toFixed(1)} ms for ${msg.events} events`);
        return;
      case 'reveal': return this.actions.reveal(msg.ref);
      case 'openDiff': return this.actions.openDiff(msg.deployId, msg.sha);
      case 'openLogExamples': return this.actions.openLogExamples(msg.index);
    }
  }

  private async push(): Promise<void> {
    if (!this.panel || !this.ready) return;
    const active = this.store.active;
    if (!active) {
      await this.send({ type: 'empty', message: vscode.l10n.t('No incident is open. Open the demo or a snapshot from the Incidents view.') });
      return;
    }
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    await this.send({ type: 'load', data: packTimeline(buildTimeline(active.snapshot, active.report)), focus, snapshotUri: active.uri?.toString() });
  }

  private send(m: HostMessage): Thenable<boolean> {
    return this.panel?.webview.postMessage(m) ?? Promise.resolve(false);
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.panel?.dispose();
  }
}
