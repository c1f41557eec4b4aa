import * as assert from 'node:assert/strict';
import type { Config } from '../../../src/core/config/config';
import { isLoopbackUrl, localSources, simulatorAwsCredentials } from '../../../src/providers/localEndpoints';

const base: Config = { service: 'checkout-api', aws: { regions: ['us-east-1'] }, github: { owner: 'acme', repo: 'checkout-api' } };
const sim = 'http://127.0.0.1:4510';

describe('local endpoints (simulator credentials)', () => {
  it('recognises loopback URLs only', () => {
    for (const u of [sim, 'http://localhost:9', 'https://[::1]:8443/x', 'http://127.0.0.1']) assert.ok(isLoopbackUrl(u), u);
    for (const u of [undefined, '', 'https://monitoring.us-east-1.amazonaws.com', 'http://127.0.0.1.evil.example', 'http://10.0.0.1:80', 'http://localhost.example.com']) assert.ok(!isLoopbackUrl(u), String(u));
  });

  it('uses placeholder AWS keys for a loopback endpoint, unless keys or a profile were chosen', () => {
    const cfg: Config = { ...base, endpoints: { cloudwatch: sim, logs: sim } };
    assert.deepEqual(simulatorAwsCredentials(cfg, undefined, {}), { accessKeyId: 'simulator', secretAccessKey: 'simulator' });
    assert.equal(simulatorAwsCredentials(cfg, undefined, { profile: 'prod' }), undefined);
    assert.equal(simulatorAwsCredentials(cfg, undefined, { accessKeyId: 'AKIA…' }), undefined);
    assert.equal(simulatorAwsCredentials(base, undefined, {}), undefined, 'real AWS gets the provider chain');
  });

  it('overrides win, and a real logs endpoint next to a local CloudWatch keeps real credentials', () => {
    assert.ok(simulatorAwsCredentials(base, { cloudwatch: sim, logs: sim }, {}));
    const mixed: Config = { ...base, endpoints: { cloudwatch: sim, logs: 'https://logs.us-east-1.amazonaws.com' } };
    assert.equal(localSources(mixed).aws, false);
    assert.equal(simulatorAwsCredentials(mixed, undefined, {}), undefined);
  });

  it('knows whether GitHub is local from endpoints or github.apiUrl', () => {
    assert.equal(localSources(base).github, false);
    assert.equal(localSources({ ...base, endpoints: { github: sim } }).github, true);
    assert.equal(localSources({ ...base, github: { ...base.github, apiUrl: `${sim}/api/v3` } }).github, true);
    assert.equal(localSources({ ...base, github: { ...base.github, apiUrl: 'https://ghe.example.com/api/v3' } }).github, false);
  });
});
