import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGitRemote } from '../../../src/core/config/gitRemote';
import { ConfigError, loadConfig } from '../../../src/core/config/loadConfig';
import { CONFIG_SCHEMA } from '../../../src/core/config/configSchema';
import { demoConfigYaml } from '../../../src/core/demo/demoConfig';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';

const root = path.resolve(__dirname, '../../../..');

function failure(text: string): ConfigError {
  try {
    loadConfig(text, 'cfg.yaml');
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('reads a complete configuration', () => {
    const c = loadConfig(readFileSync(path.join(root, 'test/fixtures/config/full.incident-lens.yaml'), 'utf8'));
    assert.equal(c.service, 'payments-api');
    assert.deepEqual(c.aws?.regions, ['eu-west-1', 'us-east-2']);
    assert.deepEqual(c.aws?.metrics?.[0].dimensions, { ApiName: 'payments' });
    assert.equal(c.deploys?.from, 'tags');
    assert.deepEqual(c.tickets?.map((t) => t.type), ['github', 'jira', 'servicenow', 'pir']);
    assert.deepEqual(c.pathMappings, [{ from: '/var/task/', to: '' }]);
  });

  it('names the line of an unknown key, a bad value and a missing key', () => {
    const unknown = failure('service: x\naws:\n  regions: [us-east-1]\n  logGroup: [/a]\n');
    assert.equal(unknown.line, 4);
    assert.match(unknown.message, /^cfg\.yaml:4: aws: unknown key 'logGroup'/);

    const stat = failure('service: x\naws:\n  metrics:\n    - namespace: AWS/Lambda\n      name: Errors\n      stat: median\n');
    assert.equal(stat.line, 6);
    assert.match(stat.message, /aws\.metrics\.0\.stat: 'median'/);

    const jira = failure('service: x\ntickets:\n  - type: github\n  - type: jira\n    jql: project = OPS\n');
    assert.equal(jira.line, 4);
    assert.match(jira.message, /tickets\.1: missing required key 'url'/);

    const mode = failure('service: x\nmode: yolo\n');
    assert.equal(mode.line, 2);
    assert.match(mode.message, /mode: must be one of "observe", "advise"/);
  });

  it('reports YAML syntax errors and empty files with a line', () => {
    const syntax = failure('service: x\ntickets:\n  - type: [github\n');
    assert.match(syntax.message, /^cfg\.yaml:\d+: invalid YAML/);
    const dup = failure('service: x\nservice: y\n');
    assert.equal(dup.line, 2);
    assert.equal(failure('').line, 1);
    assert.match(failure('mode: observe\n').message, /missing required key 'service'/);
  });

  it('accepts the demo workspace configuration', () => {
    const c = loadConfig(demoConfigYaml(demoSnapshot(), 'http://127.0.0.1:4000'));
    assert.equal(c.endpoints?.github, 'http://127.0.0.1:4000');
    assert.equal(c.aws?.metrics?.length, demoSnapshot().metrics!.length);
  });

  it('ships schemas/incident-lens.schema.json equal to the schema it validates with', () => {
    const shipped = JSON.parse(readFileSync(path.join(root, 'schemas/incident-lens.schema.json'), 'utf8'));
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });
});

describe('parseGitRemote', () => {
  it('reads owner/repo from https, ssh and scp-like remotes', () => {
    assert.deepEqual(parseGitRemote('https://github.com/acme/checkout-api.git'), { host: 'github.com', owner: 'acme', repo: 'checkout-api' });
    assert.deepEqual(parseGitRemote('git@github.com:acme/checkout-api.git'), { host: 'github.com', owner: 'acme', repo: 'checkout-api' });
    assert.deepEqual(parseGitRemote('ssh://git@ghe.acme.io:2222/team/svc'), { host: 'ghe.acme.io', owner: 'team', repo: 'svc' });
    assert.equal(parseGitRemote('/local/path/repo'), undefined);
  });
});
