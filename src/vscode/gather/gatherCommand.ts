// "Gather Incident from Live Sources": .incident-lens.yaml → credentials → ports → gather → the active incident.
// Cancellable; a source that fails becomes a gap and the partial incident is still shown.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../../core/config/config';
import type { GatherProgress } from '../../core/gather/gather';
import type { Snapshot } from '../../core/model/snapshot';
import type { LiveSdk } from '../../providers/live/loadLiveSdk';
import type { GatherAuth, GatherCredentials } from '../auth/gatherCredentials';
import type { ActiveIncident, IncidentStore } from '../incidentStore';
import { githubApiSetting, readConfigFile, type ConfigRead, type WorkspaceConfig } from './workspaceConfig';

export interface GatherArgs {
  /** A config file other than the workspace's (tests, a multi-service repository). */
  configUri?: vscode.Uri;
  since?: string;
  until?: string;
  /** Automatic gather at start-up: no prompt when there is no usable config. */
  quiet?: boolean;
}

export const LIVE_ORIGIN_PREFIX = 'live: ';

export class GatherCommand {
  private running: Promise<ActiveIncident | undefined> | undefined;
  /** What the last gather read, so Refresh of a live incident gathers again from the same file and window. */
  private last: { snapshot: Snapshot; args: GatherArgs } | undefined;

  constructor(
    private readonly store: IncidentStore,
    private readonly workspaceConfig: WorkspaceConfig,
    private readonly credentials: GatherCredentials,
    /** The config parser, gather and providers: a lazy bundle loaded on the first gather. */
    private readonly live: () => LiveSdk,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** True when the active incident is the one this command gathered last. */
  ownsActive(): boolean {
    return !!this.last && this.store.active?.snapshot === this.last.snapshot;
  }

  /** Gathers again with the arguments of the last gather (Refresh of a live incident). */
  refresh(): Promise<ActiveIncident | undefined> {
    return this.run(this.last?.args);
  }

  /** One gather at a time: a second request while one runs waits for that one. */
  run(arg?: GatherArgs | vscode.Uri): Promise<ActiveIncident | undefined> {
    this.running ??= this.gatherOnce(argsOf(arg))
      .catch((e: unknown) => {
        // Anything unexpected (the lazy bundle missing from a broken install...) is one message, not a stack trace.
        const message = e instanceof Error ? e.message : String(e);
        this.log.error(`gather failed: ${e instanceof Error && e.stack ? e.stack : message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not gather: {0}', message));
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async gatherOnce(args: GatherArgs): Promise<ActiveIncident | undefined> {
    const read = args.configUri ? await readConfigFile(args.configUri, this.live) : await this.workspaceConfig.read();
    if (read.kind !== 'ok') {
      // The message waits for the user; the command does not.
      if (!args.quiet) void this.explain(read);
      else this.log.info(`gather skipped: ${read.kind === 'invalid' ? read.error.message : 'no configuration file'}`);
      return undefined;
    }
    const auth = await this.credentials.forConfig(read.config);
    const config = auth.config;
    const name = vscode.workspace.asRelativePath(read.uri);
    this.log.info(`gather: ${config.service} from ${name}${args.since ? ` since ${args.since}` : ''}`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Gathering {0}', config.service) }, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Gathering {0} from live sources', config.service), cancellable: true },
        (progress, token) => this.gatherWithProgress(config, read.uri, args, auth, progress, token),
      ));
  }

  private async gatherWithProgress(config: Config, uri: vscode.Uri, args: GatherArgs, auth: GatherAuth,
    progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<ActiveIncident | undefined> {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const t0 = performance.now();
    let started = 0;
    let finished = 0;
    const onProgress = (p: GatherProgress) => {
      if (p.state === 'started') started++;
      else finished++;
      this.log.debug(`gather: ${p.source} ${p.state}${p.count !== undefined ? ` (${p.count})` : ''}${p.message ? `: ${p.message}` : ''}`);
      if (p.state === 'failed') this.log.warn(`gather: ${p.message ?? p.source}`);
      progress.report({
        message: p.state === 'started' ? vscode.l10n.t('reading {0}…', p.source) : vscode.l10n.t('{0} of {1} sources read', finished, started),
        increment: p.state === 'started' ? 0 : 100 / Math.max(started, 6),
      });
    };
    const { createPorts, gather, GatherCancelledError, TimeSpecError } = this.live();
    let built: Awaited<ReturnType<LiveSdk['createPorts']>> | undefined;
    try {
      progress.report({ message: vscode.l10n.t('connecting…') });
      built = await createPorts(config, {
        workspace: path.dirname(uri.fsPath),
        credentials: auth.credentials,
        githubApiSetting: githubApiSetting(),
        // Request lines only: the providers never log headers, so no token reaches the log.
        log: (line) => this.log.trace(line),
      });
      const snapshot = await gather(config, built.ports, { since: args.since, until: args.until, signal: controller.signal, onProgress });
      snapshot.gaps = [...new Set([...built.notes, ...auth.notes, ...(snapshot.gaps ?? [])])];
      const incident: ActiveIncident = { snapshot, origin: `${LIVE_ORIGIN_PREFIX}${config.service}` };
      this.store.set(incident);
      this.last = { snapshot, args: { ...args, quiet: false } };
      const gaps = snapshot.gaps.length;
      this.log.info(`gather: ${config.service}: ${snapshot.alarms?.length ?? 0} alarms, ${snapshot.metrics?.length ?? 0} metrics, ${snapshot.logs?.length ?? 0} log events, `
        + `${snapshot.deploys?.length ?? 0} deploys, ${snapshot.tickets?.length ?? 0} tickets, ${gaps} gaps in ${(performance.now() - t0).toFixed(0)} ms`);
      for (const g of snapshot.gaps) this.log.warn(`gather: gap: ${g}`);
      if (gaps) void this.showGaps(gaps);
      return this.store.active;
    } catch (e) {
      if (e instanceof GatherCancelledError || controller.signal.aborted) {
        this.log.info('gather: cancelled; the previous incident stays open');
        return undefined;
      }
      const message = e instanceof TimeSpecError ? e.message : (e as Error).message ?? String(e);
      this.log.error(`gather: ${config.service}: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not gather {0}: {1}', config.service, message));
      return undefined;
    } finally {
      sub.dispose();
      built?.dispose();
    }
  }

  private async showGaps(count: number): Promise<void> {
    const show = vscode.l10n.t('Show Gaps');
    const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Gathered with {0} gaps: some sources could not be read.', count), show);
    if (pick === show) await vscode.commands.executeCommand('incidentLens.evidence.focus');
  }

  /** No usable config: say which file and line, and offer the way forward. */
  private async explain(read: Exclude<ConfigRead, { kind: 'ok' }>): Promise<void> {
    if (read.kind === 'invalid') {
      const e = read.error;
      this.log.error(`gather: ${e.message}`);
      const open = vscode.l10n.t('Open Config');
      if ((await vscode.window.showErrorMessage(e.message, open)) === open) {
        const pos = new vscode.Position(Math.max(0, e.line - 1), 0);
        await vscode.window.showTextDocument(read.uri, { selection: new vscode.Range(pos, pos) });
      }
      return;
    }
    if (!read.uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open the service repository folder first: the configuration file lives at its root.'));
      return;
    }
    const create = vscode.l10n.t('Create Config');
    const demo = vscode.l10n.t('Open Demo Incident');
    const pick = await vscode.window.showInformationMessage(
      vscode.l10n.t('No {0} in this workspace: it names the alarms, logs and deploys to read.', vscode.workspace.asRelativePath(read.uri)), create, demo);
    if (pick === create) await vscode.commands.executeCommand('incidentLens.createConfig');
    else if (pick === demo) await vscode.commands.executeCommand('incidentLens.openDemo');
  }
}

/** Command arguments as given by a menu (none), a test or another extension (a config Uri, or GatherArgs). */
function argsOf(arg: unknown): GatherArgs {
  if (arg instanceof vscode.Uri) return { configUri: arg };
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    configUri: a.configUri instanceof vscode.Uri ? a.configUri : undefined,
    since: str(a.since), until: str(a.until), quiet: a.quiet === true,
  };
}
