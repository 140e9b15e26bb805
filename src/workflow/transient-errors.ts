import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

/**
 * WF1: the transient errors of each kind of task: throttling and service faults that a later
 * attempt can get past. Business errors (a function's own exceptions, a failed condition) are not
 * here: retrying them only delays the failure path.
 */
export const TRANSIENT_ERRORS = {
  /** aws-cdk-lib's own Lambda retrier (`retryOnServiceExceptions`), plus throttles. */
  lambda: [
    'Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  dynamodb: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.ThrottlingException', 'DynamoDB.InternalServerErrorException'],
  sqs: ['SQS.SdkClientException', 'SQS.RequestThrottledException', 'SQS.KmsThrottledException'],
  sns: ['SNS.SdkClientException', 'SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'],
  /** Any other task: every task failure except a timeout (a timeout is rarely cured by waiting). */
  otherTask: ['States.TaskFailed'],
} as const;

/** The transient errors of a task, by its kind. */
export function transientErrorsOf(task: sfn.TaskStateBase): string[] {
  if (task instanceof tasks.LambdaInvoke) return [...TRANSIENT_ERRORS.lambda];
  if (task instanceof tasks.DynamoPutItem || task instanceof tasks.DynamoGetItem
    || task instanceof tasks.DynamoUpdateItem || task instanceof tasks.DynamoDeleteItem) return [...TRANSIENT_ERRORS.dynamodb];
  if (task instanceof tasks.SqsSendMessage) return [...TRANSIENT_ERRORS.sqs];
  if (task instanceof tasks.SnsPublish) return [...TRANSIENT_ERRORS.sns];
  return [...TRANSIENT_ERRORS.otherTask];
}
