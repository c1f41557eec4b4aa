// The editor experience driven as a person would: open the Incidents sidebar, load the demo, open the timeline, find
// the suspect deploy on it by pointing and click it, follow it in the Suspects tree, open the file and reach its lens.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../runners/paths';
import { activityBarItem, errorNotifications, runFromPalette, screenshot, useSession, viewPane } from './session';

/** The timeline's document inside the webview's two iframes. */
function timelineFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('UI: timeline, suspects and code lens', function () {
  this.timeout(300_000);
  const ui = useSession({ label: 'ui-editor', extensionDevelopmentPath: repoRoot });

  it('opens the demo incident from the sidebar', async () => {
    // The first gestures wait long: on a busy machine the workbench is still loading the extension host.
    await activityBarItem(ui.s.page, 'Incidents').click({ timeout: 120_000 });
    const incidents = viewPane(ui.s.page, 'Incidents');
    await incidents.getByRole('button', { name: 'Open Demo Incident' }).click({ timeout: 120_000 });
    await viewPane(ui.s.page, 'Suspects').locator('.monaco-list-row', { hasText: '#1 v2.4.1' }).waitFor({ state: 'visible', timeout: 30_000 });
    await ui.s.page.locator('.statusbar-item', { hasText: 'INC-2041' }).first().waitFor({ state: 'visible' });
  });

  it('opens the timeline, points at the suspect deploy and clicks it', async () => {
    await runFromPalette(ui.s.page, 'Incident Lens: Open Timeline');
    const tl = timelineFrame(ui.s.page);
    const canvas = tl.locator('#canvas');
    await canvas.waitFor({ state: 'visible', timeout: 30_000 });
    await tl.locator('#title', { hasText: 'INC-2041' }).waitFor({ timeout: 30_000 });
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'timeline')}`);

    // Hover along the Deploys lane until the tooltip names v2.4.1, as a person scanning the chart would.
    const lane = await tl.locator('#labels .lane-deploys').boundingBox();
    const box = await canvas.boundingBox();
    assert.ok(lane && box, 'deploys lane and canvas are on screen');
    const y = lane.y + lane.height / 2;
    let hit: number | undefined;
    for (let x = box.x + 2; x < box.x + box.width - 2; x += 3) {
      await ui.s.page.mouse.move(x, y);
      const tip = tl.locator('#tooltip');
      if (!(await tip.isHidden()) && /v2\.4\.1/.test(await tip.innerText())) {
        hit = x;
        break;
      }
    }
    assert.ok(hit !== undefined, 'no point of the Deploys lane shows v2.4.1');
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'timeline-hover-deploy')}`);
    await ui.s.page.mouse.click(hit, y);
    // The click reveals the deploy in the Suspects tree.
    await viewPane(ui.s.page, 'Suspects').locator('.monaco-list-row.selected', { hasText: 'v2.4.1' }).waitFor({ timeout: 15_000 });
  });

  it('follows the suspect to its changed file and reaches the code lens', async () => {
    const suspects = viewPane(ui.s.page, 'Suspects');
    await suspects.locator('.monaco-list-row', { hasText: 'src/orders.js' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    // Open the working copy of the file, as a person would with Quick Open.
    await ui.s.page.keyboard.press('Control+P');
    const input = ui.s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('src/orders.js');
    await ui.s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'orders.js' }).first().waitFor();
    await ui.s.page.keyboard.press('Enter');
    const lens = ui.s.page.locator('.monaco-editor .codelens-decoration a', { hasText: /Changed in v2\.4\.1 by .* · suspect #1/ });
    await lens.first().waitFor({ state: 'visible', timeout: 30_000 });
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'code-lens')}`);
    await lens.first().click();
    await ui.s.page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 15_000 });
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'code-lens-diff')}`);
    assert.deepEqual(await errorNotifications(ui.s.page), []);
  });
});
