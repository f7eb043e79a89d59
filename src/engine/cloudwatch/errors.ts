// CloudWatch's errors over AWS JSON 1.0, as @aws-sdk/client-cloudwatch reads them: a status,
// {"__type": "<namespace>#<Name>", "message": ...}, and (the SDK asks in awsQuery-compatible mode
// with x-amzn-query-mode: true) the old query code in x-amzn-query-error: "<Code>;Sender".
export class CloudWatchFault extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly queryCode: string,
    message: string,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const CORAL = 'com.amazon.coral.service#';
const CW = 'com.amazonaws.cloudwatch#';

export const faults = {
  missingAuthentication: () =>
    new CloudWatchFault(
      403,
      `${CORAL}MissingAuthenticationTokenException`,
      'MissingAuthenticationToken',
      'Missing Authentication Token',
    ),
  incompleteSignature: (m: string) =>
    new CloudWatchFault(400, `${CORAL}IncompleteSignatureException`, 'IncompleteSignature', m),
  unrecognizedClient: (m: string) =>
    new CloudWatchFault(403, `${CORAL}UnrecognizedClientException`, 'InvalidClientTokenId', m),
  signatureDoesNotMatch: (m: string) =>
    new CloudWatchFault(403, `${CORAL}InvalidSignatureException`, 'SignatureDoesNotMatch', m),
  unknownOperation: () => new CloudWatchFault(400, `${CORAL}UnknownOperationException`, 'UnknownOperation', ''),
  serialization: (m: string) => new CloudWatchFault(400, `${CORAL}SerializationException`, 'SerializationException', m),
  validation: (m: string) => new CloudWatchFault(400, `${CW}ValidationException`, 'ValidationError', m),
  invalidParameterValue: (m: string) =>
    new CloudWatchFault(400, `${CW}InvalidParameterValueException`, 'InvalidParameterValue', m),
  invalidParameterCombination: (m: string) =>
    new CloudWatchFault(400, `${CW}InvalidParameterCombinationException`, 'InvalidParameterCombination', m),
  invalidNextToken: () =>
    new CloudWatchFault(400, `${CW}InvalidNextToken`, 'InvalidNextToken', 'The service returned an invalid NextToken.'),
  internal: (m: string) => new CloudWatchFault(500, `${CW}InternalServiceFault`, 'InternalServiceError', m, 'Receiver'),
};
