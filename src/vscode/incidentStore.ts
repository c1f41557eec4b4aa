import * as vscode from 'vscode';
import type { Snapshot } from '../core/model/snapshot';
import type { Report } from '../core/model/report';
import type { Engine } from '../providers/engine/loadEngine';

/** The active incident, shared by every view; views redraw on `onDidChange`. */
export interface ActiveIncident {
  snapshot: Snapshot;
  report?: Report;
  /** Why the report is missing, when analysis failed (shown instead of an empty view). */
  reportError?: string;
  /** Where the snapshot came from, for the status bar and error messages. */
  origin: string;
  /** The snapshot file, when it came from one (a refresh reads it again). */
  uri?: vscode.Uri;
}

export class IncidentStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ActiveIncident | undefined>();
  readonly onDidChange = this.emitter.event;
  private current: ActiveIncident | undefined;

  /** `engine` loads the analysis bundle on the first incident. */
  constructor(private readonly log: vscode.LogOutputChannel, private readonly engine: () => Engine) {}

  get active(): ActiveIncident | undefined {
    return this.current;
  }

  /** Makes an incident active; the report is computed here, once, so every view reads the same one. */
  set(incident: ActiveIncident | undefined): void {
    if (incident && !incident.report && !incident.reportError) {
      const t0 = performance.now();
      try {
        incident = { ...incident, report: this.engine().analyse(incident.snapshot) };
        this.log.info(`analysed ${incident.snapshot.incident?.id ?? '?'} in ${(performance.now() - t0).toFixed(1)} ms`);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.log.error(`analysis of ${incident.origin} failed: ${message}`);
        incident = { ...incident, reportError: message };
      }
    }
    this.current = incident;
    void vscode.commands.executeCommand('setContext', 'incidentLens.hasIncident', !!incident);
    this.emitter.fire(incident);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
