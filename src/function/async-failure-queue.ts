import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FailureQueueDestination } from '../resources/failure-destinations';
import { createFailureQueue } from '../resources/failure-queue';

/** FN9: how a function's asynchronous invocations are bounded and where the failed ones go. */
export interface AsyncFailureHandling {
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  /** The on-failure queue; a failure queue `queueId` is created when not given. */
  readonly failureQueue?: sqs.IQueue;
  readonly onSuccess?: lambda.IDestination;
}

/**
 * FN9, in the one place every function gets it (a guarded function's alias, or a function a user
 * brought to a pattern that invokes it asynchronously): bounded retries and event age, and failed
 * events kept in an on-failure queue. Returns that queue; its depth alarm is the caller's.
 */
export function configureAsyncFailureQueue(scope: Construct, queueId: string, fn: lambda.IFunction, handling: AsyncFailureHandling): sqs.IQueue {
  const queue = handling.failureQueue ?? createFailureQueue(scope, queueId);
  fn.configureAsyncInvoke({
    retryAttempts: handling.retryAttempts,
    maxEventAge: handling.maxEventAge,
    onFailure: new FailureQueueDestination(queue),
    onSuccess: handling.onSuccess,
  });
  return queue;
}
