import * as vscode from 'vscode';
import type { Snapshot } from '../core/model/snapshot';
import type { Report } from '../core/model/report';

/** The active incident, shared by every view; views redraw on `onDidChange`. */
export interface ActiveIncident {
  snapshot: Snapshot;
  report?: Report;
  /** Where the snapshot came from, for the status bar and error messages. */
  origin: string;
}

export class IncidentStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ActiveIncident | undefined>();
  readonly onDidChange = this.emitter.event;
  private current: ActiveIncident | undefined;

  get active(): ActiveIncident | undefined {
    return this.current;
  }

  set(incident: ActiveIncident | undefined): void {
    this.current = incident;
    void vscode.commands.executeCommand('setContext', 'incidentLens.hasIncident', !!incident);
    this.emitter.fire(incident);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
