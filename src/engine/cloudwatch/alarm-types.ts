// The alarm vocabulary the engine shares with CloudWatch's API, from the SDK's own types.
import type { ComparisonOperator as SdkComparison, StateValue as SdkState } from '@aws-sdk/client-cloudwatch';

export type ComparisonOperator = Extract<
  SdkComparison,
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'
>;
export type StateValue = SdkState;
/** PutMetricAlarm's TreatMissingData values. */
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
