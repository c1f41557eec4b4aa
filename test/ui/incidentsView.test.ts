// The "Incidents" container in the workbench, opened and used as a person would (development build of the extension).
import * as assert from 'node:assert/strict';
import { repoRoot } from '../runners/paths';
import { activityBarItem, errorNotifications, runFromPalette, screenshot, useSession, viewPane } from './session';

const VIEWS = ['Incidents', 'Alarms', 'Suspects', 'Evidence'];

describe('UI: the Incidents container', function () {
  this.timeout(120_000);
  const ui = useSession({ label: 'ui-dev', extensionDevelopmentPath: repoRoot });

  it('shows an "Incidents" item in the activity bar', async () => {
    await activityBarItem(ui.s.page, 'Incidents').waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('opens the container on click and shows the Incidents, Alarms, Suspects and Evidence views', async () => {
    await activityBarItem(ui.s.page, 'Incidents').click();
    await ui.s.page.locator('.part.sidebar .composite.title h2', { hasText: /^Incidents$/i }).waitFor({ state: 'visible' });
    for (const name of VIEWS) {
      await viewPane(ui.s.page, name).locator('.pane-header').waitFor({ state: 'visible', timeout: 60_000 });
    }
    await ui.s.page.mouse.move(800, 450); // no tooltip over the picture
    await ui.s.page.waitForTimeout(500); // let the views' progress bars settle before the picture
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'incidents-container')}`);
  });

  it('loads the demo incident from the command palette into the views', async () => {
    const alarms = viewPane(ui.s.page, 'Alarms');
    assert.equal(await alarms.locator('.monaco-list-row').count(), 0, 'alarms shown before any incident was opened');
    await runFromPalette(ui.s.page, 'Incident Lens: Open Demo Incident');
    await alarms.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(await errorNotifications(ui.s.page), []);
    await ui.s.page.mouse.move(800, 450);
    console.log(`      screenshot: ${await screenshot(ui.s.page, 'incidents-demo')}`);
  });
});
