import validator from 'asl-validator';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { renderedDefinition } from './asl';
import { GuardedFunction, ResilientStateMachine, ResilientStateMachineProps, WorkflowTasks } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings, unacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack } from '../support/stacks';

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

  test('WF1: every Task state has a Retry of its transient errors, every Task, Parallel and Map state a Catch to the failure path', () => {
    const { stack } = synthWorkflow();
    const definition = renderedDefinition(stack);
    expect(stateOf(definition, 'Validate').Retry[0]).toEqual({
      // aws-cdk-lib's own Lambda retrier retries Lambda.ClientExecutionTimeoutException too.
      ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
        'Lambda.TooManyRequestsException'],
      IntervalSeconds: 2,
      MaxAttempts: 3,
      BackoffRate: 2,
      MaxDelaySeconds: 30,
      JitterStrategy: 'FULL',
    });
    expect(stateOf(definition, 'Save').Retry[0].ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
    expect(stateOf(definition, 'Publish').Retry[0].ErrorEquals).toContain('SNS.ThrottledException');
    expect(stateOf(definition, 'Audit').Retry[0].ErrorEquals).toContain('Lambda.TooManyRequestsException');
    // A retry of the Parallel would publish again after Audit's own retries are exhausted.
    expect(stateOf(definition, 'Notify').Retry).toBeUndefined();
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
    template.hasResource('AWS::SQS::Queue', { Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 }, DeletionPolicy: 'Retain' });
    expect(stack.resolve((machine.failureQueue as sqs.Queue).queueArn)).toEqual({ 'Fn::GetAtt': ['WorkflowFailureQueueF75E0A59', 'Arn'] });
  });

  test('OBS1: failed, timed out, throttled and aborted execution alarms; failure queue depth alarm, all sent to alarmTopic', () => {
    const { stack } = newStack();
    const alarmTopic = new sns.Topic(stack, 'Alarms', { enforceSSL: true });
    const { machine } = orderWorkflow(stack, { alarmTopic });
    const template = Template.fromStack(stack);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled', 'ExecutionsAborted']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Namespace: 'AWS/States', Threshold: 1 });
    }
    const depthOf = (queue: sqs.IQueue | undefined) => ({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: stack.resolve(queue!.queueName) }],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', depthOf(machine.failureQueue));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', depthOf(machine.failedExecutionsDeadLetterQueue));
    expect(alarmPathsOf(machine)).toEqual([
      'TestStack/Workflow/ExecutionsFailedAlarm', 'TestStack/Workflow/ExecutionsTimedOutAlarm', 'TestStack/Workflow/ExecutionThrottledAlarm',
      'TestStack/Workflow/ExecutionsAbortedAlarm', 'TestStack/Workflow/FailureQueueDepthAlarm', 'TestStack/Workflow/FailedExecutionsDeadLetterQueueDepthAlarm',
    ]);
    expect(machine.alarms).toEqual([machine.executionsFailedAlarm, machine.executionsTimedOutAlarm, machine.executionThrottledAlarm,
      machine.executionsAbortedAlarm, machine.failureQueueDepthAlarm, machine.failedExecutionsDeadLetterQueueDepthAlarm]);
    // Renamed after its ID and its metric; the old name stays for a while.
    expect(machine.executionsThrottledAlarm).toBe(machine.executionThrottledAlarm);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] }, 6);
  });

  test('IMonitored: executions started, failed, timed out, throttled and aborted as key metrics', () => {
    const { machine, stack } = synthWorkflow();
    const executions = (label: string, metricName: string) => ({ label, namespace: 'AWS/States', metricName, statistic: 'Sum', period: 300 });
    expect(keyMetricsOf(machine)).toEqual([
      executions('Executions started', 'ExecutionsStarted'), executions('Executions failed', 'ExecutionsFailed'),
      executions('Executions timed out', 'ExecutionsTimedOut'), executions('Executions throttled', 'ExecutionThrottled'),
      executions('Executions aborted', 'ExecutionsAborted'),
    ]);
    for (const { metric } of machine.keyMetrics) {
      expect(stack.resolve(metric.toMetricConfig().metricStat!.dimensions)).toEqual([{ name: 'StateMachineArn', value: stack.resolve(machine.stateMachine.stateMachineArn) }]);
    }
  });

  test('OBS1: every failed, timed-out or aborted execution is recorded with its input in the failure queue (EventBridge rule, retry policy, DLQ, SEC2)', () => {
    const { stack, template, machine } = synthWorkflow();
    const machineRef = { Ref: 'WorkflowF96E0FF2' };
    const ruleArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowFailedExecutionsRule'), 'Arn'] };
    const failureQueueArn = stack.resolve((machine.failureQueue as sqs.Queue).queueArn);
    const deadLetterQueueArn = stack.resolve((machine.failedExecutionsDeadLetterQueue as sqs.Queue).queueArn);
    expect(stack.resolve(machine.stateMachine.stateMachineArn)).toEqual(machineRef);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        'detail': { stateMachineArn: [machineRef], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      Targets: [{
        Arn: failureQueueArn,
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: deadLetterQueueArn },
      }],
    });
    expect(deadLetterQueueArn).not.toEqual(failureQueueArn);
    template.hasResource('AWS::SQS::Queue', { Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 }, DeletionPolicy: 'Retain' });
    // SEC2: only this rule may send, to the failure queue and to its dead-letter queue.
    for (const [queueArn, action] of [[failureQueueArn, Match.arrayWith(['sqs:SendMessage'])], [deadLetterQueueArn, 'sqs:SendMessage']]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: action,
            Resource: queueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
          })]),
        },
      });
    }
    expect(machine.failedExecutionsRule).toBeInstanceOf(events.Rule);
  });

  test('OBS1: a STANDARD machine with its own failureHandler still records failed executions; an EXPRESS one sends no status events, so has no rule', () => {
    const standard = newStack();
    const handler = new sfn.Fail(standard.stack, 'Handled');
    const withHandler = orderWorkflow(standard.stack, { failureHandler: handler }).machine;
    const template = Template.fromStack(standard.stack);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', { Targets: [{ Arn: standard.stack.resolve((withHandler.failureQueue as sqs.Queue).queueArn) }] });
    expect(withHandler.alarms).toEqual([withHandler.executionsFailedAlarm, withHandler.executionsTimedOutAlarm, withHandler.executionThrottledAlarm,
      withHandler.executionsAbortedAlarm, withHandler.failureQueueDepthAlarm, withHandler.failedExecutionsDeadLetterQueueDepthAlarm]);
    expectNoUnacknowledgedFindings(standard.app);

    const express = synthWorkflow({ stateMachineType: sfn.StateMachineType.EXPRESS });
    express.template.resourceCountIs('AWS::Events::Rule', 0);
    expect(express.machine.failedExecutionsRule).toBeUndefined();
    // The default failure path's queue keeps its depth alarm.
    expect(express.machine.alarms.map((alarm) => alarm.node.id)).toEqual([
      'ExecutionsFailedAlarm', 'ExecutionsTimedOutAlarm', 'ExecutionThrottledAlarm', 'ExecutionsAbortedAlarm', 'FailureQueueDepthAlarm',
    ]);
  });

  test('AwsSolutions-IAM5: only the log-delivery and X-Ray statements are acknowledged; a user\'s own wildcard grants are reported', () => {
    const { app, stack } = newStack();
    const anyBucket = new tasks.CallAwsService(stack, 'List buckets', { service: 's3', action: 'listBuckets', iamResources: ['*'] });
    const machine = new ResilientStateMachine(stack, 'Workflow', { definition: anyBucket });
    machine.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    machine.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const findings = unacknowledgedFindings(app).filter((finding) => finding.startsWith('AwsSolutions-IAM5'));
    const at = 'at TestStack/Workflow/Resource/Role/DefaultPolicy/Resource:';
    expect(findings).toEqual([expect.stringContaining(`AwsSolutions-IAM5[Resource::*] ${at}`), expect.stringContaining(`AwsSolutions-IAM5[Action::s3:*] ${at}`)]);
    const defaultPolicy = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^WorkflowRoleDefaultPolicy') } });
    expect(Object.values<any>(defaultPolicy)[0].Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 's3:listBuckets', Resource: '*' }),
      expect.objectContaining({ Action: 'iam:PassRole', Resource: '*' }),
      expect.objectContaining({ Action: 's3:*', Resource: '*' }),
    ]));
    // The same statements on a plain role are reported the same way.
    const plain = newStack();
    const role = new iam.Role(plain.stack, 'Plain', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    expect(unacknowledgedFindings(plain.app).filter((finding) => finding.startsWith('AwsSolutions-IAM5[Resource::*]'))).toHaveLength(1);
  });

  test('AwsSolutions-IAM5: the log-delivery and X-Ray statements sit in a policy of their own, which the state machine depends on', () => {
    const { template, machine } = synthWorkflow();
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^WorkflowRoleLoggingAndTracingPolicy') } });
    const [[policyId, policy]] = Object.entries<any>(policies);
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.map((statement: any) => statement.Resource)).toEqual(['*', '*']);
    expect(statements.flatMap((statement: any) => statement.Action).every((action: string) => /^(logs|xray):/.test(action))).toBe(true);
    const defaultPolicy = Object.values<any>(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^WorkflowRoleDefaultPolicy') } }))[0];
    expect(defaultPolicy.Properties.PolicyDocument.Statement.some((statement: any) => statement.Resource === '*')).toBe(false);
    // Step Functions checks the log-delivery permissions when it creates the state machine.
    template.hasResource('AWS::StepFunctions::StateMachine', { DependsOn: Match.arrayWith([policyId]) });
    expect(acknowledgementsUnder(machine).filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]').map((a) => a.path))
      .toEqual(['TestStack/Workflow/Resource/Role/LoggingAndTracingPolicy']);
  });

  test('the rendered definition passes asl-validator', () => {
    const { isValid, errors } = validator(renderedDefinition(synthWorkflow().stack));
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  test('nag: zero unacknowledged findings, acknowledgements cite WF3 and MSG1', () => {
    const { app, machine } = synthWorkflow();
    expectNoUnacknowledgedFindings(app);
    expect(acknowledgementsUnder(machine).map((a) => `${a.path} ${a.id} ${a.reason.slice(0, 5)}`).sort()).toEqual([
      'TestStack/Workflow/FailedExecutionsDeadLetterQueue AwsSolutions-SQS3 MSG1:',
      'TestStack/Workflow/FailedExecutionsDeadLetterQueue Serverless-SQSRedrivePolicy MSG1:',
      'TestStack/Workflow/FailureQueue AwsSolutions-SQS3 MSG1:',
      'TestStack/Workflow/FailureQueue Serverless-SQSRedrivePolicy MSG1:',
      'TestStack/Workflow/Resource/Role/LoggingAndTracingPolicy AwsSolutions-IAM5[Resource::*] WF3: ',
    ]);
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
    const item = new tasks.LambdaInvoke(stack, 'Item', { lambdaFunction: fn.alias, retryOnServiceExceptions: false });
    const items = new sfn.Map(stack, 'EachItem', { itemsPath: '$.items' }).itemProcessor(item);
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
    expect(stateOf(definition, 'EachItem').Retry).toBeUndefined();
    expect(stateOf(definition, 'EachItem').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Park' }]);
    expect(stateOf(definition, 'EachItem').ItemProcessor.States.Item).toMatchObject({
      Retry: [{ IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 5, MaxDelaySeconds: 10, JitterStrategy: 'NONE' }],
      Catch: [{ Next: 'EachItem branch 1 failed' }],
    });
    expect(stateOf(definition, 'Park').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: 'Execution failed' }]);
    // EXPRESS executions send no status change events and the failure handler is the user's: no queue.
    expect(machine.failureQueue).toBeUndefined();
    template.resourceCountIs('AWS::Events::Rule', 0);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] }, 4);
    expect(machine.alarms.map((alarm) => alarm.node.id)).toEqual(['ExecutionsFailedAlarm', 'ExecutionsTimedOutAlarm', 'ExecutionThrottledAlarm', 'ExecutionsAbortedAlarm']);
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
});

describe('ResilientStateMachine validation', () => {
  const at = 'TestStack/Workflow';

  test('every failed rule of the props in one error, one line each, before anything is built', () => {
    const { stack } = newStack();
    const step = new sfn.Pass(stack, 'Step');
    const elsewhere = new sfn.Pass(stack, 'Elsewhere');
    expectOneErrorFor(() => new ResilientStateMachine(stack, 'Workflow', {
      definition: step,
      stateMachineType: sfn.StateMachineType.EXPRESS,
      timeout: Duration.minutes(6),
      retryPolicy: { backoffRate: 0.5 },
      optOuts: [{ state: elsewhere, reason: ' ' }],
    }), at, [
      { prop: 'timeout', practice: 'WF4' }, { prop: 'retryPolicy.backoffRate', practice: 'WF1' },
      { prop: 'optOuts.reason', practice: 'WF1' }, { prop: 'optOuts.state', practice: 'WF1' },
    ]);
    expect(stack.node.tryFindChild('Workflow')?.node.children.map((child) => child.node.id)).toEqual([]);
  });

  test('timeout: EXPRESS at most 300 s (WF4); STANDARD at most a year (WF2)', () => {
    const express = { stateMachineType: sfn.StateMachineType.EXPRESS };
    expect(() => synthWorkflow({ ...express, timeout: Duration.seconds(300) })).not.toThrow();
    expectValidationError(() => synthWorkflow({ ...express, timeout: Duration.seconds(301) }), { path: at, prop: 'timeout', rule: /at most 300 s for an EXPRESS/, value: '301 s', practice: 'WF4' });
    expect(() => synthWorkflow({ timeout: Duration.days(365) })).not.toThrow();
    expectValidationError(() => synthWorkflow({ timeout: Duration.seconds(31_536_001) }), { path: at, prop: 'timeout', rule: /from 1 to 31536000 s/, value: '31536001', practice: 'WF2' });
    // NaN and Infinity are our error too, for either type, never a template with null.
    for (const type of [sfn.StateMachineType.STANDARD, sfn.StateMachineType.EXPRESS]) {
      for (const n of [NaN, Infinity]) {
        expectValidationError(() => synthWorkflow({ stateMachineType: type, timeout: Duration.seconds(n) }),
          { path: at, prop: 'timeout', rule: /whole number from 1 to 31536000 s/, value: String(n), practice: 'WF2' });
      }
    }
  });

  test('retryPolicy: backoff rate a finite number ≥ 1, attempts 0 – 99999999 (WF1)', () => {
    expect(() => synthWorkflow({ retryPolicy: { backoffRate: 1, maxAttempts: 0 } })).not.toThrow();
    expect(() => synthWorkflow({ retryPolicy: { maxAttempts: 99_999_999 } })).not.toThrow();
    const backoff = { path: at, prop: 'retryPolicy.backoffRate', rule: /must be a finite number, at least 1/, practice: 'WF1' };
    expectValidationError(() => synthWorkflow({ retryPolicy: { backoffRate: 0.99 } }), { ...backoff, value: '0.99' });
    // NaN would render "BackoffRate": null, Infinity too.
    expectValidationError(() => synthWorkflow({ retryPolicy: { backoffRate: NaN } }), { ...backoff, value: 'NaN' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { backoffRate: Infinity } }), { ...backoff, value: 'Infinity' });
    const attempts = { path: at, prop: 'retryPolicy.maxAttempts', rule: /whole number from 0 to 99999999 retries/, practice: 'WF1' };
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxAttempts: -1 } }), { ...attempts, value: '-1' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxAttempts: 100_000_000 } }), { ...attempts, value: '100000000' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxAttempts: 1.5 } }), { ...attempts, value: '1.5' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxAttempts: NaN } }), { ...attempts, value: 'NaN' });
  });

  test('retryPolicy: interval whole seconds from 1 s, max delay 1 s – 31622400 s and not below the interval (WF1)', () => {
    expect(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(1), maxDelay: Duration.seconds(1) } })).not.toThrow();
    expect(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(60), maxDelay: Duration.seconds(31_622_400) } })).not.toThrow();
    const interval = { path: at, prop: 'retryPolicy.interval', rule: /whole number from 1 to 99999999 s/, practice: 'WF1' };
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.millis(500) } }), { ...interval, value: '0.5' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(0) } }), { ...interval, value: '0' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(NaN) } }), { ...interval, value: 'NaN' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(Infinity) } }), { ...interval, value: 'Infinity' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { maxDelay: Duration.seconds(31_622_401) } }),
      { path: at, prop: 'retryPolicy.maxDelay', rule: /whole number from 1 to 31622400 s/, value: '31622401', practice: 'WF1' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(10), maxDelay: Duration.seconds(5) } }),
      { path: at, prop: 'retryPolicy.maxDelay', rule: /at least the interval \(10 s\)/, value: '5 s', practice: 'WF1' });
    expectValidationError(() => synthWorkflow({ retryPolicy: { interval: Duration.seconds(60) } }),
      { path: at, prop: 'retryPolicy.interval', rule: /at most the max delay \(30 s by default\): set retryPolicy.maxDelay as well/, value: '60 s', practice: 'WF1' });
  });

  test('WorkflowTasks: the retryPolicy and timeout options are checked like the machine\'s (WF1, WF2), naming the task', () => {
    const build = (options: object) => {
      const { stack } = newStack();
      WorkflowTasks.invokeFunction(stack, 'Charge', guarded(stack), options);
    };
    expect(() => build({ timeout: Duration.seconds(1), retryPolicy: { backoffRate: 1, interval: Duration.seconds(1) } })).not.toThrow();
    const timeout = { path: 'TestStack', prop: 'Charge.timeout', rule: /whole number from 1 to 99999999 s/, practice: 'WF2' };
    expectValidationError(() => build({ timeout: Duration.seconds(0) }), { ...timeout, value: '0' });
    expectValidationError(() => build({ timeout: Duration.seconds(NaN) }), { ...timeout, value: 'NaN' });
    expectValidationError(() => build({ timeout: Duration.seconds(Infinity) }), { ...timeout, value: 'Infinity' });
    expectValidationError(() => build({ timeout: Duration.millis(1500) }), { ...timeout, value: '1.5' });
    expectValidationError(() => build({ retryPolicy: { backoffRate: NaN } }),
      { path: 'TestStack', prop: 'Charge.retryPolicy.backoffRate', rule: /finite number, at least 1/, value: 'NaN', practice: 'WF1' });
    expectValidationError(() => build({ retryPolicy: { maxAttempts: 100_000_000 } }),
      { path: 'TestStack', prop: 'Charge.retryPolicy.maxAttempts', rule: /from 0 to 99999999/, value: '100000000', practice: 'WF1' });
    // Every helper checks its options.
    const { stack } = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const queue = new sqs.Queue(stack, 'Q');
    const topic = new sns.Topic(stack, 'Tp');
    const zero = { timeout: Duration.seconds(0) };
    const key = { pk: tasks.DynamoAttributeValue.fromString('k') };
    const body = sfn.TaskInput.fromText('x');
    for (const [id, make] of Object.entries<() => unknown>({
      Put: () => WorkflowTasks.putItem(stack, 'Put', table, key, zero),
      Get: () => WorkflowTasks.getItem(stack, 'Get', table, key, zero),
      Send: () => WorkflowTasks.sendMessage(stack, 'Send', queue, body, zero),
      Publish: () => WorkflowTasks.publish(stack, 'Publish', topic, body, zero),
    })) {
      expectValidationError(make, { path: 'TestStack', prop: `${id}.timeout`, rule: /from 1 to/, value: '0', practice: 'WF2' });
    }
  });

  test('a state\'s own retrier outside Step Functions\' ranges fails the synth, naming the state', () => {
    const { stack } = newStack();
    const task = new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: guarded(stack).alias, retryOnServiceExceptions: false })
      .addRetry({ errors: ['Lambda.ServiceException'], backoffRate: 0.5, maxAttempts: -1 })
      .addRetry({ errors: ['Lambda.TooManyRequestsException'], backoffRate: NaN, maxAttempts: 100_000_000, maxDelay: Duration.seconds(31_622_401) });
    new ResilientStateMachine(stack, 'Workflow', { definition: task });
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(/TestStack\/Workflow: invalid definition state "Charge" Retry\[0\]\.BackoffRate = 0\.5: must be a finite number, at least 1 \(practice WF1\)/);
    expect(synth).toThrow(/Retry\[0\]\.MaxAttempts = -1: must be a whole number from 0 to 99999999 retries \(practice WF1\)/);
    expect(synth).toThrow(/Retry\[1\]\.BackoffRate = null: must be a finite number, at least 1 \(practice WF1\)/);
    expect(synth).toThrow(/Retry\[1\]\.MaxAttempts = 100000000: must be a whole number from 0 to 99999999 retries/);
    expect(synth).toThrow(/Retry\[1\]\.MaxDelaySeconds = 31622401 s: must be a whole number from 1 to 31622400 s/);
  });

  test('WF4: an EXPRESS machine with a .sync or .waitForTaskToken integration fails the synth; STANDARD accepts them', () => {
    const build = (type: sfn.StateMachineType) => {
      const { stack } = newStack();
      const child = new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
      const runChild = new tasks.StepFunctionsStartExecution(stack, 'Run child', { stateMachine: child, integrationPattern: sfn.IntegrationPattern.RUN_JOB });
      const ask = new tasks.SqsSendMessage(stack, 'Ask approval', {
        queue: new sqs.Queue(stack, 'Approvals'),
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
      });
      new ResilientStateMachine(stack, 'Workflow', { definition: runChild.next(ask), stateMachineType: type });
      return () => Template.fromStack(stack);
    };
    const express = build(sfn.StateMachineType.EXPRESS);
    expect(express).toThrow(/TestStack\/Workflow: invalid definition state "Run child" Resource = "arn:0:states:::states:startExecution\.sync:2": must not wait for a job \(\.sync\) or a task token \(\.waitForTaskToken\) in an EXPRESS state machine: use STANDARD \(practice WF4\)/);
    expect(express).toThrow(/invalid definition state "Ask approval" Resource = "arn:0:states:::sqs:sendMessage\.waitForTaskToken"/);
    expect(build(sfn.StateMachineType.STANDARD)).not.toThrow();
  });

  test('WF1: an opt-out naming a state that is not in the definition is an error', () => {
    const { stack } = newStack();
    const fn = guarded(stack);
    const charge = WorkflowTasks.invokeFunction(stack, 'Charge', fn);
    const elsewhere = WorkflowTasks.invokeFunction(stack, 'Refund', fn);
    expectValidationError(() => new ResilientStateMachine(stack, 'Workflow', { definition: charge, optOuts: [{ state: elsewhere, reason: 'never retried' }] }),
      { path: at, prop: 'optOuts.state', rule: /must be a state of the definition/, value: '"Refund"', practice: 'WF1' });
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

describe('WorkflowTasks with customer-managed keys (MSG1, MSG3, SEC1)', () => {
  function encrypted() {
    const { app, stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const queue = new sqs.Queue(stack, 'Orders', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) Validations.of(queue).acknowledge({ id, reason: 'MSG1: test queue' });
    const topic = new sns.Topic(stack, 'Shipping', { masterKey: key, enforceSSL: true });
    const send = WorkflowTasks.sendMessage(stack, 'Send order', queue, sfn.TaskInput.fromJsonPathAt('$'));
    const publish = WorkflowTasks.publish(stack, 'Notify shipping', topic, sfn.TaskInput.fromJsonPathAt('$'));
    new ResilientStateMachine(stack, 'Workflow', { definition: send.next(publish) });
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^WorkflowRoleDefaultPolicy') },
    }))[0].Properties.PolicyDocument.Statement;
    return { app, stack, key, statements };
  }

  test('sendMessage and publish grant exactly kms:GenerateDataKey and kms:Decrypt on the key, no wildcard action', () => {
    const { stack, key, statements } = encrypted();
    const keyArn = stack.resolve(key.keyArn);
    const keyStatements = statements.filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('kms:')));
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const statement of keyStatements) expect(statement).toEqual({ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: keyArn });
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'sqs:SendMessage' }),
      expect.objectContaining({ Action: 'sns:Publish' }),
    ]));
  });

  test('nag: no unacknowledged AwsSolutions-IAM5 finding for the key', () => {
    const { app } = encrypted();
    expectNoUnacknowledgedFindings(app);
  });
});
