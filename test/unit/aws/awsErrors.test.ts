import * as assert from 'node:assert/strict';
import { classifyAwsError, describeAwsFailure, isRetryableAwsError } from '../../../src/providers/aws/awsErrors';

const err = (name: string, message = 'x', status?: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('AWS error classification', () => {
  it('throttling names, 429 and 5xx are retryable; denials and bad input are not', () => {
    for (const n of ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']) assert.ok(isRetryableAwsError(err(n, 'x', 400)), n);
    assert.ok(isRetryableAwsError(err('Whatever', 'x', 429)));
    assert.ok(isRetryableAwsError(err('InternalFailure', 'x', 500)));
    assert.ok(isRetryableAwsError(err('Unknown', 'x', 503)));
    assert.ok(isRetryableAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    for (const n of ['AccessDeniedException', 'InvalidParameterException', 'ExpiredTokenException', 'ResourceNotFoundException']) assert.ok(!isRetryableAwsError(err(n, 'x', 400)), n);
    assert.equal(classifyAwsError(err('CredentialsProviderError', 'Could not load credentials from any providers')), 'credentials');
    assert.equal(classifyAwsError(err('UnrecognizedClientException', 'The security token included in the request is invalid.', 400)), 'credentials');
  });

  it('a denial names the action, principal and resource', () => {
    const e = err('AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/oncall/dana is not authorized to perform: logs:StartQuery on resource: arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/x:* because no identity-based policy allows the logs:StartQuery action', 400);
    assert.equal(
      describeAwsFailure(e, 'logs:StartQuery'),
      "logs:StartQuery denied for arn:aws:sts::111122223333:assumed-role/oncall/dana on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/x:* — add it to the role's policy; see docs/permissions.md",
    );
    // A denial without the usual sentence still names the action we called.
    assert.match(describeAwsFailure(err('AccessDenied', 'Access denied', 403), 'cloudwatch:GetMetricData'), /^cloudwatch:GetMetricData denied for the current credentials — add it/);
  });
});
