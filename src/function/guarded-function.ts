import { Annotations, AssetStaging, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { configureAsyncFailureQueue } from './async-failure-queue';
import { createLambdaFunction, newestNodeRuntime } from './bundling';
import { environmentProblems } from './environment';
import { FunctionSettings, functionSettings, validateFunctionProps } from './function-settings';
import { AsyncInvocationOptions, GuardedFunctionProps } from './guarded-function-props';
import { packageSizeProblems } from './package-size';
import { initialProvisionedConcurrency, scaleProvisionedConcurrency } from './provisioned-concurrency';
import { ReservedConcurrency, ReservedConcurrencyMode } from './reserved-concurrency';
import { addDeployedVersionAlarm, configureSafeRollout, SafeRollout } from './safe-rollout';
import { DeployedVersionAlarmProps } from './safe-rollout-props';
import { acknowledgeRule } from '../core/acknowledge';
import { FUNCTION_DEFAULTS } from '../core/defaults';
import { LAMBDA_ENVIRONMENT_KEY, LAMBDA_VPC_NETWORK_INTERFACE_ACTIONS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, PropsValidator, secondsOf } from '../core/validation';
import { deployedVersionMetric, functionDurationAlarm, functionErrorsAlarm, functionKeyMetrics, functionThrottlesAlarm } from '../observability/lambda-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { queueDepthAlarm } from '../observability/sqs-alarms';
import { createLogGroup } from '../resources/log-group';
import { wildcardResourcePolicy } from '../resources/wildcard-policy';

/**
 * A Lambda function with the FN practices applied in one place: explicit memory, timeout and /tmp
 * (validated), reserved concurrency, its own least-privilege role and log group with finite
 * retention and JSON logs, active tracing, arm64 and the newest Node.js runtime, a `live` alias,
 * optional asynchronous failure handling, and alarms. Every pattern of this library builds on it.
 */
export class GuardedFunction extends MonitoredConstruct {
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
  /** The reserved concurrency in effect. Undefined when the function is unreserved. */
  public readonly reservedConcurrentExecutions?: number;
  /** The on-failure destination of asynchronous invocations, when `asyncInvocation` is set. */
  public readonly failureQueue?: sqs.IQueue;
  /** Fires on any function error (OBS1). */
  public readonly errorsAlarm: cloudwatch.Alarm;
  /** Fires on any throttle (OBS1). */
  public readonly throttlesAlarm: cloudwatch.Alarm;
  /** Fires when the slowest invocation comes near the timeout (OBS1). Undefined for a token timeout. */
  public readonly durationAlarm?: cloudwatch.Alarm;
  /** Fires when the failure queue holds a message (OBS1), when `asyncInvocation` is set. */
  public readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
  /** The CodeDeploy deployment group that rolls out each new version (FN11), when `deployment` is set. */
  public readonly deploymentGroup?: codedeploy.LambdaDeploymentGroup;
  /**
   * Fires on any error of the version being deployed (FN11), when `deployment` is set: its
   * dimensions are the alias and the executed version, and each new version gets a new alarm.
   */
  public readonly rollbackAlarm?: cloudwatch.Alarm;
  /** The pre-traffic hook (FN11), when `deployment.preTraffic` is set. */
  public readonly preTrafficHook?: lambda.Function;
  /** The post-traffic hook (FN11), when `deployment.postTraffic` is set. */
  public readonly postTrafficHook?: lambda.Function;
  /** Invocations, errors, throttles and the slowest invocation (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];
  /** The safe rollout, when `deployment` is set. */
  private readonly rollout?: SafeRollout;
  /** Variables that hold a secret's ARN: `addEnvironment` must not overwrite them. */
  private readonly secretEnvironmentNames: Set<string>;

  /**
   * @param scope the construct that holds the function
   * @param id the ID of the function, unique within `scope`
   * @param props the handler (`entry` or `code`) and the guardrails' settings
   */
  constructor(scope: Construct, id: string, props: GuardedFunctionProps) {
    super(scope, id);
    const settings = functionSettings(props);
    validateFunctionProps(this, props, settings);
    this.timeout = settings.timeout;
    this.reservedConcurrentExecutions = settings.reservedConcurrency.executions;

    this.logGroup = createLogGroup(this, 'LogGroup', { retention: props.logRetention, prop: 'logRetention', practice: 'FN8' });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path} (one role per function, FN6)`,
    });
    // FN6: the only logs permission is on the function's own log group (no AWSLambdaBasicExecutionRole).
    this.logGroup.grantWrite(this.role);
    this.lambdaFunction = createLambdaFunction(this, 'Function', props, {
      role: this.role,
      logGroup: this.logGroup,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      ephemeralStorageSize: settings.ephemeralStorageSize,
      reservedConcurrentExecutions: settings.reservedConcurrency.executions,
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
    if (props.vpc) this.grantNetworkInterfaces();
    this.secretEnvironmentNames = this.grantSecrets(props.secrets ?? {});
    this.node.addValidation({ validate: () => environmentProblems(this, this.lambdaFunction) });
    this.warnOnOversizePackage();
    warnNearStackResourceLimit(this);

    this.alias = new lambda.Alias(this, 'Alias', {
      aliasName: props.aliasName ?? FUNCTION_DEFAULTS.aliasName,
      version: this.lambdaFunction.currentVersion,
      provisionedConcurrentExecutions: initialProvisionedConcurrency(props),
    });
    if (props.provisionedConcurrencyScaling) scaleProvisionedConcurrency(this.alias, props.provisionedConcurrencyScaling);
    if (props.deployment) {
      const rollout = this.rollout = configureSafeRollout(this, this.alias, this.lambdaFunction.currentVersion, props.deployment,
        (hookScope, hookId, hookProps) => new GuardedFunction(hookScope, hookId, { alarmTopic: props.alarmTopic, ...hookProps }), props.alarmTopic);
      ({ deploymentGroup: this.deploymentGroup, rollbackAlarm: this.rollbackAlarm } = rollout);
      ({ preTrafficHook: this.preTrafficHook, postTrafficHook: this.postTrafficHook } = rollout);
    }
    this.failureQueue = this.configureAsyncInvocation(props.asyncInvocation, settings);
    this.acknowledgeDeliberateExceptions(props, settings.reservedConcurrency);

    this.errorsAlarm = functionErrorsAlarm(this, 'ErrorsAlarm', this.lambdaFunction, `${this.node.path}: the function`, props.alarmTopic);
    this.throttlesAlarm = functionThrottlesAlarm(this, 'ThrottlesAlarm', this.lambdaFunction, props.alarmTopic);
    const timeoutSeconds = secondsOf(this.timeout);
    if (timeoutSeconds !== undefined) this.durationAlarm = functionDurationAlarm(this, 'DurationAlarm', this.lambdaFunction, timeoutSeconds, props.alarmTopic);
    if (this.failureQueue) this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    this.keyMetrics = functionKeyMetrics(this.lambdaFunction);
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
    new PropsValidator(this).format(`environment key ${key}`, key, LAMBDA_ENVIRONMENT_KEY)
      .check(this.secretEnvironmentNames.has(key), `environment key ${key}`, 'holds a secret\'s ARN (`secrets`); a plain value must not replace it', key, 'FN3')
      .throwIfInvalid();
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

  /**
   * A metric of the invocations through the alias that ran the version of this synthesis (Lambda's
   * `ExecutedVersion` dimension), over 1 minute, summed unless `props` says otherwise: for alarms
   * that judge the version being deployed (FN11, `deployment.alarms`).
   */
  public metricOfDeployedVersion(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return deployedVersionMetric(this.alias, this.lambdaFunction.currentVersion, metricName, props);
  }

  /**
   * Adds an alarm on a metric of the version being deployed (see `metricOfDeployedVersion`) that
   * rolls the deployment back, e.g. p99 `Duration` (FN11). Needs `deployment`.
   */
  public addRollbackAlarm(id: string, props: DeployedVersionAlarmProps): cloudwatch.Alarm {
    if (!this.rollout) throw invalidProp(this, 'deployment', 'is required for a rollback alarm (addRollbackAlarm)', undefined, 'FN11');
    new PropsValidator(this)
      .check(!Token.isUnresolved(props.threshold) && !Number.isFinite(props.threshold), `addRollbackAlarm(${id}) threshold`,
        'must be a finite number: an alarm compares the metric with it', props.threshold, 'FN11')
      .check(props.metricName.trim() === '', `addRollbackAlarm(${id}) metricName`, 'must name a Lambda metric, e.g. Errors or Duration', props.metricName, 'FN11')
      .throwIfInvalid();
    return addDeployedVersionAlarm(this, id, this.rollout, this.alias, this.lambdaFunction.currentVersion, props);
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

  /**
   * FN16: in a VPC, Lambda manages the function's network interfaces with its execution role, and
   * refuses to create the function without these permissions. aws-cdk-lib adds the managed policy
   * AWSLambdaVPCAccessExecutionRole only to a role it creates (and that policy also grants logs on
   * every log group): this role gets the network interface actions alone, in a policy of its own.
   */
  private grantNetworkInterfaces(): void {
    const policy = wildcardResourcePolicy(this, 'NetworkInterfacePolicy', {
      role: this.role,
      actions: [...LAMBDA_VPC_NETWORK_INTERFACE_ACTIONS],
      practice: 'FN16',
      reason: 'Lambda creates, describes and deletes the function\'s network interfaces in the VPC (the actions of AWSLambdaVPCAccessExecutionRole '
        + 'without its logs grants); EC2 supports no resource-level permissions for the describe actions. This policy holds nothing else.',
    });
    this.lambdaFunction.node.defaultChild!.node.addDependency(policy);
  }

  /** FN3: each secret's ARN in its variable, and the role may read the secret; returns the variables' names. */
  private grantSecrets(secrets: { [envName: string]: secretsmanager.ISecret }): Set<string> {
    for (const [envName, secret] of Object.entries(secrets)) {
      this.lambdaFunction.addEnvironment(envName, secret.secretArn);
      secret.grantRead(this.role);
    }
    return new Set(Object.keys(secrets));
  }

  private configureAsyncInvocation(options: AsyncInvocationOptions | undefined, settings: FunctionSettings): sqs.IQueue | undefined {
    if (!options) return undefined;
    return configureAsyncFailureQueue(this, 'FailureQueue', this.alias, {
      retryAttempts: settings.asyncRetryAttempts,
      maxEventAge: settings.asyncMaxEventAge,
      failureQueue: options.failureQueue,
      onSuccess: options.onSuccess,
    });
  }

  private acknowledgeDeliberateExceptions(props: GuardedFunctionProps, reserved: ReservedConcurrency): void {
    acknowledgeRule(this.lambdaFunction, 'Serverless-LambdaDLQ', 'FN9', props.asyncInvocation
      ? 'failed asynchronous invocations go to the on-failure destination of the alias\'s invoke config, which supersedes a DLQ.'
      : 'the function is not configured for asynchronous invocation; errors return to the caller or to the event source mapping\'s own destination. Guardrails-LambdaAsyncFailureHandling flags it if an async trigger is added.');
    if (reserved.mode === ReservedConcurrencyMode.UNRESERVED) {
      acknowledgeRule(this.lambdaFunction, 'Guardrails-LambdaReservedConcurrency', 'FN5', reserved.reason!);
    }
    if (reserved.mode === ReservedConcurrencyMode.DISABLED) {
      this.node.addMetadata('cdk-serverless-guardrails:disabled', reserved.reason);
    }
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
