// One code-server + Chromium session for a UI test file, and the few gestures the tests make, done as a person would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, Workbench } from '../runners/browser';
import { startCodeServer, CodeServer } from '../runners/codeServerProcess';
import { resultsDir } from '../runners/paths';
import { prepareWorkspace } from '../runners/workspace';

export interface Session {
  server: CodeServer;
  page: Page;
  /**
   * Call when a test failed: prints code-server's log tail and the workbench log lines, and saves a screenshot
   * test-results/failed-<label>-<n>.png (the returned promise settles when it is written).
   */
  dumpLogs(): Promise<void>;
  close(opts?: { failed?: boolean }): Promise<void>;
}

type OpenOptions = { label: string; extensionDevelopmentPath?: string; extensionsDir?: string };

/** A suite's session: opened in `before` (or by a test via `open`), logs dumped after a failed test, closed in `after`. */
export interface SuiteSession {
  /** The open session; throws when none was opened. */
  readonly s: Session;
  /** Whether a test of the suite failed (the run directory is then kept). */
  readonly failed: boolean;
  open(opts: OpenOptions): Promise<Session>;
}

/**
 * Registers the hooks every UI suite needs. With `opts`, the session opens in `before`; without, a test opens it.
 * `afterClose` runs after the session is closed (e.g. to remove an install directory unless a test failed).
 */
export function useSession(opts?: OpenOptions, afterClose?: (failed: boolean) => void): SuiteSession {
  let session: Session | undefined;
  let failed = false;
  const holder: SuiteSession = {
    get s() {
      if (!session) throw new Error('no UI session: an earlier step failed to open it');
      return session;
    },
    get failed() {
      return failed;
    },
    async open(o) {
      session = await openSession(o);
      return session;
    },
  };
  if (opts) before(async () => void (await holder.open(opts)));
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await session?.dumpLogs();
    }
  });
  after(async () => {
    await session?.close({ failed });
    afterClose?.(failed);
  });
  return holder;
}

export async function openSession(opts: OpenOptions): Promise<Session> {
  const workspace = prepareWorkspace();
  const server = await startCodeServer({ label: opts.label, extensionsDir: opts.extensionsDir });
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  let failures = 0;
  const session: Session = {
    server,
    get page() {
      return wb!.page;
    },
    async dumpLogs() {
      console.error(`--- code-server log tail (${server.runDir}) ---\n${server.logTail()}`);
      if (wb) console.error(`--- workbench log lines ---\n${wb.logs.slice(-60).join('\n')}`);
      if (wb) {
        const file = await screenshot(wb.page, `failed-${opts.label}-${++failures}`).catch((e) => `none (${e})`);
        console.error(`--- screenshot: ${file}`);
      }
    },
    async close(o) {
      await browser?.close().catch(() => undefined);
      await server.stop({ keepRunDir: o?.failed });
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
  try {
    browser = await launchBrowser();
    const dev = opts.extensionDevelopmentPath;
    wb = await openWorkbench(browser, server, {
      folder: workspace,
      payload: dev ? [['extensionDevelopmentPath', server.remoteUri(dev)]] : undefined,
    });
    await wb.page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  } catch (e) {
    await session.dumpLogs();
    await session.close({ failed: true });
    throw e;
  }
  return session;
}

/** The activity-bar item with this title (its aria-label may carry a keybinding after the title). */
export function activityBarItem(page: Page, title: string) {
  return page.locator(`.part.activitybar a.action-label[aria-label="${title}"], .part.activitybar a.action-label[aria-label^="${title} ("]`);
}

export function viewPane(page: Page, name: string) {
  return page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label="${name} Section"])`);
}

/** Runs a command palette entry by its full label ("Category: Title"), as typed by a person. */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label="${label}"]`).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Error notifications currently shown (e.g. "command 'x' not found", an activation failure). */
export async function errorNotifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast:has(.codicon-error)').allInnerTexts();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
