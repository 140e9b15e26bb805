import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as fc from 'fast-check';
import {
  CognitoRestApi, GuardedFunction, QueueProcessor, ReservedConcurrency, ResilientStateMachine, SecureUserPool, StaticSite, TableStreamProcessor,
  UserIdentityPool, WorkflowTasks,
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

describe('property-based: bad input never escapes as anything but our validation error', () => {
  test('GuardedFunction', () => {
    const tally = new Tally();
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
      }),
      (p) => {
        const outcome = attempt((stack) => new GuardedFunction(stack, 'Fn', {
          code: inlineCode(),
          handler: 'index.handler',
          logRetention: p.logRetention,
          aliasName: p.aliasName,
          functionName: p.functionName,
          environment: p.environmentKey === undefined ? undefined : { [p.environmentKey]: 'value' },
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
        expectCleanOrOurError(outcome, ['memorySize', 'timeout', 'ephemeralStorageSize', 'reservedConcurrency', 'provisionedConcurrency',
          'asyncInvocation.retryAttempts', 'asyncInvocation.maxEventAge', 'logRetention', 'aliasName', 'functionName', 'environment key']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
  });

  test('TableStreamProcessor', () => {
    const tally = new Tally();
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
        tableNameLength: mostly(3, 255, 0, 300),
      }),
      (p) => {
        const outcome = attempt((stack) => new TableStreamProcessor(stack, 'Stream', {
          tableProps: {
            partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
            sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
            localSecondaryIndexes: Array.from({ length: p.lsis }, (_, i) => ({ indexName: `lsi${i}`, sortKey: { name: `a${i}`, type: dynamodb.AttributeType.STRING } })),
            provisionedCapacity: p.targetUtilization === undefined ? undefined
              : { minReadCapacity: 1, maxReadCapacity: 5, minWriteCapacity: 1, maxWriteCapacity: 5, targetUtilizationPercent: p.targetUtilization },
            tableName: p.tableNameLength === undefined ? undefined : 't'.repeat(p.tableNameLength),
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
        expectCleanOrOurError(outcome, ['batchSize', 'maxBatchingWindow', 'parallelizationFactor', 'retryAttempts', 'maxRecordAge',
          'tableProps.localSecondaryIndexes', 'processor.reservedConcurrency', 'reservedConcurrency', 'iteratorAgeAlarmThreshold',
          'tableProps.provisionedCapacity.targetUtilizationPercent', 'tableProps.tableName']);
      },
    ), { seed: SEED, numRuns: RUNS });
    tally.expectBoth();
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
