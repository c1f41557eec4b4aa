import * as vscode from 'vscode';
import { CompositionRoot, type Services } from './compositionRoot';

export interface IncidentLensApi {
  /** How long activate() took, for the activation benchmark. */
  activationMs: number;
  /** CPU time activate() used (user + system): unlike wall time, not stretched when the machine is busy. */
  activationCpuMs: number;
  /** The running services, for the extension-host tests. */
  services: Services;
}

// activate() only registers: no I/O, no SDK, no analysis until a view or command asks for it.
export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const services = new CompositionRoot(context).register();
  const cpu = process.cpuUsage(c0);
  return { activationMs: performance.now() - t0, activationCpuMs: (cpu.user + cpu.system) / 1000, services };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
