import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

/**
 * WF1: the transient errors of each kind of state: throttling and service faults that a later
 * attempt can get past. Business errors (a function's own exceptions, a failed condition) are not
 * here: retrying them only delays the failure path.
 */
export const TRANSIENT_ERRORS = {
  lambda: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  dynamodb: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.ThrottlingException', 'DynamoDB.InternalServerErrorException'],
  sqs: ['SQS.SdkClientException', 'SQS.RequestThrottledException', 'SQS.KmsThrottledException'],
  sns: ['SNS.SdkClientException', 'SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'],
  /** Any other task: every task failure except a timeout (a timeout is rarely cured by waiting). */
  otherTask: ['States.TaskFailed'],
} as const;

/**
 * Parallel and Map states fail with the error of the branch that failed, after that branch's own
 * retries: they retry the services' transient errors once more, as a whole.
 */
export const COMPOSITE_TRANSIENT_ERRORS = [
  ...TRANSIENT_ERRORS.lambda, ...TRANSIENT_ERRORS.dynamodb, ...TRANSIENT_ERRORS.sqs, ...TRANSIENT_ERRORS.sns,
];

/** The transient errors of a state, by its kind. */
export function transientErrorsOf(state: sfn.State): string[] {
  if (state instanceof tasks.LambdaInvoke) return [...TRANSIENT_ERRORS.lambda];
  if (state instanceof tasks.DynamoPutItem || state instanceof tasks.DynamoGetItem
    || state instanceof tasks.DynamoUpdateItem || state instanceof tasks.DynamoDeleteItem) return [...TRANSIENT_ERRORS.dynamodb];
  if (state instanceof tasks.SqsSendMessage) return [...TRANSIENT_ERRORS.sqs];
  if (state instanceof tasks.SnsPublish) return [...TRANSIENT_ERRORS.sns];
  if (isComposite(state)) return COMPOSITE_TRANSIENT_ERRORS;
  return [...TRANSIENT_ERRORS.otherTask];
}

/** Parallel and (inline or distributed) Map states. */
export function isComposite(state: sfn.State): boolean {
  return state instanceof sfn.Parallel || state instanceof sfn.Map || state instanceof sfn.DistributedMap;
}
