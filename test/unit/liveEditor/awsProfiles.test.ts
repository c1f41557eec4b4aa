import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { profileNames, readAwsProfiles } from '../../../src/vscode/auth/awsProfiles';

const CONFIG = `[default]
region = us-east-1

[profile prod-readonly]   # on-call
sso_session = corp
sso_account_id = 111122223333

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[services local-sim]
cloudwatch =
  endpoint_url = http://127.0.0.1:4510

  [profile  staging ]
region=eu-west-1
; [profile commented-out]
`;
const CREDENTIALS = `[default]
aws_access_key_id = AKIAEXAMPLE
[legacy]
aws_secret_access_key = x
[profile not-a-credentials-name]
`;

describe('AWS profiles from the shared files', () => {
  it('takes [default] and [profile X] from config, and skips sso-session, services and comments', () => {
    assert.deepEqual(profileNames(CONFIG, 'config'), ['default', 'prod-readonly', 'staging']);
  });

  it('takes every single-word section from credentials', () => {
    assert.deepEqual(profileNames(CREDENTIALS, 'credentials'), ['default', 'legacy']);
  });

  it('merges both files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, sorted and unique; missing files are empty', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aws-profiles-'));
    try {
      writeFileSync(path.join(dir, 'config'), CONFIG);
      writeFileSync(path.join(dir, 'creds'), CREDENTIALS);
      const names = await readAwsProfiles({ AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'creds') }, dir);
      assert.deepEqual(names, ['default', 'legacy', 'prod-readonly', 'staging']);
      assert.deepEqual(await readAwsProfiles({}, path.join(dir, 'no-home')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
