import { Duration, Size } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EntryBundler } from './entry-bundler';
import { ReservedConcurrency } from './reserved-concurrency';
import { ProvisionedConcurrencyScaling, TrafficShifting } from './safe-rollout-props';
import { AlarmOptions } from '../observability/alarm-options';

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
export interface GuardedFunctionProps extends AlarmOptions {
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
   * A TypeScript or JavaScript entry file, bundled with esbuild (in process, see `bundler`):
   * minified, with source maps, the AWS SDK v3 left to the runtime (FN15). Mutually exclusive with `code`.
   * @default - none; `code` must be given
   */
  readonly entry?: string;

  /**
   * esbuild options for `entry`, merged over the library's (minify, sourceMap, external `@aws-sdk/*`).
   * Options only NodejsFunction knows (`nodeModules`, `commandHooks`, `preCompilation`, `esbuildArgs`,
   * Docker options) bundle with NodejsFunction (see `bundler`).
   * @default - the library's bundling options
   */
  readonly bundling?: nodejs.BundlingOptions;

  /**
   * How `entry` is bundled (FN15): in process by esbuild's JavaScript API, or by aws-cdk-lib's
   * NodejsFunction. Without a choice, `bundling` options that only NodejsFunction knows
   * (`nodeModules`, `commandHooks`, `preCompilation`, `esbuildArgs`, Docker options) or no usable
   * esbuild select NodejsFunction, with an info note; with `EntryBundler.IN_PROCESS` they are an error.
   * @default - in process when it can run, else NodejsFunction
   */
  readonly bundler?: EntryBundler;

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
   * With `provisionedConcurrencyScaling`, the starting value, within its range.
   * @default - none; with `provisionedConcurrencyScaling`, its `minCapacity`
   */
  readonly provisionedConcurrency?: number;

  /**
   * Application Auto Scaling of the alias's provisioned concurrency (FN12): target tracking on its
   * utilization and optional scheduled actions.
   * @default - none: the provisioned concurrency, if any, stays fixed
   */
  readonly provisionedConcurrencyScaling?: ProvisionedConcurrencyScaling;

  /**
   * Safe rollout (FN11): each new version reaches the alias through CodeDeploy (canary, linear or
   * all at once), with pre/post-traffic hooks and automatic rollback on failure and on alarms
   * that judge the new version only.
   * @default - none: a new version gets all traffic when the stack updates
   */
  readonly deployment?: DeploymentOptions;

  /**
   * Retention of the function's own log group (FN8). Must be finite.
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
   * A VPC, only when the function needs private resources (FN16). Use private subnets with egress
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
 * FN11: a pre- or post-traffic hook: a function CodeDeploy runs before the new version gets traffic
 * (or after it has all of it), which must report `Succeeded` or `Failed` for its lifecycle event.
 * It may report only for its own deployment group and invoke only the version under test, whose
 * ARN it finds in its `VERSION_UNDER_TEST` environment variable.
 */
export class TrafficHook {
  /**
   * A hook created as a guarded function with these props (without a `deployment` of its own:
   * a hook is never rolled out by the deployment it judges).
   */
  public static guarded(props: GuardedFunctionProps): TrafficHook {
    return new TrafficHook(props, undefined);
  }

  /**
   * A function you created (for a GuardedFunction, its `lambdaFunction`). It gets the same
   * permissions and environment variable as a guarded hook.
   */
  public static fromFunction(fn: lambda.Function): TrafficHook {
    return new TrafficHook(undefined, fn);
  }

  private constructor(
    /** Props of the guarded function to create. */
    public readonly props?: GuardedFunctionProps,
    /** The existing function. */
    public readonly existingFunction?: lambda.Function,
  ) {}
}

/**
 * FN11: safe rollout of a guarded function. Every new version reaches the `live` alias through a
 * CodeDeploy deployment that shifts traffic step by step and rolls back automatically when the
 * deployment fails, is stopped, or an alarm fires.
 */
export interface DeploymentOptions {
  /**
   * How the traffic moves to the new version.
   * @default TrafficShifting.canary(10, Duration.minutes(5))
   */
  readonly trafficShifting?: TrafficShifting;

  /**
   * Alarms that also roll the deployment back, besides the errors of the new version. Scope them
   * to the version being deployed (`GuardedFunction.metricOfDeployedVersion`), or an alarm still
   * firing from the previous version blocks the deployment that fixes it.
   * @default - only the errors of the new version
   */
  readonly alarms?: cloudwatch.IAlarm[];

  /**
   * Runs before any traffic reaches the new version, e.g. a smoke test of the version under test.
   * @default - none
   */
  readonly preTraffic?: TrafficHook;

  /**
   * Runs after all traffic has moved to the new version.
   * @default - none
   */
  readonly postTraffic?: TrafficHook;

  /**
   * The CodeDeploy application of the deployment group, e.g. one for several functions.
   * @default - a new application for this function
   */
  readonly application?: codedeploy.ILambdaApplication;
}
