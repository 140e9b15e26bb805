import { Annotations, AssetStaging, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FailureQueueDestination } from '../resources/failure-destinations';
import { packageSizeProblems } from './package-size';
import { ReservedConcurrency } from './reserved-concurrency';
import { acknowledgeRule } from '../core/acknowledge';
import { FUNCTION_DEFAULTS } from '../core/defaults';
import { LAMBDA_ALIAS_NAME, LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS, LAMBDA_ASYNC_RETRY_ATTEMPTS, LAMBDA_ENVIRONMENT_KEY, LAMBDA_ENVIRONMENT_MAX_BYTES, LAMBDA_EPHEMERAL_STORAGE_MB, LAMBDA_FUNCTION_NAME, LAMBDA_MEMORY_MB, LAMBDA_PROVISIONED_CONCURRENCY, LAMBDA_RESERVED_CONCURRENCY, LAMBDA_TIMEOUT_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import {
  invalidProp, knownNumber, mebibytesOf, secondsOf, validateFormat, validateLogRetention, validateRange,
} from '../core/validation';
import { wildcardResourcePolicy } from '../resources/wildcard-policy';
import { createAlarm, functionErrorsAlarm, queueDepthAlarm } from '../observability/alarms';
import { createFailureQueue } from '../resources/failure-queue';
import { environmentSizeBytes } from '../template/lambda-environment';

/**
 * FN9: how failed asynchronous invocations (S3, SNS, EventBridge, ...) are retried and kept.
 */
export interface AsyncInvocationOptions {
  /**
   * How often Lambda retries a failed asynchronous invocation (0–2).
   * @default 1
   */
  readonly retryAttempts?: number;

  /**
   * How long Lambda keeps an event for retries (60 seconds – 6 hours) before it goes to the
   * failure destination.
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;

  /**
   * The on-failure destination. Handlers must be idempotent: an event can arrive more than once.
   * @default an encrypted, SSL-only SQS queue with 14-day retention, created for this function
   */
  readonly failureQueue?: sqs.IQueue;

  /**
   * An optional destination for successful invocations.
   * @default - none
   */
  readonly onSuccess?: lambda.IDestination;
}

/**
 * Properties of a GuardedFunction. Give either `code` and `handler` (prebuilt or inline code) or
 * `entry` (a TypeScript/JavaScript file bundled by esbuild).
 */
export interface GuardedFunctionProps {
  /**
   * Prebuilt code (`Code.fromAsset`, `Code.fromInline`, ...). Mutually exclusive with `entry`.
   * @default - none; `entry` must be given
   */
  readonly code?: lambda.Code;

  /**
   * The handler, e.g. `index.handler`. Required with `code`; with `entry` it names the exported
   * function.
   * @default 'handler' with `entry`
   */
  readonly handler?: string;

  /**
   * A TypeScript or JavaScript entry file, bundled with esbuild: minified, with source maps, the
   * AWS SDK v3 left to the runtime (FN15). Mutually exclusive with `code`.
   * @default - none; `code` must be given
   */
  readonly entry?: string;

  /**
   * esbuild options for `entry`, merged over the library's (minify, sourceMap, external `@aws-sdk/*`).
   * @default - the library's bundling options
   */
  readonly bundling?: nodejs.BundlingOptions;

  /**
   * The lock file that marks the project root for `entry` bundling.
   * @default - the nearest lock file above the working directory
   */
  readonly depsLockFilePath?: string;

  /**
   * The runtime (FN14).
   * @default - the newest Node.js runtime known to aws-cdk-lib (NODEJS_24_X with aws-cdk-lib 2.269)
   */
  readonly runtime?: lambda.Runtime;

  /**
   * The instruction set (FN14): arm64 gives better price/performance.
   * @default Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * Memory in whole MB, 128–10,240 (FN1). More memory also means more vCPU (1,792 MB = 1 vCPU).
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * Timeout, 1–900 seconds (FN2). Behind a synchronous API it must stay under 29 s (API6).
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;

  /**
   * Size of /tmp, 512–10,240 MB (FN4).
   * @default Size.mebibytes(512)
   */
  readonly ephemeralStorageSize?: Size;

  /**
   * Environment variables. Keys follow Lambda's rule: a letter, then at least one letter, digit or
   * `_`. Keys plus values must stay under 4 KB (FN3); a value only known at deploy time (a token)
   * counts 0 bytes. Never put secrets here: use `secrets`, and never the same key in both.
   * @default - none
   */
  readonly environment?: { [key: string]: string };

  /**
   * Secrets Manager secrets the function reads (FN3): each becomes an environment variable that
   * holds the secret's ARN (never its value), and the role may read the secret. Keys follow the
   * same rule as `environment` keys and must not also appear in `environment`.
   * @default - none
   */
  readonly secrets?: { [envName: string]: secretsmanager.ISecret };

  /**
   * Reserved concurrency (FN5). Opting out (`ReservedConcurrency.unreserved(reason)`) or switching
   * the function off (`ReservedConcurrency.disabled(reason)`) is explicit.
   * @default ReservedConcurrency.of(10)
   */
  readonly reservedConcurrency?: ReservedConcurrency;

  /**
   * Provisioned concurrency on the alias (FN12), at least 1 and at most the reserved concurrency (FN5).
   * @default - none
   */
  readonly provisionedConcurrency?: number;

  /**
   * Retention of the function's own log group (FN8); must be finite.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Level of the structured (JSON) application logs (FN8).
   * @default ApplicationLogLevel.INFO
   */
  readonly logLevel?: lambda.ApplicationLogLevel;

  /**
   * Set when the function is invoked asynchronously (S3, SNS, EventBridge, ...): creates the
   * invoke config with bounded retries, a maximum event age and an on-failure destination (FN9).
   * @default - none: the function is invoked synchronously or by an event source mapping
   */
  readonly asyncInvocation?: AsyncInvocationOptions;

  /**
   * A topic that every alarm of this function notifies (OBS1).
   * @default - alarms have no action
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * The name of the alias that triggers, destinations and APIs invoke (FN10): 1–128 characters of
   * letters, digits, `-` and `_`, not only digits.
   * @default 'live'
   */
  readonly aliasName?: string;

  /**
   * A description of the function.
   * @default - none
   */
  readonly description?: string;

  /**
   * A physical name, 1–64 characters of letters, digits, `-` and `_`. Leave it to CloudFormation
   * unless something outside the stack needs it.
   * @default - generated
   */
  readonly functionName?: string;

  /**
   * Lambda layers.
   * @default - none
   */
  readonly layers?: lambda.ILayerVersion[];

  /**
   * A VPC, only when the function needs private resources (FN16); use private subnets with egress
   * or VPC endpoints.
   * @default - not in a VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets in `vpc`.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups in `vpc`.
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * A Lambda function with the FN practices applied in one place: explicit memory, timeout and /tmp
 * (validated), reserved concurrency, its own least-privilege role and log group with finite
 * retention and JSON logs, active tracing, arm64 and the newest Node.js runtime, a `live` alias,
 * optional asynchronous failure handling, and alarms. Every pattern of this library builds on it.
 */
export class GuardedFunction extends Construct {
  /** The Lambda function (L2). */
  public readonly lambdaFunction: lambda.Function;
  /** The alias that triggers and other constructs invoke (FN10). */
  public readonly alias: lambda.Alias;
  /** The function's own execution role (FN6). */
  public readonly role: iam.Role;
  /** The function's own log group (FN8). */
  public readonly logGroup: logs.LogGroup;
  /** The timeout in effect. */
  public readonly timeout: Duration;
  /** The reserved concurrency in effect; undefined when the function is unreserved. */
  public readonly reservedConcurrentExecutions?: number;
  /** The on-failure destination of asynchronous invocations, when `asyncInvocation` is set. */
  public readonly failureQueue?: sqs.IQueue;
  /** Fires on any function error (OBS1). */
  public readonly errorsAlarm: cloudwatch.Alarm;
  /** Fires on any throttle (OBS1). */
  public readonly throttlesAlarm: cloudwatch.Alarm;
  /** Fires when the slowest invocation comes near the timeout (OBS1); undefined for a token timeout. */
  public readonly durationAlarm?: cloudwatch.Alarm;
  /** Fires when the failure queue holds a message (OBS1), when `asyncInvocation` is set. */
  public readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
  /** Every alarm of this function. */
  public readonly alarms: cloudwatch.Alarm[];
  /** Variables that hold a secret's ARN: `addEnvironment` must not overwrite them. */
  private readonly secretEnvironmentNames: Set<string>;

  constructor(scope: Construct, id: string, props: GuardedFunctionProps) {
    super(scope, id);
    validateCodeProps(this, props);
    validateNames(this, props);
    const memorySize = props.memorySize ?? FUNCTION_DEFAULTS.memorySizeMb;
    this.timeout = props.timeout ?? Duration.seconds(FUNCTION_DEFAULTS.timeoutSeconds);
    const ephemeralStorageSize = props.ephemeralStorageSize ?? Size.mebibytes(FUNCTION_DEFAULTS.ephemeralStorageMb);
    validateRange(this, 'memorySize', memorySize, LAMBDA_MEMORY_MB);
    validateRange(this, 'timeout', secondsOf(this.timeout), LAMBDA_TIMEOUT_SECONDS);
    validateRange(this, 'ephemeralStorageSize', mebibytesOf(ephemeralStorageSize), LAMBDA_EPHEMERAL_STORAGE_MB);
    const reserved = resolveReservedConcurrency(this, props);
    this.reservedConcurrentExecutions = reserved.executions;
    validateProvisionedConcurrency(this, props.provisionedConcurrency, reserved);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    validateLogRetention(this, 'logRetention', logRetention, 'FN8');

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path} (one role per function, FN6)`,
    });
    // FN6: the only logs permission is on the function's own log group (no AWSLambdaBasicExecutionRole).
    this.logGroup.grantWrite(this.role);

    this.lambdaFunction = this.createFunction(props, {
      role: this.role,
      logGroup: this.logGroup,
      memorySize,
      timeout: this.timeout,
      ephemeralStorageSize,
      reservedConcurrentExecutions: reserved.executions,
      runtime: props.runtime ?? newestNodeRuntime(),
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: props.logLevel ?? lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      environment: props.environment,
      description: props.description,
      functionName: props.functionName,
      layers: props.layers,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: props.securityGroups,
    });
    this.activateTracing();
    for (const [envName, secret] of Object.entries(props.secrets ?? {})) {
      this.lambdaFunction.addEnvironment(envName, secret.secretArn);
      secret.grantRead(this.role);
    }
    this.secretEnvironmentNames = new Set(Object.keys(props.secrets ?? {}));
    this.node.addValidation({ validate: () => this.validateEnvironment() });
    this.warnOnOversizePackage();
    warnNearStackResourceLimit(this);

    this.alias = new lambda.Alias(this, 'Alias', {
      aliasName: props.aliasName ?? FUNCTION_DEFAULTS.aliasName,
      version: this.lambdaFunction.currentVersion,
      provisionedConcurrentExecutions: props.provisionedConcurrency,
    });

    this.failureQueue = this.configureAsyncInvocation(props.asyncInvocation);
    this.acknowledgeDeliberateExceptions(props, reserved);

    this.errorsAlarm = functionErrorsAlarm(this, 'ErrorsAlarm', this.lambdaFunction, `${this.node.path}: the function`, props.alarmTopic);
    this.throttlesAlarm = createAlarm(this, 'ThrottlesAlarm', {
      metric: this.lambdaFunction.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: `${this.node.path}: invocations were throttled; check the reserved concurrency (FN5, OBS1).`,
    }, props.alarmTopic);
    const timeoutSeconds = secondsOf(this.timeout);
    if (timeoutSeconds !== undefined) {
      this.durationAlarm = createAlarm(this, 'DurationAlarm', {
        metric: this.lambdaFunction.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: Math.floor(timeoutSeconds * 1000 * FUNCTION_DEFAULTS.durationAlarmRatio),
        description: `${this.node.path}: an invocation took ${FUNCTION_DEFAULTS.durationAlarmRatio * 100}% of the ${timeoutSeconds} s timeout (FN2, OBS1).`,
      }, props.alarmTopic);
    }
    if (this.failureQueue) {
      this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    }
    this.alarms = [this.errorsAlarm, this.throttlesAlarm, this.durationAlarm, this.failureQueueDepthAlarm]
      .filter((alarm): alarm is cloudwatch.Alarm => alarm !== undefined);
  }

  /** Lets `grantee` invoke the function through its alias (FN10). */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.alias.grantInvoke(grantee);
  }

  /**
   * Adds an environment variable. The key must follow Lambda's rule and must not be one that
   * `secrets` holds (FN3); the 4 KB limit (FN3) is checked at synth.
   */
  public addEnvironment(key: string, value: string): void {
    validateFormat(this, `environment key ${key}`, key, LAMBDA_ENVIRONMENT_KEY);
    if (this.secretEnvironmentNames.has(key)) {
      throw invalidProp(this, `environment key ${key}`, 'holds a secret\'s ARN (`secrets`); a plain value must not replace it', key, 'FN3');
    }
    this.lambdaFunction.addEnvironment(key, value);
  }

  /** Adds a statement to the function's own role (FN6: keep it least privilege). */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.lambdaFunction.addToRolePolicy(statement);
  }

  /** Subscribes the alias (not $LATEST) to an event source (FN10). */
  public addEventSource(source: lambda.IEventSource): void {
    this.alias.addEventSource(source);
  }

  /** The function's Errors metric. */
  public metricErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.lambdaFunction.metricErrors(props);
  }

  /** The function's Throttles metric. */
  public metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.lambdaFunction.metricThrottles(props);
  }

  /** The function's Duration metric. */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.lambdaFunction.metricDuration(props);
  }

  /** The function's Invocations metric. */
  public metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.lambdaFunction.metricInvocations(props);
  }

  private createFunction(props: GuardedFunctionProps, common: lambda.FunctionOptions & { runtime: lambda.Runtime }): lambda.Function {
    if (props.code) {
      return new lambda.Function(this, 'Function', { ...common, code: props.code, handler: props.handler! });
    }
    const fn = new nodejs.NodejsFunction(this, 'Function', {
      ...common,
      entry: props.entry,
      handler: props.handler ?? 'handler',
      depsLockFilePath: props.depsLockFilePath,
      bundling: {
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
        ...props.bundling,
      },
    });
    // Source maps only help when Node.js is told to use them.
    fn.addEnvironment('NODE_OPTIONS', '--enable-source-maps');
    return fn;
  }

  /**
   * FN7: active tracing, set on the L1 function so that aws-cdk-lib does not put the X-Ray
   * statement (`Resource: *`) into the role's default policy: it gets a policy of its own, the only
   * one that acknowledges the wildcard, and the function waits for that policy.
   */
  private activateTracing(): void {
    (this.lambdaFunction.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
    const tracingPolicy = wildcardResourcePolicy(this, 'TracingPolicy', {
      role: this.role,
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      practice: 'FN7',
      reason: 'X-Ray trace writes (xray:PutTraceSegments, xray:PutTelemetryRecords) support no resource-level permissions; this policy holds nothing else.',
    });
    this.lambdaFunction.node.defaultChild!.node.addDependency(tracingPolicy);
  }

  private configureAsyncInvocation(options: AsyncInvocationOptions | undefined): sqs.IQueue | undefined {
    if (!options) return undefined;
    const retryAttempts = options.retryAttempts ?? FUNCTION_DEFAULTS.asyncRetryAttempts;
    const maxEventAge = options.maxEventAge ?? Duration.seconds(FUNCTION_DEFAULTS.asyncMaxEventAgeSeconds);
    validateRange(this, 'asyncInvocation.retryAttempts', retryAttempts, LAMBDA_ASYNC_RETRY_ATTEMPTS);
    validateRange(this, 'asyncInvocation.maxEventAge', secondsOf(maxEventAge), LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS);
    const queue = options.failureQueue ?? createFailureQueue(this, 'FailureQueue');
    this.alias.configureAsyncInvoke({
      retryAttempts,
      maxEventAge,
      onFailure: new FailureQueueDestination(queue),
      onSuccess: options.onSuccess,
    });
    return queue;
  }

  private acknowledgeDeliberateExceptions(props: GuardedFunctionProps, reserved: ReservedConcurrency): void {
    acknowledgeRule(this.lambdaFunction, 'Serverless-LambdaDLQ', 'FN9', props.asyncInvocation
      ? 'failed asynchronous invocations go to the on-failure destination of the alias\'s invoke config, which supersedes a DLQ.'
      : 'the function is not configured for asynchronous invocation; errors return to the caller or to the event source mapping\'s own destination. Guardrails-LambdaAsyncFailureHandling flags it if an async trigger is added.');
    if (reserved.mode === 'unreserved') {
      acknowledgeRule(this.lambdaFunction, 'Guardrails-LambdaReservedConcurrency', 'FN5', reserved.reason!);
    }
    if (reserved.mode === 'disabled') {
      this.node.addMetadata('cdk-serverless-guardrails:disabled', reserved.reason);
    }
  }

  /** FN3, at synth: every variable, also those added to `lambdaFunction` directly. */
  private validateEnvironment(): string[] {
    const cfn = this.lambdaFunction.node.defaultChild as lambda.CfnFunction;
    const resolved = Stack.of(this).resolve(cfn.environment) as { variables?: { [key: string]: unknown } } | undefined;
    const variables = resolved?.variables ?? {};
    const errors = Object.keys(variables).filter((key) => !LAMBDA_ENVIRONMENT_KEY.test(key))
      .map((key) => invalidProp(this, `environment key ${key}`, LAMBDA_ENVIRONMENT_KEY.rule, key, LAMBDA_ENVIRONMENT_KEY.practice).message);
    const size = environmentSizeBytes(variables);
    if (size > LAMBDA_ENVIRONMENT_MAX_BYTES) {
      errors.push(invalidProp(this, 'environment', `keys and values must total at most ${LAMBDA_ENVIRONMENT_MAX_BYTES} bytes (values only known at deploy time count 0); move large values to SSM Parameter Store or S3`, `${size} bytes`, 'FN3').message);
    }
    return errors;
  }

  /**
   * FN15: measures the staged package. Not when the CLI skips bundling for this stack (`cdk ls`,
   * deploying another stack): then the staged path is the unbundled source, e.g. the project root.
   */
  private warnOnOversizePackage(): void {
    if (!Stack.of(this).bundlingRequired) return;
    const staging = this.lambdaFunction.node.tryFindChild('Code')?.node.tryFindChild('Stage');
    if (!(staging instanceof AssetStaging)) return;
    for (const problem of packageSizeProblems(staging.absoluteStagedPath)) {
      Annotations.of(this).addWarningV2('cdk-serverless-guardrails:package-size',
        `${this.node.path}: the deployment ${problem} (FN15): bundle and minify with esbuild and leave the AWS SDK v3 to the runtime.`);
    }
  }
}

function validateCodeProps(scope: Construct, props: GuardedFunctionProps): void {
  if ((props.code === undefined) === (props.entry === undefined)) {
    throw invalidProp(scope, 'code/entry', 'give exactly one of `code` (prebuilt, with `handler`) or `entry` (bundled by esbuild)',
      props.code ? 'both' : 'neither', 'FN15');
  }
  if (props.code && !props.handler) {
    throw invalidProp(scope, 'handler', 'is required with `code`', undefined, 'FN15');
  }
}

/** FN3, FN10: names checked when literal, with Lambda's own rules, before aws-cdk-lib sees them. */
function validateNames(scope: Construct, props: GuardedFunctionProps): void {
  validateFormat(scope, 'aliasName', props.aliasName, LAMBDA_ALIAS_NAME);
  validateFormat(scope, 'functionName', props.functionName, LAMBDA_FUNCTION_NAME);
  for (const key of Object.keys(props.environment ?? {})) validateFormat(scope, `environment key ${key}`, key, LAMBDA_ENVIRONMENT_KEY);
  for (const key of Object.keys(props.secrets ?? {})) {
    validateFormat(scope, `secrets key ${key}`, key, LAMBDA_ENVIRONMENT_KEY);
    if (props.environment?.[key] !== undefined) {
      throw invalidProp(scope, `secrets key ${key}`, 'is also set in `environment`; one variable holds either a secret\'s ARN or a plain value', key, 'FN3');
    }
  }
}

function resolveReservedConcurrency(scope: Construct, props: GuardedFunctionProps): ReservedConcurrency {
  const reserved = props.reservedConcurrency ?? ReservedConcurrency.of(FUNCTION_DEFAULTS.reservedConcurrency);
  if (reserved.mode !== 'reserved') {
    if (!reserved.reason?.trim()) {
      throw invalidProp(scope, 'reservedConcurrency', `ReservedConcurrency.${reserved.mode}() needs a non-empty reason`, reserved.reason, 'FN5');
    }
    return reserved;
  }
  const executions = reserved.executions!;
  if (!Token.isUnresolved(executions) && executions < LAMBDA_RESERVED_CONCURRENCY.min) {
    throw invalidProp(scope, 'reservedConcurrency', 'must be at least 1; to switch the function off say so with ReservedConcurrency.disabled(reason)', executions, 'FN5');
  }
  validateRange(scope, 'reservedConcurrency', executions, LAMBDA_RESERVED_CONCURRENCY);
  return reserved;
}

/** FN5: provisioned concurrency at least 1 and, when both are known at synth, at most the reserved concurrency. */
function validateProvisionedConcurrency(scope: Construct, provisioned: number | undefined, reserved: ReservedConcurrency): void {
  validateRange(scope, 'provisionedConcurrency', provisioned, LAMBDA_PROVISIONED_CONCURRENCY);
  const knownProvisioned = knownNumber(provisioned);
  const knownReserved = knownNumber(reserved.executions);
  if (knownProvisioned !== undefined && knownReserved !== undefined && knownProvisioned > knownReserved) {
    throw invalidProp(scope, 'provisionedConcurrency', `must not exceed the reserved concurrency (${knownReserved})`, knownProvisioned, 'FN5');
  }
}

/**
 * FN14: the newest fixed Node.js runtime this aws-cdk-lib knows, the same test cdk-nag's runtime
 * rules apply. Never `NODEJS_LATEST` (in `Runtime.ALL`, marked `isVariable`): its version changes
 * with aws-cdk-lib, and bundling warns about it on every function.
 */
function newestNodeRuntime(): lambda.Runtime {
  const version = (runtime: lambda.Runtime) => Number(/^nodejs(\d+)/.exec(runtime.name)?.[1] ?? 0);
  return lambda.Runtime.ALL
    .filter((runtime) => runtime.family === lambda.RuntimeFamily.NODEJS && !runtime.isVariable && version(runtime) > 0)
    .reduce((newest, runtime) => (version(runtime) > version(newest) ? runtime : newest));
}
