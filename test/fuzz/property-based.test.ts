import { App, Duration, Size, Stack, TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as fc from 'fast-check';
import {
  CognitoRestApi, GuardedFunction, QueueProcessor, ReservedConcurrency, ResilientStateMachine, TableStreamProcessor, TrafficShifting, WorkflowTasks,
  BucketEventDelivery, BucketEventProcessor, KinesisStreamProcessor, JobSchedule, JobTarget, ScheduledJob, TopicFanOut,
  CapacityPlanner, IdempotencyTable, ReadConsistency, SecureUserPool, StaticSite, UserIdentityPool,
} from '../../src';
import { unacknowledgedFindings } from '../support/nag';

/**
 * Bad input, property based: random props inside and outside every range. Each case either
 * synthesizes a template that passes every nag pack, or throws our validation error naming one of
 * the props that were set, never any other exception. Fixed seed, bounded runs.
 */
const RUNS = 30;
const SEED = 20_261_122;

function inlineCode(): lambda.Code {
  return lambda.Code.fromInline('exports.handler = async () => ({});');
}

/** Runs `build` in a fresh stack; returns what happened. */
function attempt(build: (stack: Stack) => void): { ok: true; findings: string[] } | { ok: false; error: Error } {
  const app = new App();
  const stack = new Stack(app, 'Fuzz', { env: { account: '123456789012', region: 'eu-west-1' } });
  try {
    build(stack);
    app.synth();
    return { ok: true, findings: unacknowledgedFindings(app) };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** Asserts the outcome: a clean template, or our error naming one of `props`. */
function expectCleanOrOurError(outcome: ReturnType<typeof attempt>, props: string[]): void {
  if (outcome.ok) {
    expect(outcome.findings).toEqual([]);
    return;
  }
  expect(outcome.error.name).toBe('GuardrailsValidationError');
  expect(props.some((prop) => outcome.error.message.includes(`invalid ${prop}`) || outcome.error.message.includes(`${prop} `))).toBe(true);
  expect(outcome.error.message).toMatch(/\(practice [A-Z]+\d+\)\.$/);
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Mostly inside [min, max], one time in five anywhere in [wideMin, wideMax]: both outcomes get exercised. */
const mostly = (min: number, max: number, wideMin: number, wideMax: number) => optional(fc.oneof(
  { arbitrary: fc.integer({ min, max }), weight: 5 },
  { arbitrary: fc.integer({ min: wideMin, max: wideMax }), weight: 1 },
));

/** Counts both outcomes, so a run that never synthesized (or never failed) is itself a failure. */
class Tally {
  public clean = 0;
  public rejected = 0;
  public record(outcome: { ok: boolean }): void {
    if (outcome.ok) this.clean++;
    else this.rejected++;
  }
  public expectBoth(): void {
    expect(this.clean).toBeGreaterThan(0);
    expect(this.rejected).toBeGreaterThan(0);
  }
}

/**
 * Input that surely breaks a rule: the outcome is our error with that rule's line, naming `prop`
 * and the practice ID. Props errors are GuardrailsValidationError; definition checks that run at
 * synth (`atSynth`) reach the user through CDK's validation error, with our line in it.
 */
function expectRuleBroken(outcome: ReturnType<typeof attempt>, prop: string, practice: string, atSynth = false): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  if (!atSynth) expect(outcome.error.name).toBe('GuardrailsValidationError');
  expect(outcome.error.message).toMatch(new RegExp(`: invalid ${escapeRegExp(prop)} = .*\\(practice ${practice}\\)\\.$`, 'm'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Counts how often each rule was broken, so a run that never reached one of them fails. */
class RuleHits {
  private readonly hits = new Map<string, number>();
  public record(rule: string): void {
    this.hits.set(rule, (this.hits.get(rule) ?? 0) + 1);
  }
  public expectEach(rules: string[]): void {
    expect(rules.filter((rule) => !this.hits.has(rule))).toEqual([]);
  }
}

describe('property-based: bad input never escapes as anything but our validation error', () => {
  test('GuardedFunction', () => {
    const tally = new Tally();
    const clashes = new RuleHits();
    /** Now and then NaN or ±Infinity instead (durations and sizes cannot be negative: only NaN and Infinity). */
    const orOdd = (arb: fc.Arbitrary<number | undefined>, odd: number[] = [NaN, Infinity, -Infinity]) =>
      fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
    /** Mostly a valid name, one time in four any string (names are checked with Lambda's rules). */
    const name = (...valid: string[]) => optional(fc.oneof(
      { arbitrary: fc.constantFrom(...valid), weight: 3 },
      { arbitrary: fc.string({ maxLength: 130 }), weight: 1 },
    ));
    const retentions = Object.values(logs.RetentionDays).filter((days): days is number => typeof days === 'number');
    fc.assert(fc.property(
      fc.record({
        memorySize: orOdd(mostly(128, 10_240, 0, 12_000)),
        timeoutSeconds: orOdd(mostly(1, 900, 0, 1_000), [NaN, Infinity]),
        ephemeralMb: orOdd(mostly(512, 10_240, 0, 12_000), [NaN, Infinity]),
        reserved: orOdd(mostly(1, 2_000, -3, 0)),
        provisioned: orOdd(mostly(1, 10, -1, 60)),
        retryAttempts: orOdd(mostly(0, 2, -2, 4)),
        maxEventAgeSeconds: orOdd(mostly(60, 21_600, 0, 25_000), [NaN, Infinity]),
        logRetention: optional(fc.oneof(
          { arbitrary: fc.constantFrom(...retentions), weight: 5 },
          { arbitrary: fc.integer({ min: -1, max: 4_000 }), weight: 1 },
        )),
        aliasName: name('live', 'prod', 'blue-green_2'),
        functionName: name('orders-get', 'Resize_Image'),
        environmentKey: name('TABLE_NAME', 'stage'),
        // Sometimes the key of an environment variable too: a secret and a plain value must not share a variable (FN3).
        secretKey: optional(fc.constantFrom('DB_SECRET_ARN', 'TABLE_NAME', 'stage')),
      }),
      (p) => {
        const outcome = attempt((stack) => new GuardedFunction(stack, 'Fn', {
          code: inlineCode(),
          handler: 'index.handler',
          logRetention: p.logRetention,
          aliasName: p.aliasName,
          functionName: p.functionName,
          environment: p.environmentKey === undefined ? undefined : { [p.environmentKey]: 'value' },
          secrets: p.secretKey === undefined ? undefined
            : { [p.secretKey]: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf') },
          memorySize: p.memorySize,
          timeout: p.timeoutSeconds === undefined ? undefined : Duration.seconds(p.timeoutSeconds),
          ephemeralStorageSize: p.ephemeralMb === undefined ? undefined : Size.mebibytes(p.ephemeralMb),
          reservedConcurrency: p.reserved === undefined ? undefined : ReservedConcurrency.of(p.reserved),
          provisionedConcurrency: p.provisioned,
          asyncInvocation: p.retryAttempts === undefined && p.maxEventAgeSeconds === undefined ? undefined : {
            retryAttempts: p.retryAttempts,
            maxEventAge: p.maxEventAgeSeconds === undefined ? undefined : Duration.seconds(p.maxEventAgeSeconds),
          },
        }));
        tally.record(outcome);
        if (p.secretKey !== undefined && p.secretKey === p.environmentKey) {
          clashes.record('secrets key');
          expectRuleBroken(outcome, `secrets key ${p.secretKey}`, 'FN3');
        }
        expectCleanOrOurError(outcome, ['memorySize', 'timeout', 'ephemeralStorageSize', 'reservedConcurrency', 'provisionedConcurrency',
          'asyncInvocation.retryAttempts', 'asyncInvocation.maxEventAge', 'logRetention', 'aliasName', 'functionName', 'environment key', 'secrets key']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
    clashes.expectEach(['secrets key']);
  });

  test('GuardedFunction deployment and provisioned concurrency scaling (FN11, FN12)', () => {
    const tally = new Tally();
    const odd = (arb: fc.Arbitrary<number | undefined>) =>
      fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: fc.constantFrom(NaN, Infinity), weight: 1 });
    fc.assert(fc.property(
      fc.record({
        kind: fc.constantFrom('canary', 'linear', 'allAtOnce', undefined),
        percentage: odd(mostly(1, 99, -5, 120)).map((value) => value ?? 10),
        intervalSeconds: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 2_880 }).map((minutes) => minutes * 60), weight: 4 },
          { arbitrary: fc.integer({ min: 1, max: 200_000 }), weight: 1 }),
        reserved: mostly(1, 100, -1, 0),
        minCapacity: odd(mostly(1, 20, -2, 0)),
        maxCapacity: odd(mostly(1, 20, -2, 200)).map((value) => value ?? 5),
        utilizationTarget: optional(fc.double({ min: -1, max: 2, noNaN: false })),
        scheduleMin: odd(mostly(1, 20, -2, 200)),
        scale: fc.boolean(),
      }),
      (p) => {
        const interval = Duration.seconds(p.intervalSeconds);
        const trafficShifting = p.kind === 'canary' ? TrafficShifting.canary(p.percentage, interval)
          : p.kind === 'linear' ? TrafficShifting.linear(p.percentage, interval)
            : p.kind === 'allAtOnce' ? TrafficShifting.allAtOnce() : undefined;
        const outcome = attempt((stack) => new GuardedFunction(stack, 'Fn', {
          code: inlineCode(),
          handler: 'index.handler',
          reservedConcurrency: p.reserved === undefined ? undefined : ReservedConcurrency.of(p.reserved),
          deployment: { trafficShifting },
          provisionedConcurrencyScaling: !p.scale ? undefined : {
            minCapacity: p.minCapacity,
            maxCapacity: p.maxCapacity,
            utilizationTarget: p.utilizationTarget,
            schedules: p.scheduleMin === undefined ? undefined : { Peak: { schedule: appscaling.Schedule.cron({ hour: '8' }), minCapacity: p.scheduleMin } },
          },
        }));
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['reservedConcurrency', 'deployment.trafficShifting', 'provisionedConcurrencyScaling', 'provisionedConcurrency']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('TableStreamProcessor', () => {
    const tally = new Tally();
    const badNames = new RuleHits();
    fc.assert(fc.property(
      fc.record({
        batchSize: mostly(1, 10_000, -1, 11_000),
        windowSeconds: mostly(0, 300, 0, 400),
        parallelizationFactor: mostly(1, 2, 0, 12),
        retryAttempts: mostly(0, 10_000, -2, 10_010),
        maxRecordAgeSeconds: mostly(60, 86_400, 0, 700_000),
        lsis: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 5 }, { arbitrary: fc.integer({ min: 6, max: 7 }), weight: 1 }),
        reserved: mostly(8, 15, 1, 7),
        iteratorAgeSeconds: mostly(1, 86_400, 0, 100_000),
        targetUtilization: mostly(10, 90, 0, 150),
        // DB2: mostly a valid name, sometimes any length or any characters (spaces, slashes, quotes…).
        tableName: optional(fc.oneof(
          { arbitrary: fc.stringMatching(/^[a-zA-Z0-9_.-]{3,40}$/), weight: 3 },
          { arbitrary: fc.integer({ min: 3, max: 255 }).map((length) => 't'.repeat(length)), weight: 2 },
          { arbitrary: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 256, max: 300 })).map((length) => 't'.repeat(length)), weight: 1 },
          { arbitrary: fc.string({ minLength: 3, maxLength: 40 }), weight: 1 },
        )),
      }),
      (p) => {
        const outcome = attempt((stack) => new TableStreamProcessor(stack, 'Stream', {
          tableProps: {
            partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
            sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
            localSecondaryIndexes: Array.from({ length: p.lsis }, (_, i) => ({ indexName: `lsi${i}`, sortKey: { name: `a${i}`, type: dynamodb.AttributeType.STRING } })),
            provisionedCapacity: p.targetUtilization === undefined ? undefined
              : { minReadCapacity: 1, maxReadCapacity: 5, minWriteCapacity: 1, maxWriteCapacity: 5, targetUtilizationPercent: p.targetUtilization },
            tableName: p.tableName,
          },
          processor: { code: inlineCode(), handler: 'index.handler', reservedConcurrency: p.reserved === undefined ? undefined : ReservedConcurrency.of(p.reserved) },
          batchSize: p.batchSize,
          maxBatchingWindow: p.windowSeconds === undefined ? undefined : Duration.seconds(p.windowSeconds),
          parallelizationFactor: p.parallelizationFactor,
          retryAttempts: p.retryAttempts,
          maxRecordAge: p.maxRecordAgeSeconds === undefined ? undefined : Duration.seconds(p.maxRecordAgeSeconds),
          iteratorAgeAlarmThreshold: p.iteratorAgeSeconds === undefined ? undefined : Duration.seconds(p.iteratorAgeSeconds),
        }));
        tally.record(outcome);
        // DynamoDB's naming rule, written out here: 3–255 characters of letters, digits, _, - and .
        if (p.tableName !== undefined && !/^[a-zA-Z0-9_.-]{3,255}$/.test(p.tableName)) {
          badNames.record(/^[a-zA-Z0-9_.-]*$/.test(p.tableName) ? 'length' : 'characters');
          expectRuleBroken(outcome, 'tableProps.tableName', 'DB2');
        }
        expectCleanOrOurError(outcome, ['batchSize', 'maxBatchingWindow', 'parallelizationFactor', 'retryAttempts', 'maxRecordAge',
          'tableProps.localSecondaryIndexes', 'processor.reservedConcurrency', 'reservedConcurrency', 'iteratorAgeAlarmThreshold',
          'tableProps.provisionedCapacity.targetUtilizationPercent', 'tableProps.tableName']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
    badNames.expectEach(['length', 'characters']);
  });

  test('QueueProcessor', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        fifo: fc.boolean(),
        batchSize: mostly(1, 10, 0, 10_100),
        windowSeconds: optional(fc.constantFrom(1, 5, 301)),
        maxConcurrency: mostly(2, 10, 0, 1_100),
        maxReceiveCount: mostly(1, 1_000, 0, 1_100),
        visibilitySeconds: mostly(240, 600, 0, 239),
        timeoutSeconds: optional(fc.integer({ min: 1, max: 40 })),
        retentionSeconds: mostly(86_400, 1_209_600, 0, 1_300_000),
        oldestAlarmSeconds: mostly(1, 1_209_600, 0, 1_300_000),
        queueNameLength: mostly(1, 75, 0, 90),
      }),
      (p) => {
        const outcome = attempt((stack) => new QueueProcessor(stack, 'Queue', {
          queueProps: {
            fifo: p.fifo,
            maxReceiveCount: p.maxReceiveCount,
            visibilityTimeout: p.visibilitySeconds === undefined ? undefined : Duration.seconds(p.visibilitySeconds),
            retentionPeriod: p.retentionSeconds === undefined ? undefined : Duration.seconds(p.retentionSeconds),
            queueName: p.queueNameLength === undefined ? undefined : 'q'.repeat(p.queueNameLength) + (p.fifo ? '.fifo' : ''),
          },
          processor: { code: inlineCode(), handler: 'index.handler', timeout: p.timeoutSeconds === undefined ? undefined : Duration.seconds(p.timeoutSeconds) },
          batchSize: p.batchSize,
          maxBatchingWindow: p.windowSeconds === undefined ? undefined : Duration.seconds(p.windowSeconds),
          maxConcurrency: p.maxConcurrency,
          oldestMessageAlarmThreshold: p.oldestAlarmSeconds === undefined ? undefined : Duration.seconds(p.oldestAlarmSeconds),
        }));
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['batchSize', 'maxBatchingWindow', 'maxConcurrency', 'queueProps.maxReceiveCount', 'queueProps.visibilityTimeout',
          'queueProps.retentionPeriod', 'queueProps.queueName', 'oldestMessageAlarmThreshold']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('ResilientStateMachine', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        express: fc.boolean(),
        timeoutSeconds: mostly(1, 2_000, 0, 0),
        taskTimeoutSeconds: mostly(1, 60, 1, 4_000),
        backoffRate: optional(fc.oneof(
          { arbitrary: fc.double({ min: 1, max: 3, noNaN: true }), weight: 5 },
          { arbitrary: fc.double({ min: 0, max: 0.99, noNaN: true }), weight: 1 },
          { arbitrary: fc.constantFrom(NaN, Infinity), weight: 1 },
        )),
        maxAttempts: mostly(0, 6, -2, 100_000_001),
        intervalSeconds: mostly(1, 10, 0, 60),
        maxDelaySeconds: mostly(10, 120, 0, 31_622_402),
        taskBackoffRate: optional(fc.oneof(
          { arbitrary: fc.double({ min: 1, max: 3, noNaN: true }), weight: 5 },
          { arbitrary: fc.constantFrom(NaN, 0.5), weight: 1 },
        )),
      }),
      (p) => {
        const seconds = (value: number | undefined) => (value === undefined ? undefined : Duration.seconds(value));
        const outcome = attempt((stack) => {
          const fn = new GuardedFunction(stack, 'Fn', { code: inlineCode(), handler: 'index.handler' });
          const task = WorkflowTasks.invokeFunction(stack, 'Task', fn, {
            timeout: seconds(p.taskTimeoutSeconds), retryPolicy: { backoffRate: p.taskBackoffRate },
          });
          new ResilientStateMachine(stack, 'Machine', {
            definition: task.next(new sfn.Succeed(stack, 'Done')),
            stateMachineType: p.express ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
            timeout: seconds(p.timeoutSeconds),
            retryPolicy: {
              backoffRate: p.backoffRate, maxAttempts: p.maxAttempts, interval: seconds(p.intervalSeconds), maxDelay: seconds(p.maxDelaySeconds),
            },
          });
        });
        tally.record(outcome);
        if (!outcome.ok && outcome.error.name !== 'GuardrailsValidationError') {
          // Definition checks run at synth: CDK wraps them, and the message is ours.
          expect(outcome.error.message).toMatch(/invalid definition state "Task" TimeoutSeconds = \d+: must not exceed the state machine timeout .*\(practice WF2\)/);
          return;
        }
        expectCleanOrOurError(outcome, [
          'timeout', 'retryPolicy.backoffRate', 'retryPolicy.maxAttempts', 'retryPolicy.interval', 'retryPolicy.maxDelay', 'Task.retryPolicy.backoffRate',
        ]);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('ResilientStateMachine definition: waiting integrations in EXPRESS (WF4), opt-outs of unknown states (WF1), 0 s task timeouts (WF2)', () => {
    const tally = new Tally();
    const broken = new RuleHits();
    fc.assert(fc.property(
      fc.record({
        express: fc.boolean(),
        // A second task that waits for a job (.sync) or a callback (.waitForTaskToken), or a plain request.
        integration: fc.constantFrom('request', 'sync', 'token'),
        optOut: fc.constantFrom('none', 'in definition', 'not in definition'),
        taskTimeoutSeconds: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 60 }), weight: 5 }, { arbitrary: fc.constant(0), weight: 1 }),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const fn = new GuardedFunction(stack, 'Fn', { code: inlineCode(), handler: 'index.handler' });
          const charge = WorkflowTasks.invokeFunction(stack, 'Charge', fn, { timeout: Duration.seconds(p.taskTimeoutSeconds) });
          const taskTimeout = sfn.Timeout.duration(Duration.minutes(1));
          const waiting = p.integration === 'sync'
            ? new tasks.GlueStartJobRun(stack, 'Run job', { glueJobName: 'nightly', integrationPattern: sfn.IntegrationPattern.RUN_JOB, taskTimeout })
            : p.integration === 'token' ? new tasks.SqsSendMessage(stack, 'Ask approval', {
              queue: sqs.Queue.fromQueueArn(stack, 'Approvals', 'arn:aws:sqs:eu-west-1:123456789012:approvals'),
              integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
              messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
              taskTimeout,
            }) : undefined;
          const elsewhere = WorkflowTasks.invokeFunction(stack, 'Refund', fn);
          new ResilientStateMachine(stack, 'Machine', {
            definition: waiting ? charge.next(waiting) : charge,
            stateMachineType: p.express ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
            optOuts: p.optOut === 'none' ? undefined
              : [{ state: p.optOut === 'in definition' ? charge : elsewhere, reason: 'charges are not idempotent', catch: false }],
          });
        });
        tally.record(outcome);
        // The first rule broken is reported: the task's options when it is created, the props next, the definition at synth.
        if (p.taskTimeoutSeconds === 0) {
          broken.record('task timeout');
          expectRuleBroken(outcome, 'Charge.timeout', 'WF2');
        } else if (p.optOut === 'not in definition') {
          broken.record('opt-out');
          expectRuleBroken(outcome, 'optOuts.state', 'WF1');
        } else if (p.express && p.integration !== 'request') {
          broken.record('waiting integration');
          expectRuleBroken(outcome, `definition state "${p.integration === 'sync' ? 'Run job' : 'Ask approval'}" Resource`, 'WF4', true);
        } else {
          expect(outcome.ok && outcome.findings).toEqual([]);
        }
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
    broken.expectEach(['task timeout', 'opt-out', 'waiting integration']);
  });

  test('CognitoRestApi', () => {
    const tally = new Tally();
    /** Sometimes NaN or ±Infinity instead of the number (a Duration refuses -Infinity itself): they must get our error too. */
    const orOdd = (arb: fc.Arbitrary<number | undefined>, odd = [NaN, Infinity, -Infinity]) => fc.oneof(
      { arbitrary: arb, weight: 8 },
      { arbitrary: fc.constantFrom(...odd), weight: 1 },
    );
    /** A valid literal most of the time, sometimes one that breaks the service's rule. */
    const mostlyOneOf = (good: string[], bad: string[]) => optional(fc.oneof(
      { arbitrary: fc.constantFrom(...good), weight: 5 },
      { arbitrary: fc.constantFrom(...bad), weight: 1 },
    ));
    fc.assert(fc.property(
      fc.record({
        rate: orOdd(mostly(0, 10_000, -10, 11_000)),
        burst: orOdd(mostly(0, 5_000, -10, 5_100)),
        handlerTimeoutSeconds: mostly(1, 28, 29, 40),
        cacheTtlSeconds: orOdd(mostly(0, 3_600, 3_601, 4_000), [NaN, Infinity]),
        wildcardWithCredentials: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
        canary: orOdd(mostly(0, 100, -5, 110)),
        quota: orOdd(mostly(1, 1_000_000, -5, 0)),
        clientErrors: orOdd(mostly(0, 100, -5, 110)),
        stageName: mostlyOneOf(['prod', 'v1_beta-2'], ['prod stage', '', 'x'.repeat(129)]),
        domainPrefix: mostlyOneOf(['orders-example'], ['Orders', 'aws-orders', '-orders']),
        callbackUrl: mostlyOneOf(['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'], ['http://app.example.com/cb', 'https://app.example.com/#cb']),
        webAclRegion: mostlyOneOf(['eu-west-1'], ['us-east-1']),
        routePath: fc.constantFrom('/items/{id}', 'items/{id}', '/items/{id}/'),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const api = new CognitoRestApi(stack, 'Api', {
            throttlingRateLimit: p.rate,
            throttlingBurstLimit: p.burst,
            cache: {},
            cors: { allowOrigins: p.wildcardWithCredentials ? ['*'] : ['https://app.example.com'], allowCredentials: true },
            canary: p.canary === undefined ? undefined : { percentTraffic: p.canary },
            usagePlans: [{ name: 'gold', quotaLimit: p.quota }],
            clientErrorRateAlarmPercent: p.clientErrors,
            stageName: p.stageName,
            userPoolOptions: p.domainPrefix === undefined ? undefined : { domainPrefix: p.domainPrefix, callbackUrls: [p.callbackUrl ?? 'https://app.example.com/cb'] },
            webAclArn: p.webAclRegion && `arn:aws:wafv2:${p.webAclRegion}:123456789012:regional/webacl/orders/473e64fd-f30b-4765-81a0-62ad96dd167a`,
          });
          api.addRoute('GET', p.routePath, {
            handlerProps: { code: inlineCode(), handler: 'index.handler', timeout: p.handlerTimeoutSeconds === undefined ? undefined : Duration.seconds(p.handlerTimeoutSeconds) },
            cacheTtl: p.cacheTtlSeconds === undefined ? undefined : Duration.seconds(p.cacheTtlSeconds),
          });
        });
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['throttlingRateLimit', 'throttlingBurstLimit', 'route GET /items/{id} handler timeout',
          'route GET /items/{id} cacheTtl', 'cors.allowOrigins', 'canary.percentTraffic', 'usagePlans[gold].quotaLimit', 'clientErrorRateAlarmPercent',
          'stageName', 'userPoolOptions.domainPrefix', 'userPoolOptions.callbackUrls', 'webAclArn']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('CognitoRestApi: certificate region (API9), OAuth scopes and resource server (API2), logout URLs (ID2), access log retention (API4), routes (API1)', () => {
    const tally = new Tally();
    const broken = new RuleHits();
    /** A valid literal most of the time, sometimes one that breaks the service's rule; `good` says which. */
    const mostlyOneOf = <T>(good: T[], bad: T[]) => optional(fc.oneof(
      { arbitrary: fc.constantFrom(...good).map((value) => ({ value, good: true })), weight: 4 },
      { arbitrary: fc.constantFrom(...bad).map((value) => ({ value, good: false })), weight: 1 },
    ));
    const finiteRetentions = Object.values(logs.RetentionDays)
      .filter((days): days is number => typeof days === 'number' && days !== logs.RetentionDays.INFINITE);
    fc.assert(fc.property(
      fc.record({
        // The stack is in eu-west-1: a REGIONAL API serves a certificate of its own region.
        certificateRegion: mostlyOneOf(['eu-west-1'], ['us-east-1', 'eu-central-1']),
        oauthScopes: mostlyOneOf<string[]>([['read'], ['read', 'orders.write'], ['orders:admin', 'read']], [[''], ['read items'], ['orders/read'], ['read', 'read'], ['say"hi']]),
        resourceServerIdentifier: mostlyOneOf(['orders', 'https://api.example.com'], ['', 'orders api', 'back\\slash', 'x'.repeat(257)]),
        logoutUrl: mostlyOneOf(['https://app.example.com/bye', 'http://localhost:3000/', 'myapp://bye'],
          ['http://app.example.com/bye', 'https://app.example.com/#bye', 'bye']),
        accessLogRetention: mostlyOneOf(finiteRetentions, [logs.RetentionDays.INFINITE, 2, NaN]),
        // A second route next to GET /a-b: the same one again, or one whose construct IDs collide (/ab, /a_b).
        route: fc.record({ method: fc.constantFrom('GET', 'POST'), path: fc.constantFrom('/a-b', 'a-b/', '/ab', '/a_b', '/a-b/c', '/orders') }),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const api = new CognitoRestApi(stack, 'Api', {
            domain: p.certificateRegion === undefined ? undefined : {
              domainName: 'api.example.com',
              certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', `arn:aws:acm:${p.certificateRegion.value}:123456789012:certificate/0f1e2d3c`),
            },
            oauthScopes: p.oauthScopes?.value,
            resourceServerIdentifier: p.resourceServerIdentifier?.value,
            userPoolOptions: { domainPrefix: 'orders-example', callbackUrls: ['https://app.example.com/cb'], logoutUrls: p.logoutUrl && [p.logoutUrl.value] },
            accessLogRetention: p.accessLogRetention?.value,
          });
          api.addRoute('GET', '/a-b', { handlerProps: { code: inlineCode(), handler: 'index.handler' } });
          api.addRoute(p.route.method, p.route.path, { handlerProps: { code: inlineCode(), handler: 'index.handler' } });
        });
        tally.record(outcome);
        // Every rule of the props is in one error, thrown before any route is added.
        const badProps = Object.entries({
          'domain.certificate': [p.certificateRegion, 'API9'],
          'oauthScopes': [p.oauthScopes, 'API2'],
          'resourceServerIdentifier': [p.resourceServerIdentifier, 'API2'],
          'userPoolOptions.logoutUrls': [p.logoutUrl, 'ID2'],
          'accessLogRetention': [p.accessLogRetention, 'API4'],
        } as const).filter(([, [given]]) => given !== undefined && !given.good);
        // Construct IDs keep the letters and digits of method and path: GET /ab and GET /a_b collide with GET /a-b.
        const path = `/${p.route.path.split('/').filter((part) => part !== '').join('/')}`;
        const routeBroken = p.route.method === 'GET' && path.replace(/[^A-Za-z0-9]/g, '') === 'ab';
        for (const [prop, [, practice]] of badProps) {
          broken.record(prop);
          expectRuleBroken(outcome, prop, practice);
        }
        if (badProps.length === 0 && routeBroken) {
          broken.record(path === '/a-b' ? 'route added twice' : 'route IDs collide');
          expectRuleBroken(outcome, `route GET ${path}`, 'API1');
        }
        if (badProps.length === 0 && !routeBroken) expect(outcome.ok && outcome.findings).toEqual([]);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
    broken.expectEach(['domain.certificate', 'oauthScopes', 'resourceServerIdentifier', 'userPoolOptions.logoutUrls', 'accessLogRetention',
      'route added twice', 'route IDs collide']);
  });
});

describe('property-based: BucketEventProcessor and KinesisStreamProcessor', () => {
  test('BucketEventProcessor', () => {
    const tally = new Tally();
    /** Keys mostly under a few prefixes, sometimes empty or too long; writes sometimes inside the trigger's keys. */
    const affix = (...valid: string[]) => optional(fc.oneof(
      { arbitrary: fc.constantFrom(...valid), weight: 5 },
      { arbitrary: fc.constantFrom('', 'k'.repeat(1_025)), weight: 1 },
    ));
    fc.assert(fc.property(
      fc.record({
        delivery: fc.constantFrom(BucketEventDelivery.QUEUE, BucketEventDelivery.DIRECT, BucketEventDelivery.EVENTBRIDGE),
        eventType: fc.constantFrom(s3.EventType.OBJECT_CREATED, s3.EventType.OBJECT_REMOVED, s3.EventType.OBJECT_CREATED_PUT),
        prefix: affix('uploads/', 'raw/'),
        suffix: affix('.jpg', '.png'),
        write: optional(fc.constantFrom('thumbnails/*', 'uploads/*', '*', '*.png', 'raw/done/*')),
        targetRetries: mostly(0, 185, 0, 200),
        metadata: fc.boolean(),
      }),
      (p) => {
        const outcome = attempt((stack) => new BucketEventProcessor(stack, 'Uploads', {
          processor: { code: inlineCode(), handler: 'index.handler' },
          delivery: p.delivery,
          eventTypes: [p.eventType],
          filters: p.prefix === undefined && p.suffix === undefined ? undefined : [{ prefix: p.prefix, suffix: p.suffix }],
          writeKeyPatterns: p.write === undefined ? undefined : [p.write],
          eventTargetRetryAttempts: p.targetRetries,
          metadataTableProps: p.metadata ? { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } } : undefined,
        }));
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['filters[0].prefix', 'filters[0].suffix', 'writeKeyPatterns[0]', 'eventTypes', 'eventTargetRetryAttempts']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('KinesisStreamProcessor', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        shardCount: mostly(1, 8, -1, 0),
        retentionHours: mostly(24, 8_760, 1, 9_000),
        maxRecordAgeSeconds: mostly(60, 86_400, 0, 700_000),
        parallelizationFactor: mostly(1, 3, 0, 12),
        tumblingSeconds: mostly(0, 900, 0, 1_000),
        iteratorAgeSeconds: mostly(1, 86_400, 0, 40_000_000),
        enhancedFanOut: fc.boolean(),
        batchSize: mostly(1, 10_000, 0, 11_000),
      }),
      (p) => {
        const outcome = attempt((stack) => new KinesisStreamProcessor(stack, 'Clicks', {
          processor: { code: inlineCode(), handler: 'index.handler' },
          streamProps: {
            shardCount: p.shardCount,
            retentionPeriod: p.retentionHours === undefined ? undefined : Duration.hours(p.retentionHours),
          },
          batchSize: p.batchSize,
          parallelizationFactor: p.parallelizationFactor,
          maxRecordAge: p.maxRecordAgeSeconds === undefined ? undefined : Duration.seconds(p.maxRecordAgeSeconds),
          tumblingWindow: p.tumblingSeconds === undefined ? undefined : Duration.seconds(p.tumblingSeconds),
          iteratorAgeAlarmThreshold: p.iteratorAgeSeconds === undefined ? undefined : Duration.seconds(p.iteratorAgeSeconds),
          enhancedFanOut: p.enhancedFanOut,
        }));
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['streamProps.shardCount', 'streamProps.retentionPeriod', 'maxRecordAge', 'parallelizationFactor',
          'tumblingWindow', 'iteratorAgeAlarmThreshold', 'batchSize']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });
});

describe('property-based: ScheduledJob and TopicFanOut (bad input gets our validation error)', () => {
  test('ScheduledJob', () => {
    const tally = new Tally();
    const cronField = (values: string[], bad: string[]) => fc.oneof(
      { arbitrary: fc.constantFrom(...values), weight: 6 },
      { arbitrary: fc.constantFrom(...bad), weight: 1 },
    );
    fc.assert(fc.property(
      fc.record({
        minutes: cronField(['0', '30', '0/15', '5,35'], ['60', '-1', 'x', '0/0']),
        hours: cronField(['2', '8-18', '*'], ['24', '?']),
        days: fc.constantFrom(['*', '?'], ['?', 'MON-FRI'], ['L', '?'], ['*', '*'], ['?', 'MON#6']),
        timeZone: fc.oneof({ arbitrary: fc.constantFrom('Europe/Berlin', 'Etc/UTC', 'America/New_York'), weight: 6 },
          { arbitrary: fc.constantFrom('europe/berlin', 'Mars/Olympus', ''), weight: 1 }),
        rateMinutes: optional(fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 1_440 }), weight: 5 },
          { arbitrary: fc.constantFrom(0, 0.5, NaN), weight: 1 },
        )),
        retryAttempts: mostly(0, 185, -5, 300),
        maxEventAgeSeconds: mostly(60, 86_400, 0, 100_000),
        windowMinutes: mostly(1, 1_440, 0, 2_000),
        reserved: optional(fc.integer({ min: 0, max: 3 })),
        allowOverlap: fc.boolean(),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          new ScheduledJob(stack, 'Job', {
            schedule: p.rateMinutes === undefined
              ? JobSchedule.cron(`${p.minutes} ${p.hours} ${p.days[0]} * ${p.days[1]} *`, TimeZone.of(p.timeZone))
              : JobSchedule.rate(Duration.seconds(p.rateMinutes * 60)),
            target: JobTarget.function({
              code: inlineCode(), handler: 'index.handler', reservedConcurrency: p.reserved === undefined ? undefined : ReservedConcurrency.of(p.reserved),
            }),
            retryAttempts: p.retryAttempts,
            maxEventAge: p.maxEventAgeSeconds === undefined ? undefined : Duration.seconds(p.maxEventAgeSeconds),
            flexibleTimeWindow: p.windowMinutes === undefined ? undefined : Duration.minutes(p.windowMinutes),
            allowOverlap: p.allowOverlap,
          });
        });
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['schedule', 'retryAttempts', 'maxEventAge', 'flexibleTimeWindow', 'target reservedConcurrency', 'reservedConcurrency']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('TopicFanOut', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        topicFifo: fc.boolean(),
        queueFifo: fc.oneof({ arbitrary: fc.constant<boolean | undefined>(undefined), weight: 3 }, { arbitrary: fc.boolean(), weight: 2 }),
        keys: fc.integer({ min: 0, max: 7 }),
        valuesPerKey: fc.integer({ min: 1, max: 6 }),
        body: fc.boolean(),
        raw: optional(fc.boolean()),
        withFunction: fc.boolean(),
        maxReceiveCount: mostly(1, 1_000, -5, 2_000),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const fanOut = new TopicFanOut(stack, 'Orders', { fifo: p.topicFifo });
          const values = Array.from({ length: p.valuesPerKey }, (_, i) => `v${i}`);
          const keys = Array.from({ length: p.keys }, (_, i) => `k${i}`);
          const filter = () => sns.SubscriptionFilter.stringFilter({ allowlist: values });
          const bodyPolicy = () => sns.FilterOrPolicy.policy(Object.fromEntries(keys.map((k) => [k, sns.FilterOrPolicy.filter(filter())])));
          const options = p.keys === 0 ? {} : p.body
            ? { filterPolicyWithMessageBody: { order: bodyPolicy() } }
            : { filterPolicy: Object.fromEntries(keys.map((k) => [k, filter()])) };
          fanOut.addQueueProcessor('Billing', {
            processor: { code: inlineCode(), handler: 'index.handler' },
            queueProps: { fifo: p.queueFifo, maxReceiveCount: p.maxReceiveCount },
          }, { ...options, rawMessageDelivery: p.raw });
          if (p.withFunction) fanOut.addFunction('Audit', { code: inlineCode(), handler: 'index.handler' }, options);
        });
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['Billing', 'Audit', 'queueProps.maxReceiveCount']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });
});

describe('property-based: operations (IdempotencyTable, CapacityPlanner)', () => {
  // Durations cannot be negative (aws-cdk-lib refuses them first): 0, fractions, NaN and Infinity instead.
  test('IdempotencyTable: a clean template or our error on recordExpiry, tableName or the expiry against the timeout', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        expirySeconds: fc.oneof({ arbitrary: mostly(1, 7_200, 0, 10), weight: 12 }, { arbitrary: fc.constantFrom(NaN, Infinity, 0.5), weight: 1 }),
        timeoutSeconds: mostly(1, 900, 1, 900),
        tableName: optional(fc.oneof(
          { arbitrary: fc.constantFrom('idempotency', 'orders.idem_1'), weight: 3 },
          { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
        )),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const table = new IdempotencyTable(stack, 'Idempotency', {
            recordExpiry: p.expirySeconds === undefined ? undefined : Duration.seconds(p.expirySeconds),
            tableName: p.tableName,
          });
          const fn = new GuardedFunction(stack, 'Fn', {
            code: inlineCode(), handler: 'index.handler', timeout: p.timeoutSeconds === undefined ? undefined : Duration.seconds(p.timeoutSeconds),
          });
          table.grant(fn.alias);
        });
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['recordExpiry', 'tableName']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('CapacityPlanner: whole units of at least the traffic\'s need, min ≤ max, or our error', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        readsPerSecond: fc.oneof(
          { arbitrary: fc.double({ min: 0, max: 5_000, noNaN: true }), weight: 8 },
          { arbitrary: fc.constantFrom(-1, NaN, Infinity), weight: 1 },
        ),
        writesPerSecond: fc.double({ min: 0, max: 2_000, noNaN: true }),
        itemSizeKb: fc.oneof(
          { arbitrary: fc.double({ min: 0.1, max: 400, noNaN: true }), weight: 8 },
          { arbitrary: fc.constantFrom(0, 401, NaN), weight: 1 },
        ),
        readConsistency: optional(fc.constantFrom(ReadConsistency.EVENTUAL, ReadConsistency.STRONG, ReadConsistency.TRANSACTIONAL)),
        targetUtilizationPercent: mostly(10, 90, 0, 100),
      }),
      (traffic) => {
        const stack = new Stack(new App(), 'Plan');
        let estimate;
        try {
          estimate = CapacityPlanner.estimate(stack, traffic);
          const capacity = CapacityPlanner.provisionedCapacity(stack, traffic);
          expect(capacity.minReadCapacity).toBeLessThanOrEqual(capacity.maxReadCapacity);
          expect(capacity.minWriteCapacity).toBeGreaterThanOrEqual(Math.max(1, estimate.writeCapacityUnits));
        } catch (error) {
          tally.record({ ok: false });
          expect((error as Error).name).toBe('GuardrailsValidationError');
          return;
        }
        tally.record({ ok: true });
        expect(Number.isInteger(estimate.readCapacityUnits) && Number.isInteger(estimate.writeCapacityUnits)).toBe(true);
        expect(estimate.writeCapacityUnits).toBeGreaterThanOrEqual(traffic.writesPerSecond * Math.ceil(traffic.itemSizeKb));
      },
    ), { seed: SEED, numRuns: RUNS * 5 });
    tally.expectBoth();
  });
});

describe('property-based: StaticSite and UserIdentityPool', () => {
  test('StaticSite', () => {
    const tally = new Tally();
    fc.assert(fc.property(
      fc.record({
        rootObject: optional(fc.oneof({ arbitrary: fc.constantFrom('index.html', 'app/main.html'), weight: 3 }, { arbitrary: fc.string({ maxLength: 260 }), weight: 1 })),
        certificateRegion: optional(fc.constantFrom('us-east-1', 'us-east-1', 'eu-west-1')),
        withDomain: fc.boolean(),
        webAcl: optional(fc.constantFrom('us-east-1:123456789012:global', 'eu-west-1:123456789012:regional', 'us-east-1:123456789012:global')),
        csp: optional(fc.constantFrom("default-src 'self'", ' ', "default-src 'self'; img-src https:")),
        singlePageApp: fc.boolean(),
      }),
      (p) => {
        const outcome = attempt((stack) => new StaticSite(stack, 'Site', {
          defaultRootObject: p.rootObject,
          domainNames: p.withDomain ? ['www.example.com'] : undefined,
          certificate: p.certificateRegion === undefined ? undefined
            : acm.Certificate.fromCertificateArn(stack, 'Cert', `arn:aws:acm:${p.certificateRegion}:123456789012:certificate/0f1e2d3c`),
          webAclArn: p.webAcl && `arn:aws:wafv2:${p.webAcl}/webacl/site/473e64fd-f30b-4765-81a0-62ad96dd167a`,
          contentSecurityPolicy: p.csp,
          singlePageApp: p.singlePageApp,
        }));
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['defaultRootObject', 'certificate', 'domainNames', 'webAclArn', 'contentSecurityPolicy']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('UserIdentityPool.grantOwnItems', () => {
    const tally = new Tally();
    const actions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'dynamodb:*', 'dynamodb:DeleteTable'];
    fc.assert(fc.property(
      fc.record({
        // Mostly valid, one time in four anything: both outcomes get exercised.
        actions: fc.oneof(
          { arbitrary: fc.subarray(actions.slice(0, 4), { minLength: 1 }), weight: 3 }, { arbitrary: fc.subarray(actions), weight: 1 },
        ),
        attributes: optional(fc.oneof(
          { arbitrary: fc.constant<string[]>(['identityId', 'noteId', 'text']), weight: 3 }, { arbitrary: fc.subarray(['identityId', 'noteId', 'text']), weight: 1 },
        )),
        guests: fc.boolean(),
        guestReason: fc.oneof({ arbitrary: fc.constant('public catalogue'), weight: 3 }, { arbitrary: fc.constantFrom(' ', undefined), weight: 1 }),
      }),
      (p) => {
        const outcome = attempt((stack) => {
          const users = new SecureUserPool(stack, 'Users');
          const identities = new UserIdentityPool(stack, 'Identities', {
            userPool: users.userPool, userPoolClient: users.client, allowGuestAccess: p.guests, guestAccessReason: p.guestReason,
          });
          const table = new dynamodb.Table(stack, 'Notes', {
            partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING },
            sortKey: { name: 'noteId', type: dynamodb.AttributeType.STRING },
            pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          });
          identities.grantOwnItems(table, { actions: p.actions, attributes: p.attributes });
        });
        tally.record(outcome);
        expectCleanOrOurError(outcome, ['grantOwnItems.actions', 'grantOwnItems.attributes', 'guestAccessReason']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });
});
