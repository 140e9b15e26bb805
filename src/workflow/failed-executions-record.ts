import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EVENT_TARGET_MAX_EVENT_AGE_SECONDS, EVENT_TARGET_MAX_RETRY_ATTEMPTS } from '../core/limits';
import { createFailureQueue } from '../resources/failure-queue';

/** The end states of an execution that must leave a record (OBS1). */
export const BAD_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * OBS1: every failed, timed-out or aborted execution of `stateMachine` reaches `queue`, including
 * those no Catch can see (`States.Runtime`, `States.DataLimitExceeded`, a failure path that fails
 * itself, the execution's own timeout, StopExecution). An EventBridge rule on the machine's
 * "Step Functions Execution Status Change" events sends each event (execution ARN, input, error,
 * cause) to the queue with EventBridge's longest retry policy (EV1) and a dead-letter queue of its
 * own. The queue policy lets only this rule send (SEC2). Step Functions sends these events for
 * STANDARD executions only.
 */
export function recordFailedExecutions(scope: Construct, stateMachine: sfn.IStateMachine, queue: sqs.IQueue) {
  const deadLetterQueue = createFailureQueue(scope, 'FailedExecutionsDeadLetterQueue');
  const rule = new events.Rule(scope, 'FailedExecutionsRule', {
    description: `${scope.node.path}: records every failed, timed-out or aborted execution (OBS1).`,
    eventPattern: {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: { stateMachineArn: [stateMachine.stateMachineArn], status: BAD_EXECUTION_STATUSES },
    },
    targets: [new targets.SqsQueue(queue, {
      retryAttempts: EVENT_TARGET_MAX_RETRY_ATTEMPTS,
      maxEventAge: Duration.seconds(EVENT_TARGET_MAX_EVENT_AGE_SECONDS),
      deadLetterQueue,
    })],
  });
  return { rule, deadLetterQueue };
}
