import { CfnParameter, Duration, Lazy, Stack, TimeZone } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  GuardedFunction, JobSchedule, JobTarget, ReservedConcurrency, ResilientStateMachine, ScheduledJob, ScheduledJobProps,
} from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectValidationError, newStack, validationErrorOf } from '../support/stacks';

const code = lambda.Code.fromInline('exports.handler = async () => {};');
const job = { code, handler: 'index.handler' };
const nightly = JobSchedule.cron('0 2 * * ? *', TimeZone.EUROPE_BERLIN);

function synth(props: Partial<ScheduledJobProps> = {}) {
  const { app, stack } = newStack();
  const construct = new ScheduledJob(stack, 'Nightly', { schedule: nightly, target: JobTarget.function(job), ...props });
  return { app, stack, construct, template: Template.fromStack(stack) };
}

function build(props: Partial<ScheduledJobProps>, stack: Stack = newStack().stack, id = 'Nightly') {
  return () => new ScheduledJob(stack, id, { schedule: nightly, target: JobTarget.function(job), ...props });
}

describe('ScheduledJob defaults', () => {
  test('EV1: cron in its time zone, flexible window off, enabled, bounded retries and a DLQ, in a group of its own', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      GroupName: Match.stringLikeRegexp('^TestStack-Nightly-Group-'),
      Target: {
        Arn: { Ref: Match.stringLikeRegexp('^NightlyFunctionAlias') },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyDeadLetterQueue'), 'Arn'] } },
      },
    });
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
  });

  test('ES5: each run receives its scheduled time and execution ID by default', () => {
    const { template } = synth();
    const [schedule] = Object.values(template.findResources('AWS::Scheduler::Schedule'));
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attemptNumber: '<aws.scheduler.attempt-number>',
    });
  });

  test('MSG1: the DLQ is encrypted, SSL only, keeps 14 days and is retained', () => {
    const { template } = synth();
    const dlq = template.findResources('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1_209_600 } });
    // The job's DLQ and the job function's on-failure queue.
    expect(Object.keys(dlq).sort()).toEqual([expect.stringMatching(/^NightlyDeadLetterQueue/), expect.stringMatching(/^NightlyFunctionFailureQueue/)]);
    for (const [queueId, queue] of Object.entries(dlq)) {
      expect({ queueId, queue }).toMatchObject({ queueId, queue: { DeletionPolicy: 'Retain', Properties: { SqsManagedSseEnabled: true } } });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  test('SEC2: the role is assumed by Scheduler only for this job\'s group and account, and may invoke only the alias and send to the DLQ', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyGroup'), 'Arn'] } } },
        }],
      },
    });
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^NightlyRole') }] } });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: expect.anything() },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^NightlyDeadLetterQueue/), 'Arn'] } },
    ]);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/NightlyFunctionAlias/);
  });

  test('EV1: runs do not overlap: the job function reserves 1 execution; failed runs go to its on-failure queue', () => {
    const { template, construct } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyFunctionFailureQueue'), 'Arn'] } } },
    });
    expect(construct.jobFunction?.failureQueue).toBeInstanceOf(sqs.Queue);
  });

  test('OBS1: alarms on the DLQ, target errors, dropped runs and failed DLQ deliveries, on the job\'s group; the function\'s own', () => {
    const { template, construct } = synth();
    expect(alarmPathsOf(construct).map((p) => p.replace('TestStack/Nightly/', ''))).toEqual([
      'Function/ErrorsAlarm', 'Function/ThrottlesAlarm', 'Function/DurationAlarm', 'Function/FailureQueueDepthAlarm',
      'DeadLetterQueueDepthAlarm', 'TargetErrorsAlarm', 'DroppedInvocationsAlarm', 'DeadLetterFailuresAlarm',
    ]);
    for (const metric of ['TargetErrorCount', 'InvocationDroppedCount', 'InvocationsFailedToBeSentToDeadLetterCount']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Scheduler',
        MetricName: metric,
        Dimensions: [{ Name: 'ScheduleGroup', Value: Match.stringLikeRegexp('^TestStack-Nightly-Group-') }],
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    }
    expect(keyMetricsOf(construct).map((m) => m.label)).toEqual([
      'Invocation attempts', 'Target errors', 'Dropped invocations', 'Invocations sent to the DLQ', 'Dead-letter queue depth',
    ]);
  });

  test('rate and one-time schedules, a flexible window, disabled', () => {
    const rate = synth({ schedule: JobSchedule.rate(Duration.minutes(15)), flexibleTimeWindow: Duration.minutes(5), enabled: false }).template;
    rate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 }, State: 'DISABLED',
    });
    const at = synth({ schedule: JobSchedule.at(new Date(Date.UTC(2030, 0, 31, 8, 30)), TimeZone.AMERICA_NEW_YORK) }).template;
    at.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'at(2030-01-31T08:30:00)', ScheduleExpressionTimezone: 'America/New_York' });
  });

  test('no unacknowledged nag finding', () => {
    const { app } = synth();
    expectNoUnacknowledgedFindings(app);
  });
});

describe('ScheduledJob targets', () => {
  test('an existing guarded function with asyncInvocation and 1 reserved execution is invoked through its alias', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Existing', { ...job, reservedConcurrency: ReservedConcurrency.of(1), asyncInvocation: {} });
    const construct = new ScheduledJob(stack, 'Nightly', { schedule: nightly, target: JobTarget.guardedFunction(fn) });
    expect(construct.jobFunction).toBe(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', { Target: { Arn: { Ref: Match.stringLikeRegexp('^ExistingAlias') } } });
  });

  test('a FIFO queue gets one message group and an exact send grant (no kms:GenerateDataKey*)', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Jobs', { fifo: true, contentBasedDeduplication: true, enforceSSL: true });
    new ScheduledJob(stack, 'Nightly', { schedule: nightly, target: JobTarget.queue(queue) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { Target: { SqsParameters: { MessageGroupId: 'scheduled-job' } } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Jobs'), 'Arn'] } }]) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('kms:GenerateDataKey*');
  });

  test('a state machine with allowOverlap starts executions', () => {
    const { stack } = newStack();
    const machine = new ResilientStateMachine(stack, 'Workflow', { definition: new sfn.Pass(stack, 'Done') });
    new ScheduledJob(stack, 'Nightly', { schedule: nightly, target: JobTarget.stateMachine(machine), allowOverlap: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { Target: { Arn: { Ref: Match.stringLikeRegexp('^Workflow') } } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^NightlyRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution' })]) },
    });
  });

  test('allowOverlap leaves the job function\'s reserved concurrency to the function defaults', () => {
    synth({ allowOverlap: true }).template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10 });
  });
});

describe('ScheduledJob validation', () => {
  test.each([
    ['0 2 * * *', /6 fields/],
    ['0 24 * * ? *', /hours "24": 24 is out of range: must be 0–23/],
    ['61 2 * * ? *', /minutes "61": 61 is out of range: must be 0–59/],
    ['0 2 * * * *', /exactly one of day-of-month \("\*"\) and day-of-week \("\*"\) must be "\?"/],
    ['0 2 ? * ? *', /exactly one of day-of-month/],
    ['0 2 * FOO ? *', /month "FOO": "FOO" is not a value: must be 1–12 or JAN–DEC/],
    ['0 2 ? * MON#6 *', /"#6" must name the 1st to 5th weekday/],
    ['0/0 2 * * ? *', /the step "\/0" must be a whole number of at least 1/],
    ['0 2 * * ? 1969', /year "1969": 1969 is out of range: must be 1970–2199/],
    ['0 ? * * ? *', /hours "\?" is only allowed in day-of-month or day-of-week/],
  ])('cron %s', (expression, rule) => {
    expectValidationError(build({ schedule: JobSchedule.cron(expression, TimeZone.ETC_UTC) }),
      { path: 'Nightly', prop: 'schedule', rule, value: `"cron(${expression})"`, practice: 'EV1' });
  });

  test.each([
    '0 2 * * ? *', 'cron(0 2 * * ? *)', '0/15 8-18 ? * MON-FRI *', '0 0 L * ? *', '0 9 ? * 6L 2026-2030', '0 9 ? * TUE#2 *', '30 4 15W * ? *', '0 1,13 1 JAN-MAR ? *',
  ])('valid cron %s', (expression) => {
    expect(() => build({ schedule: JobSchedule.cron(expression, TimeZone.ETC_UTC) })()).not.toThrow();
  });

  test('a time zone must be an IANA name', () => {
    expectValidationError(build({ schedule: JobSchedule.cron('0 2 * * ? *', TimeZone.of('Europe/Berlín')) }),
      { path: 'Nightly', prop: 'schedule time zone', rule: /IANA time zone/, value: '"Europe/Berlín"', practice: 'EV1' });
    expectValidationError(build({ schedule: JobSchedule.at(new Date(Date.UTC(2030, 0, 1)), TimeZone.of('europe/berlin')) }),
      { path: 'Nightly', prop: 'schedule time zone', rule: /IANA/, value: '"europe/berlin"', practice: 'EV1' });
  });

  test('a rate is whole minutes, at least 1; a date is valid', () => {
    expectValidationError(build({ schedule: JobSchedule.rate(Duration.seconds(30)) }),
      { path: 'Nightly', prop: 'schedule rate', rule: /whole number from 1/, value: '0.5', practice: 'EV1' });
    expectValidationError(build({ schedule: JobSchedule.rate(Duration.seconds(90)) }),
      { path: 'Nightly', prop: 'schedule rate', rule: /whole number/, value: '1.5', practice: 'EV1' });
    expectValidationError(build({ schedule: JobSchedule.at(new Date('not a date'), TimeZone.ETC_UTC) }),
      { path: 'Nightly', prop: 'schedule date', rule: /valid date/, value: '"Invalid Date"', practice: 'EV1' });
    const far = new Date(Date.UTC(2200, 0, 1));
    expectValidationError(build({ schedule: JobSchedule.at(far, TimeZone.ETC_UTC) }),
      { path: 'Nightly', prop: 'schedule date', rule: /in the years 1970–2199/, value: JSON.stringify(String(far)), practice: 'EV1' });
  });

  test('retry policy, window, name and description in Scheduler\'s ranges, in one error', () => {
    const error = validationErrorOf(build({
      retryAttempts: 186, maxEventAge: Duration.seconds(59), flexibleTimeWindow: Duration.minutes(1441), scheduleName: 'nightly job', description: 'x'.repeat(513),
    }));
    expect(error.problems.map((p) => [p.prop, p.practice])).toEqual([
      ['retryAttempts', 'EV1'], ['maxEventAge', 'EV1'], ['flexibleTimeWindow', 'EV1'], ['scheduleName', 'EV1'], ['description', 'EV1'],
    ]);
    expect(error.message).toContain('must be a whole number from 0 to 185 retries');
    expect(error.message).toContain('must be a whole number from 60 to 86400 s');
    expect(() => build({ retryAttempts: NaN })()).toThrow(/retryAttempts = NaN/);
  });

  test('runs overlap only when allowed', () => {
    expectValidationError(build({ target: JobTarget.function({ ...job, reservedConcurrency: ReservedConcurrency.of(5) }) }),
      { path: 'Nightly', prop: 'target reservedConcurrency', rule: /runs could overlap.*allowOverlap: true/, value: '5', practice: 'EV1' });
    expectValidationError(build({ target: JobTarget.function({ ...job, reservedConcurrency: ReservedConcurrency.unreserved('shared pool') }) }),
      { path: 'Nightly', prop: 'target reservedConcurrency', rule: /runs could overlap/, value: '"unreserved"', practice: 'EV1' });
    const { stack } = newStack();
    const machine = new ResilientStateMachine(stack, 'Workflow', { definition: new sfn.Pass(stack, 'Done') });
    expectValidationError(build({ target: JobTarget.stateMachine(machine) }, stack),
      { path: 'Nightly', prop: 'target', rule: /a state machine starts a new execution while one still runs/, value: '"TestStack/Workflow"', practice: 'EV1' });
    const standard = new sqs.Queue(stack, 'Standard');
    expectValidationError(build({ target: JobTarget.queue(standard) }, stack, 'Hourly'),
      { path: 'Hourly', prop: 'target', rule: /standard queue/, value: '"TestStack/Standard"', practice: 'EV1' });
    const five = JobTarget.function({ ...job, reservedConcurrency: ReservedConcurrency.of(5) });
    expect(() => build({ target: five, allowOverlap: true })()).not.toThrow();
  });

  test('an existing guarded function needs an on-failure queue and 1 reserved execution', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Existing', job);
    const error = validationErrorOf(build({ target: JobTarget.guardedFunction(fn) }, stack));
    expect(error.problems.map((p) => [p.prop, p.practice, p.value])).toEqual([
      ['target', 'FN9', 'TestStack/Existing'], ['target reservedConcurrency', 'EV1', 10],
    ]);
  });

  test('a FIFO queue needs content-based deduplication; a message group ID is for FIFO queues only', () => {
    const { stack } = newStack();
    const fifo = new sqs.Queue(stack, 'Fifo', { fifo: true });
    expectValidationError(build({ target: JobTarget.queue(fifo) }, stack),
      { path: 'Nightly', prop: 'target', rule: /contentBasedDeduplication/, value: '"TestStack/Fifo"', practice: 'MSG2' });
    const standard = new sqs.Queue(stack, 'Standard');
    expectValidationError(build({ target: JobTarget.queue(standard, 'group'), allowOverlap: true }, stack, 'Hourly'),
      { path: 'Hourly', prop: 'target messageGroupId', rule: /FIFO queues only/, value: '"group"', practice: 'EV1' });
    // Deduplication decided by a token (known at deploy time only) is not judged.
    const decided = new sqs.Queue(stack, 'Decided', { fifo: true });
    (decided.node.defaultChild as sqs.CfnQueue).contentBasedDeduplication = Lazy.any({ produce: () => true });
    expect(build({ target: JobTarget.queue(decided) }, stack, 'DecidedJob')).not.toThrow();
  });

  test('the job function\'s own props are listed in the same error', () => {
    const error = validationErrorOf(build({ retryAttempts: -1, target: JobTarget.function({ ...job, memorySize: 1 }) }));
    expect(error.problems.map((p) => [p.constructPath, p.prop])).toEqual([['TestStack/Nightly', 'retryAttempts'], ['TestStack/Nightly/Function', 'memorySize']]);
  });

  test('tokens skip every check', () => {
    const { stack } = newStack();
    const fields = new CfnParameter(stack, 'Cron').valueAsString;
    const zone = new CfnParameter(stack, 'Zone').valueAsString;
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number' }).valueAsNumber;
    const minutes = new CfnParameter(stack, 'Minutes', { type: 'Number' }).valueAsNumber;
    expect(() => new ScheduledJob(stack, 'Nightly', {
      schedule: JobSchedule.cron(fields, TimeZone.of(zone)),
      target: JobTarget.function(job),
      retryAttempts: retries,
      maxEventAge: Duration.seconds(minutes),
    })).not.toThrow();
    expect(() => new ScheduledJob(stack, 'Hourly', { schedule: JobSchedule.rate(Duration.minutes(minutes)), target: JobTarget.function(job) })).not.toThrow();
    // A flexible window from a token (in minutes) goes into the template as it is.
    new ScheduledJob(stack, 'Flexible', { schedule: JobSchedule.rate(Duration.hours(1)), target: JobTarget.function(job), flexibleTimeWindow: Duration.minutes(minutes) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: { Ref: 'Zone' },
      Target: { RetryPolicy: { MaximumRetryAttempts: { Ref: 'Retries' }, MaximumEventAgeInSeconds: { Ref: 'Minutes' } } },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: { Ref: 'Minutes' } } });
  });

  test('a duration from a token in a unit the service cannot read is our error, not aws-cdk-lib\'s', () => {
    const { stack } = newStack();
    const amount = new CfnParameter(stack, 'Amount', { type: 'Number' }).valueAsNumber;
    const cases: Array<[string, Partial<ScheduledJobProps>, string]> = [
      ['maxEventAge', { maxEventAge: Duration.minutes(amount) }, 'Duration.minutes(<token>)'],
      ['flexibleTimeWindow', { flexibleTimeWindow: Duration.seconds(amount) }, 'Duration.seconds(<token>)'],
      ['schedule rate', { schedule: JobSchedule.rate(Duration.seconds(amount)) }, 'Duration.seconds(<token>)'],
    ];
    cases.forEach(([prop, props, value], index) => expectValidationError(build(props, stack, `Job${index}`),
      { path: `Job${index}`, prop, rule: /a duration from a token must be given in/, value: JSON.stringify(value), practice: 'EV1' }));
  });
});
