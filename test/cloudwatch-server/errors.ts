// CloudWatch's error manners over AWS JSON 1.0: a status, a body {"__type", "message"} and, because
// the SDK asks in awsQuery-compatible mode, the old query error code in x-amzn-query-error
// ("<Code>;Sender" or ";Receiver"). Codes and statuses follow the SDK's own error schemas
// (awsQueryError traits) and the service's documented errors.
export interface CloudWatchErrorShape {
  status: number;
  /** The JSON __type: namespace#Name. */
  type: string;
  /** The awsQuery code, for x-amzn-query-error. */
  queryCode: string;
  fault: 'Sender' | 'Receiver';
  message: string;
  /** Some of CloudWatch's error shapes spell it Message (InternalServiceFault, LimitExceededException). */
  messageKey?: 'message' | 'Message';
}

export class CloudWatchError extends Error {
  constructor(readonly shape: CloudWatchErrorShape) {
    super(shape.message);
  }

  body(): Record<string, string> {
    return { __type: this.shape.type, [this.shape.messageKey ?? 'message']: this.shape.message };
  }

  headers(): Record<string, string> {
    return { 'x-amzn-query-error': `${this.shape.queryCode};${this.shape.fault}` };
  }
}

const CORAL = 'com.amazon.coral.service#';
const CW = 'com.amazonaws.cloudwatch#';

const sender = (status: number, type: string, queryCode: string, message: string, messageKey?: 'Message') =>
  new CloudWatchError({ status, type, queryCode, fault: 'Sender', message, messageKey });

export const errors = {
  throttling: () => sender(400, 'com.amazon.coral.availability#ThrottlingException', 'Throttling', 'Rate exceeded'),
  internal: () =>
    new CloudWatchError({
      status: 500,
      type: `${CW}InternalServiceFault`,
      queryCode: 'InternalServiceError',
      fault: 'Receiver',
      message: 'Internal service error',
      messageKey: 'Message',
    }),
  unavailable: () =>
    new CloudWatchError({
      status: 503,
      type: `${CORAL}ServiceUnavailableException`,
      queryCode: 'ServiceUnavailable',
      fault: 'Receiver',
      message: 'Service is unavailable',
    }),
  expiredToken: () =>
    sender(
      403,
      `${CORAL}ExpiredTokenException`,
      'ExpiredToken',
      'The security token included in the request is expired',
    ),
  unrecognizedClient: (message: string) =>
    sender(403, `${CORAL}UnrecognizedClientException`, 'InvalidClientTokenId', message),
  invalidSignature: (message: string) =>
    sender(403, `${CORAL}InvalidSignatureException`, 'SignatureDoesNotMatch', message),
  incompleteSignature: (message: string) =>
    sender(400, `${CORAL}IncompleteSignatureException`, 'IncompleteSignature', message),
  missingAuthentication: () =>
    sender(
      403,
      `${CORAL}MissingAuthenticationTokenException`,
      'MissingAuthenticationToken',
      'Missing Authentication Token',
    ),
  accessDenied: (operation: string) =>
    sender(
      403,
      `${CORAL}AccessDeniedException`,
      'AccessDenied',
      `User is not authorized to perform: cloudwatch:${operation}`,
    ),
  unknownOperation: () => sender(400, `${CORAL}UnknownOperationException`, 'UnknownOperation', ''),
  serialization: (message: string) => sender(400, `${CORAL}SerializationException`, 'SerializationException', message),
  validation: (message: string) => sender(400, `${CW}ValidationException`, 'ValidationError', message),
  invalidParameterValue: (message: string) =>
    sender(400, `${CW}InvalidParameterValueException`, 'InvalidParameterValue', message),
  invalidParameterCombination: (message: string) =>
    sender(400, `${CW}InvalidParameterCombinationException`, 'InvalidParameterCombination', message),
  invalidNextToken: () =>
    sender(400, `${CW}InvalidNextToken`, 'InvalidNextToken', 'The service returned an invalid NextToken.'),
};

export type Fault = 'throttle' | '500' | '503' | 'expired' | 'denied' | CloudWatchError;

export function faultError(fault: Fault, operation: string): CloudWatchError {
  if (fault instanceof CloudWatchError) return fault;
  switch (fault) {
    case 'throttle':
      return errors.throttling();
    case '500':
      return errors.internal();
    case '503':
      return errors.unavailable();
    case 'expired':
      return errors.expiredToken();
    case 'denied':
      return errors.accessDenied(operation);
  }
}
