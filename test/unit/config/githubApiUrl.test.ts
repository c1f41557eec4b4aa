// One rule for which GitHub API a command uses: gather, the CLI actions and the editor all take it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { githubApiUrl } from '../../../src/core/config';
import type { Config } from '../../../src/core/config';
import { createPorts } from '../../../src/providers/createPorts';

describe('config: GitHub API URL', () => {
  const config = (endpoint?: string, apiUrl?: string): Pick<Config, 'endpoints' | 'github'> => ({
    ...(endpoint ? { endpoints: { github: endpoint } } : {}),
    github: { owner: 'o', repo: 'r', ...(apiUrl ? { apiUrl } : {}) },
  });

  it('takes the first of override, config endpoint, config apiUrl, setting, Enterprise origin, api.github.com', () => {
    const all = { override: 'https://a/x', config: config('https://b/x', 'https://c/x'), setting: 'https://d/x', originHost: 'ghe.corp' };
    assert.equal(githubApiUrl(all), 'https://a/x');
    assert.equal(githubApiUrl({ ...all, override: undefined }), 'https://b/x');
    assert.equal(githubApiUrl({ ...all, override: '  ', config: config(undefined, 'https://c/x') }), 'https://c/x');
    assert.equal(githubApiUrl({ ...all, override: undefined, config: config() }), 'https://d/x');
    assert.equal(githubApiUrl({ originHost: 'ghe.corp', setting: '' }), 'https://ghe.corp/api/v3');
    assert.equal(githubApiUrl({ originHost: 'GitHub.com' }), 'https://api.github.com');
    assert.equal(githubApiUrl({}), 'https://api.github.com');
  });

  it('gather infers GitHub Enterprise from the origin remote even when the config names the repository', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'il-ghe-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@ghe.example.com:team/svc.git']);
      const cfg: Config = { service: 'svc', github: { owner: 'team', repo: 'svc' }, deploys: { from: 'github-deployments' } } as Config;
      const built = await createPorts(cfg, { workspace: dir, credentials: { githubToken: 't' } });
      assert.equal(built.github?.baseUrl, 'https://ghe.example.com/api/v3');
      built.dispose();
      const withSetting = await createPorts(cfg, { workspace: dir, credentials: { githubToken: 't' }, githubApiSetting: 'https://mirror.example.com/api/v3' });
      assert.equal(withSetting.github?.baseUrl, 'https://mirror.example.com/api/v3');
      withSetting.dispose();
      const fromConfig = await createPorts({ ...cfg, github: { ...cfg.github, apiUrl: 'https://cfg.example.com/api/v3' } }, { workspace: dir, credentials: { githubToken: 't' }, githubApiSetting: 'https://mirror.example.com/api/v3' });
      assert.equal(fromConfig.github?.baseUrl, 'https://cfg.example.com/api/v3');
      fromConfig.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
