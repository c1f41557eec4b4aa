import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { configTemplate } from '../../../src/vscode/setup/configTemplate';

describe('.incident-lens.yaml template', () => {
  it('is a valid configuration as written', () => {
    const c = loadConfig(configTemplate({ service: 'checkout-api', awsProfile: 'oncall' }));
    assert.equal(c.service, 'checkout-api');
    assert.equal(c.aws?.profile, 'oncall');
    assert.deepEqual(c.aws?.alarms?.prefixes, ['checkout-api']);
  });
  it('turns a folder name with spaces into a usable service name', () => {
    assert.equal(loadConfig(configTemplate({ service: 'my service' })).service, 'my-service');
  });
});
