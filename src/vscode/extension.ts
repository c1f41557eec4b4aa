import * as vscode from 'vscode';
import { CompositionRoot } from './compositionRoot';

export interface IncidentLensApi {
  /** How long activate() took, for the activation benchmark. */
  activationMs: number;
}

// activate() only registers: no I/O, no SDK, no analysis until a view or command asks for it.
export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const t0 = performance.now();
  new CompositionRoot(context).register();
  return { activationMs: performance.now() - t0 };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
