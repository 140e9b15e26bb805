import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ExactKeySnsPublish, ExactKeySqsSendMessage } from './producer-tasks';
import { RetryPolicy } from './retry-policy';
import { transientErrorsOf } from './transient-errors';
import { validateRetryPolicy } from './validate-retry-policy';
import { WORKFLOW_DEFAULTS } from '../core/defaults';
import { TASK_TIMEOUT_SECONDS } from '../core/limits';
import { PropsValidator, secondsOf } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';

/** Options every task helper shares. */
export interface WorkflowTaskOptions {
  /**
   * Where the task's result goes in the state (`JsonPath.DISCARD` keeps the input as is).
   * @default '$' (the result replaces the input)
   */
  readonly resultPath?: string;
  /**
   * A task timeout (WF2): a whole number of seconds, 1 s or more, at most the state machine's
   * timeout.
   * @default - the state machine's timeout
   */
  readonly timeout?: Duration;
  /**
   * The retrier for the task's transient errors. Validated like the state machine's `retryPolicy`.
   * @default - the library's retry policy
   */
  readonly retryPolicy?: RetryPolicy;
}

/**
 * Tasks with the right transient errors to retry (WF1), so a workflow needs fewer lines.
 * `ResilientStateMachine` adds the same retriers to tasks built without these helpers. The options
 * are checked before the task is built: errors name the scope and the task's id
 * (`<id>.timeout`, `<id>.retryPolicy.*`).
 */
export class WorkflowTasks {
  /** Invokes a guarded function through its alias (FN10) and passes on its payload only. */
  public static invokeFunction(scope: Construct, id: string, fn: GuardedFunction, options: WorkflowTaskOptions = {}): tasks.LambdaInvoke {
    return withRetry(new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fn.alias,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false, // replaced by the library's retrier, which also retries throttles
      ...common(scope, id, options),
    }), options.retryPolicy);
  }

  /** Puts an item into a DynamoDB table. */
  public static putItem(scope: Construct, id: string, table: dynamodb.ITable, item: { [key: string]: tasks.DynamoAttributeValue },
    options: WorkflowTaskOptions = {}): tasks.DynamoPutItem {
    return withRetry(new tasks.DynamoPutItem(scope, id, { table, item, ...common(scope, id, options) }), options.retryPolicy);
  }

  /** Gets an item from a DynamoDB table. */
  public static getItem(scope: Construct, id: string, table: dynamodb.ITable, key: { [key: string]: tasks.DynamoAttributeValue },
    options: WorkflowTaskOptions = {}): tasks.DynamoGetItem {
    return withRetry(new tasks.DynamoGetItem(scope, id, { table, key, ...common(scope, id, options) }), options.retryPolicy);
  }

  /**
   * Sends a message to an SQS queue. For a queue with a customer-managed key, it grants exactly
   * `kms:GenerateDataKey` and `kms:Decrypt` on that key (MSG1, SEC1).
   */
  public static sendMessage(scope: Construct, id: string, queue: sqs.IQueue, messageBody: sfn.TaskInput,
    options: WorkflowTaskOptions = {}): tasks.SqsSendMessage {
    return withRetry(new ExactKeySqsSendMessage(scope, id, { queue, messageBody, ...common(scope, id, options) }), options.retryPolicy);
  }

  /**
   * Publishes a message to an SNS topic. For a topic with a customer-managed key, it grants exactly
   * `kms:GenerateDataKey` and `kms:Decrypt` on that key (MSG3, SEC1).
   */
  public static publish(scope: Construct, id: string, topic: sns.ITopic, message: sfn.TaskInput,
    options: WorkflowTaskOptions = {}): tasks.SnsPublish {
    return withRetry(new ExactKeySnsPublish(scope, id, { topic, message, ...common(scope, id, options) }), options.retryPolicy);
  }

  private constructor() {}
}

/** WF1: the library's retrier for `task`: its kind's transient errors, with `policy`. */
export function defaultRetry(task: sfn.TaskStateBase, policy: RetryPolicy = {}): sfn.RetryProps {
  return {
    errors: transientErrorsOf(task),
    interval: policy.interval ?? Duration.seconds(WORKFLOW_DEFAULTS.retryIntervalSeconds),
    backoffRate: policy.backoffRate ?? WORKFLOW_DEFAULTS.retryBackoffRate,
    maxAttempts: policy.maxAttempts ?? WORKFLOW_DEFAULTS.retryMaxAttempts,
    maxDelay: policy.maxDelay ?? Duration.seconds(WORKFLOW_DEFAULTS.retryMaxDelaySeconds),
    jitterStrategy: policy.jitter ?? sfn.JitterType.FULL,
  };
}

function withRetry<T extends sfn.TaskStateBase>(task: T, policy?: RetryPolicy): T {
  task.addRetry(defaultRetry(task, policy));
  return task;
}

/**
 * The props every task helper passes through, after checking the options (WF1, WF2): before the
 * task exists, so that aws-cdk-lib never sees a timeout it cannot render (NaN, fractions).
 */
function common(scope: Construct, id: string, options: WorkflowTaskOptions): { resultPath?: string; taskTimeout?: sfn.Timeout } {
  const validator = new PropsValidator(scope).range(`${id}.timeout`, secondsOf(options.timeout), TASK_TIMEOUT_SECONDS);
  validateRetryPolicy(validator, `${id}.retryPolicy`, options.retryPolicy);
  validator.throwIfInvalid();
  return { resultPath: options.resultPath, taskTimeout: options.timeout ? sfn.Timeout.duration(options.timeout) : undefined };
}
