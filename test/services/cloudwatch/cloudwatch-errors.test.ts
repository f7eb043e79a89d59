import { describe, expect, it } from 'vitest';
import {
  classifyError,
  EXPIRED_LINE,
  NO_CREDENTIALS_LINE,
} from '../../../src/services/cloudwatch/cloudwatch-errors.js';

const context = { operation: 'GetMetricData', host: '127.0.0.1:4566' };

function awsError(name: string, status: number, message = 'x', fault: 'client' | 'server' = 'client') {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status } });
}

function providerError(message: string) {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError' });
}

describe('CloudWatch errors in one line', () => {
  it('no credentials anywhere in the chain', () => {
    expect(classifyError(providerError('Could not load credentials from any providers'), context)).toEqual({
      problem: 'no-credentials',
      line: NO_CREDENTIALS_LINE,
      backoff: false,
    });
  });

  it('an AWS_PROFILE that does not exist is named', () => {
    const error = providerError(
      'Could not resolve credentials using profile: [shop] in configuration/credentials file(s).',
    );
    expect(classifyError(error, { ...context, profile: 'shop' }).line).toBe(
      'cloudwatch: AWS profile "shop" not found (check AWS_PROFILE and ~/.aws/config)',
    );
  });

  it('an expired SSO session or token, from the chain or from AWS, asks for aws sso login', () => {
    const sso = Object.assign(
      new Error(
        'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { name: 'CredentialsProviderError' },
    );
    expect(classifyError(sso, context).line).toBe(EXPIRED_LINE);
    expect(classifyError(awsError('ExpiredToken', 403), context).line).toBe(EXPIRED_LINE);
    expect(classifyError(awsError('ExpiredTokenException', 400), context).problem).toBe('expired');
  });

  it('throttling backs off whether the code came from x-amzn-query-error or __type, or only the status says so', () => {
    for (const error of [
      awsError('Throttling', 400),
      awsError('ThrottlingException', 400),
      awsError('Whatever', 429),
    ]) {
      expect(classifyError(error, context)).toMatchObject({ problem: 'throttled', backoff: true });
    }
    expect(classifyError(awsError('Throttling', 400), context).line).toBe('cloudwatch: throttled by AWS (Throttling)');
  });

  it('a 5xx backs off and names the status', () => {
    expect(classifyError(awsError('InternalServiceFault', 500, 'boom', 'server'), context)).toEqual({
      problem: 'unavailable',
      line: 'cloudwatch: AWS answered 500 (InternalServiceFault)',
      backoff: true,
    });
  });

  it('a refused signature never shows AWS message, which quotes the signed request', () => {
    const message =
      'The Canonical String for this request should have been POST / x-amz-security-token:IQoJb3JpZ2luX2VjEC0aSECRET';
    const result = classifyError(awsError('SignatureDoesNotMatch', 403, message), context);
    expect(result.line).toBe(
      'cloudwatch: AWS rejected the credentials (SignatureDoesNotMatch): check AWS_PROFILE / AWS_ACCESS_KEY_ID',
    );
    expect(result.line).not.toContain('SECRET');
  });

  it('access denied names the permission needed', () => {
    expect(classifyError(awsError('AccessDenied', 403), { ...context, operation: 'DescribeAlarms' }).line).toBe(
      'cloudwatch: access denied to DescribeAlarms (AccessDenied): the credentials need cloudwatch:DescribeAlarms',
    );
  });

  it('a missing region and an unreachable endpoint are told apart', () => {
    expect(classifyError(new Error('Region is missing'), context).problem).toBe('no-region');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    expect(classifyError(refused, context)).toEqual({
      problem: 'unreachable',
      line: 'cloudwatch: cannot reach 127.0.0.1:4566 (ECONNREFUSED)',
      backoff: true,
    });
  });

  it('anything else says which call failed, with the code and a short, clean message', () => {
    const line = classifyError(
      awsError('InvalidParameterValue', 400, 'The parameter \u001b[31mStartTime\u001b[0m is bad'),
      context,
    ).line;
    expect(line).toBe('cloudwatch: GetMetricData failed (InvalidParameterValue: The parameter StartTime is bad)');
  });
});
