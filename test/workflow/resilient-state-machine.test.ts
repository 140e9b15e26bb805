import validator from 'asl-validator';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { renderedDefinition } from './asl';
import { GuardedFunction, ResilientStateMachine, ResilientStateMachineProps, WorkflowTasks } from '../../src';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { expectValidationError, newStack } from '../support/stacks';

const code = lambda.Code.fromInline('exports.handler = async (event) => event;');

function guarded(stack: Stack, id = 'Fn'): GuardedFunction {
  return new GuardedFunction(stack, id, { code, handler: 'index.handler' });
}

/** Three tasks, a Choice and a Parallel: the shape of the reference app's workflow. */
function orderWorkflow(stack: Stack, props: Partial<ResilientStateMachineProps> = {}) {
  const fn = guarded(stack);
  const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  const topic = new sns.Topic(stack, 'Events', { enforceSSL: true });
  const validate = WorkflowTasks.invokeFunction(stack, 'Validate', fn);
  const save = WorkflowTasks.putItem(stack, 'Save', table, { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) }, { resultPath: sfn.JsonPath.DISCARD });
  const notify = new sfn.Parallel(stack, 'Notify', { resultPath: sfn.JsonPath.DISCARD })
    .branch(WorkflowTasks.publish(stack, 'Publish', topic, sfn.TaskInput.fromJsonPathAt('$')))
    .branch(new tasks.LambdaInvoke(stack, 'Audit', { lambdaFunction: fn.alias, retryOnServiceExceptions: false }));
  const route = new sfn.Choice(stack, 'Large order?')
    .when(sfn.Condition.numberGreaterThan('$.total', 1000), notify)
    .otherwise(new sfn.Succeed(stack, 'Done'));
  const machine = new ResilientStateMachine(stack, 'Workflow', { definition: validate.next(save).next(route), ...props });
  return { machine, fn };
}

function synthWorkflow(props: Partial<ResilientStateMachineProps> = {}) {
  const { app, stack } = newStack();
  const { machine } = orderWorkflow(stack, props);
  return { app, stack, machine, template: Template.fromStack(stack) };
}

function stateOf(definition: any, name: string): any {
  for (const [stateName, state] of Object.entries<any>(definition.States)) {
    if (stateName === name) return state;
    for (const branch of state.Branches ?? []) {
      const found = stateOf(branch, name);
      if (found) return found;
    }
  }
  return undefined;
}

describe('ResilientStateMachine defaults', () => {
  test('WF2–WF4: STANDARD, 1 hour timeout, logging ALL with execution data to a retained log group, X-Ray', () => {
    const { template, stack } = synthWorkflow();
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [Match.anyValue()] },
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    expect(renderedDefinition(stack).TimeoutSeconds).toBe(3600);
  });

  test('WF1: every Task, Parallel and Map state has a Retry of its transient errors and a Catch to the failure path', () => {
    const { stack } = synthWorkflow();
    const definition = renderedDefinition(stack);
    expect(stateOf(definition, 'Validate').Retry[0]).toEqual({
      ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
      IntervalSeconds: 2,
      MaxAttempts: 3,
      BackoffRate: 2,
      MaxDelaySeconds: 30,
      JitterStrategy: 'FULL',
    });
    expect(stateOf(definition, 'Save').Retry[0].ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
    expect(stateOf(definition, 'Publish').Retry[0].ErrorEquals).toContain('SNS.ThrottledException');
    expect(stateOf(definition, 'Audit').Retry[0].ErrorEquals).toContain('Lambda.TooManyRequestsException');
    expect(stateOf(definition, 'Notify').Retry[0].ErrorEquals).toContain('Lambda.ServiceException');
    for (const name of ['Validate', 'Save', 'Notify']) {
      expect(stateOf(definition, name).Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Record failure' }]);
    }
    // Nested states re-raise into their Parallel, which catches into the failure path.
    expect(stateOf(definition, 'Publish').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Notify branch 1 failed' }]);
    expect(stateOf(definition, 'Notify branch 1 failed')).toEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('the default failure path records the state in an encrypted queue, then fails with the original error', () => {
    const { stack, template, machine } = synthWorkflow();
    const definition = renderedDefinition(stack);
    expect(stateOf(definition, 'Record failure')).toMatchObject({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', ResultPath: null, Next: 'Execution failed' });
    expect(stateOf(definition, 'Record failure').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: 'Execution failed' }]);
    expect(stateOf(definition, 'Execution failed')).toEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    expect(machine.failureQueue).toBeDefined();
  });

  test('OBS1: failed, timed out, throttled and aborted execution alarms', () => {
    const { template, machine } = synthWorkflow();
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled', 'ExecutionsAborted']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Namespace: 'AWS/States', Threshold: 1 });
    }
    expect(machine.alarms).toHaveLength(4);
  });

  test('the rendered definition passes asl-validator', () => {
    const { isValid, errors } = validator(renderedDefinition(synthWorkflow().stack));
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  test('nag: zero unacknowledged findings, acknowledgements cite WF3', () => {
    const { app, machine } = synthWorkflow();
    expectNoUnacknowledgedFindings(app);
    expect(acknowledgementsUnder(machine).map((a) => `${a.id} ${a.reason.slice(0, 5)}`).sort())
      .toEqual(['AwsSolutions-IAM5[Resource::*] WF3: ', 'AwsSolutions-SQS3 MSG1:', 'Serverless-SQSRedrivePolicy MSG1:']);
  });

  test('snapshot: default configuration', () => {
    expect(synthWorkflow().template.toJSON()).toMatchSnapshot();
  });
});

describe('ResilientStateMachine maximal configuration', () => {
  function maximal() {
    const { app, stack } = newStack();
    const failures = new sqs.Queue(stack, 'MyFailures', { enforceSSL: true });
    // As a user would: the end of a failure path needs no DLQ of its own.
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) Validations.of(failures).acknowledge({ id, reason: 'MSG1: end of the failure path' });
    const handler = WorkflowTasks.sendMessage(stack, 'Park', failures, sfn.TaskInput.fromJsonPathAt('$')).next(new sfn.Fail(stack, 'Parked'));
    const fn = guarded(stack);
    const slow = WorkflowTasks.invokeFunction(stack, 'Slow', fn, { timeout: Duration.minutes(2) });
    const fragile = new tasks.LambdaInvoke(stack, 'Fragile', { lambdaFunction: fn.alias, retryOnServiceExceptions: false });
    const items = new sfn.Map(stack, 'EachItem', { itemsPath: '$.items' }).itemProcessor(WorkflowTasks.invokeFunction(stack, 'Item', fn));
    const machine = new ResilientStateMachine(stack, 'Workflow', {
      definition: slow.next(fragile).next(items),
      stateMachineType: sfn.StateMachineType.EXPRESS,
      timeout: Duration.minutes(5),
      failureHandler: handler,
      retryPolicy: { interval: Duration.seconds(1), backoffRate: 1.5, maxAttempts: 5, maxDelay: Duration.seconds(10), jitter: sfn.JitterType.NONE },
      optOuts: [{ state: fragile, reason: 'charges a card: never retried automatically', catch: false }],
      logRetention: logs.RetentionDays.ONE_WEEK,
      alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
      stateMachineName: 'orders',
      comment: 'maximal',
    });
    return { app, stack, machine, template: Template.fromStack(stack) };
  }

  test('every option reaches the template and the definition', () => {
    const { stack, template, machine } = maximal();
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'EXPRESS', StateMachineName: 'orders' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    const definition = renderedDefinition(stack);
    expect(definition).toMatchObject({ TimeoutSeconds: 300, Comment: 'maximal' });
    expect(stateOf(definition, 'Slow')).toMatchObject({ TimeoutSeconds: 120, Catch: [{ Next: 'Park' }] });
    expect(stateOf(definition, 'Slow').Retry[0]).toMatchObject({ IntervalSeconds: 2, MaxAttempts: 3 }); // the helper's own retrier is kept
    expect(stateOf(definition, 'EachItem')).toMatchObject({ Retry: [{ IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 5, MaxDelaySeconds: 10, JitterStrategy: 'NONE' }] });
    expect(stateOf(definition, 'EachItem').ItemProcessor.States.Item.Catch[0].Next).toBe('EachItem branch 1 failed');
    expect(stateOf(definition, 'Park').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: 'Execution failed' }]);
    expect(machine.failureQueue).toBeUndefined();
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] }, 4);
  });

  test('an opt-out keeps its reason in metadata and as the nag acknowledgement; the other half still applies', () => {
    const { stack, machine } = maximal();
    const fragile = stateOf(renderedDefinition(stack), 'Fragile');
    expect(fragile.Retry).toBeUndefined();
    expect(fragile.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Park' }]);
    expect(machine.node.metadata.find((m) => m.type === 'cdk-serverless-guardrails:wf1-opt-out')?.data)
      .toEqual({ state: 'Fragile', retry: true, catch: false, reason: 'charges a card: never retried automatically' });
    expect(acknowledgementsUnder(machine).find((a) => a.id === 'Guardrails-StateMachineTaskRetry[NoRetry:Fragile]')?.reason).toBe('WF1: charges a card: never retried automatically');
  });

  test('nag: zero unacknowledged findings; asl-validator accepts the definition', () => {
    const { app, stack } = maximal();
    expectNoUnacknowledgedFindings(app);
    expect(validator(renderedDefinition(stack)).errors).toEqual([]);
  });

  test('snapshot: maximal configuration', () => {
    expect(maximal().template.toJSON()).toMatchSnapshot();
  });
});

describe('ResilientStateMachine validation', () => {
  const at = 'TestStack/Workflow';

  test('timeout: EXPRESS at most 300 s (WF4); STANDARD at most a year (WF2)', () => {
    const express = { stateMachineType: sfn.StateMachineType.EXPRESS };
    expect(() => synthWorkflow({ ...express, timeout: Duration.seconds(300) })).not.toThrow();
    expectValidationError(() => synthWorkflow({ ...express, timeout: Duration.seconds(301) }), { path: at, prop: 'timeout', rule: /at most 300 s for an EXPRESS/, value: '5 minutes 1 second', practice: 'WF4' });
    expect(() => synthWorkflow({ timeout: Duration.days(365) })).not.toThrow();
    expectValidationError(() => synthWorkflow({ timeout: Duration.seconds(31_536_001) }), { path: at, prop: 'timeout', rule: /from 1 to 31536000 s/, value: '31536001', practice: 'WF2' });
  });

  test('retryPolicy: backoff rate at least 1, attempts 0 or more (WF1)', () => {
    expect(() => synthWorkflow({ retryPolicy: { backoffRate: 1, maxAttempts: 0 } })).not.toThrow();
    expectValidationError(() => synthWorkflow({ retryPolicy: { backoffRate: 0.99 } }), { path: at, prop: 'retryPolicy.backoffRate', rule: /at least 1/, value: '0.99', practice: 'WF1' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxAttempts: -1 } }), { path: at, prop: 'retryPolicy.maxAttempts', rule: /0 or more/, value: '-1', practice: 'WF1' });
  });

  test('a state\'s own retrier with BackoffRate < 1 or MaxAttempts < 0 fails the synth, naming the state', () => {
    const { stack } = newStack();
    const task = new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: guarded(stack).alias, retryOnServiceExceptions: false })
      .addRetry({ errors: ['Lambda.ServiceException'], backoffRate: 0.5, maxAttempts: -1 });
    new ResilientStateMachine(stack, 'Workflow', { definition: task });
    expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Workflow: invalid definition state "Charge" Retry\[0\]\.BackoffRate = 0\.5: must be at least 1 \(practice WF1\)/);
    expect(() => Template.fromStack(stack)).toThrow(/Retry\[0\]\.MaxAttempts = -1: must be 0 or more \(practice WF1\)/);
  });

  test('a task timeout longer than the machine\'s fails the synth (WF2)', () => {
    const { stack } = newStack();
    const fn = guarded(stack);
    new ResilientStateMachine(stack, 'Workflow', { definition: WorkflowTasks.invokeFunction(stack, 'Slow', fn, { timeout: Duration.minutes(10) }), timeout: Duration.minutes(5) });
    expect(() => Template.fromStack(stack)).toThrow(/invalid definition state "Slow" TimeoutSeconds = 600: must not exceed the state machine timeout \(300 s\) \(practice WF2\)/);
    const ok = newStack();
    new ResilientStateMachine(ok.stack, 'Workflow', { definition: WorkflowTasks.invokeFunction(ok.stack, 'Slow', guarded(ok.stack), { timeout: Duration.minutes(5) }), timeout: Duration.minutes(5) });
    expect(() => Template.fromStack(ok.stack)).not.toThrow();
  });

  test('EXPRESS with a Wait longer than 300 s fails the synth (WF4)', () => {
    const { stack } = newStack();
    const wait = new sfn.Wait(stack, 'Cool down', { time: sfn.WaitTime.duration(Duration.seconds(301)) });
    new ResilientStateMachine(stack, 'Workflow', { definition: wait, stateMachineType: sfn.StateMachineType.EXPRESS });
    expect(() => Template.fromStack(stack)).toThrow(/invalid definition state "Cool down" Seconds = 301: must be at most 300 s in an EXPRESS state machine \(practice WF4\)/);
  });

  test('an opt-out needs a reason; logs need a finite retention', () => {
    const { stack } = newStack();
    const task = WorkflowTasks.invokeFunction(stack, 'Charge', guarded(stack));
    expectValidationError(() => new ResilientStateMachine(stack, 'Workflow', { definition: task, optOuts: [{ state: task, reason: '' }] }),
      { path: at, prop: 'optOuts.reason', rule: /non-empty reason/, value: '""', practice: 'WF1' });
    expectValidationError(() => synthWorkflow({ logRetention: logs.RetentionDays.INFINITE }), { path: at, prop: 'logRetention', rule: /finite/, value: '"INFINITE"', practice: 'WF3' });
  });
});
