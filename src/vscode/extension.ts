import * as vscode from 'vscode';
import { CompositionRoot, type Services } from './compositionRoot';

export interface IncidentLensApi {
  /** How long activate() took, for the activation benchmark. */
  activationMs: number;
  /** The running services, for the extension-host tests. */
  services: Services;
}

// activate() only registers: no I/O, no SDK, no analysis until a view or command asks for it.
export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const t0 = performance.now();
  const services = new CompositionRoot(context).register();
  return { activationMs: performance.now() - t0, services };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
