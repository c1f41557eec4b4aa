// Headless Debian Chromium driven by playwright-core, opening code-server's workbench.
import { chromium, Browser, Page } from 'playwright-core';
import { chromiumPath } from './paths';
import { CodeServer } from './codeServerProcess';

// The machine reaches only loopback: keep Chromium from calling home.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface Workbench {
  page: Page;
  /** Log lines the workbench sent through `codeAutomationLog` (includes the extension host's console in test runs). */
  logs: string[];
  /** Resolves with the exit code the workbench reports through `codeAutomationExit` (tests finished). */
  exit: Promise<number>;
}

export interface OpenOptions {
  folder: string;
  payload?: [string, string][];
  /** Called for every workbench log line as it arrives. */
  onLog?: (line: string) => void;
}

export async function openWorkbench(browser: Browser, server: CodeServer, opts: OpenOptions): Promise<Workbench> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const logs: string[] = [];
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = `[${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`;
    logs.push(line);
    opts.onLog?.(line);
  });
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  // Without a tests path the workbench sends little through codeAutomationLog; its console errors explain failures.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') logs.push(`[console.${m.type()}] ${m.text()}`);
  });
  await page.goto(server.url(opts.folder, opts.payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return { page, logs, exit };
}
