import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DeploymentOptions, GuardedFunctionProps, TrafficHook } from './guarded-function-props';
import { DeployedVersionAlarmProps, TrafficShifting, TrafficShiftingKind } from './safe-rollout-props';
import { acknowledgeRule } from '../core/acknowledge';
import { DEPLOYMENT_DEFAULTS } from '../core/defaults';
import { CODEDEPLOY_TRAFFIC_INTERVAL_MINUTES, CODEDEPLOY_TRAFFIC_PERCENTAGE } from '../core/limits';
import { PropsValidator, secondsOf } from '../core/validation';
import { createAlarm } from '../observability/alarms';
import { deployedVersionErrorsAlarm, deployedVersionMetric } from '../observability/lambda-alarms';

/** What a safe rollout adds to a guarded function (FN11). */
export interface SafeRollout {
  readonly deploymentGroup: codedeploy.LambdaDeploymentGroup;
  readonly rollbackAlarm: cloudwatch.Alarm;
  readonly preTrafficHook?: lambda.Function;
  readonly postTrafficHook?: lambda.Function;
  /** Where the rollback alarms go (OBS1). */
  readonly alarmTopic?: sns.ITopic;
}

/** Creates a guarded function for a hook; GuardedFunction passes itself in, so this file does not import it. */
export type GuardedHookFactory = (scope: Construct, id: string, props: GuardedFunctionProps) => { readonly lambdaFunction: lambda.Function };

/** FN11: every rule of `deployment`, into the function's one validator. */
export function validateDeployment(validator: PropsValidator, deployment: DeploymentOptions | undefined): void {
  if (!deployment) return;
  const shifting = deployment.trafficShifting;
  if (shifting?.kind === TrafficShiftingKind.CANARY || shifting?.kind === TrafficShiftingKind.LINEAR) {
    const seconds = secondsOf(shifting.interval);
    validator.range(`deployment.trafficShifting (${shifting.kind}) percentage`, shifting.percentage, CODEDEPLOY_TRAFFIC_PERCENTAGE)
      .range(`deployment.trafficShifting (${shifting.kind}) interval`, seconds === undefined ? undefined : seconds / 60, CODEDEPLOY_TRAFFIC_INTERVAL_MINUTES)
      .tokenDurationUnit(`deployment.trafficShifting (${shifting.kind}) interval`, shifting.interval, ['minutes'], CODEDEPLOY_TRAFFIC_INTERVAL_MINUTES.practice);
  }
  for (const [prop, hook] of Object.entries({ 'deployment.preTraffic': deployment.preTraffic, 'deployment.postTraffic': deployment.postTraffic })) {
    validator.check(hook?.props?.deployment !== undefined, prop, 'a hook has no `deployment` of its own: the deployment it judges would wait for itself',
      'a hook with `deployment`', 'FN11');
  }
  validator.check(deployment.preTraffic !== undefined && deployment.preTraffic === deployment.postTraffic, 'deployment.postTraffic',
    'must not be the same hook as `preTraffic`: CodeDeploy runs each lifecycle hook once, as a function of its own', 'the preTraffic hook', 'FN11');
}

/**
 * FN11: the CodeDeploy deployment group on `alias`, with automatic rollback on failed and stopped
 * deployments and on alarms; the rollback alarm judges the version being deployed only (see
 * {@link versionScopedAlarm}); hooks may report for this deployment group only and invoke only
 * the version under test.
 */
export function configureSafeRollout(scope: Construct, alias: lambda.Alias, version: lambda.Version, options: DeploymentOptions,
  createHook: GuardedHookFactory, topic?: sns.ITopic): SafeRollout {
  const rollbackAlarm = versionScopedAlarm(deployedVersionErrorsAlarm(scope, 'RollbackAlarm', alias, version, topic), version);
  const preTrafficHook = options.preTraffic && hookFunction(scope, 'PreTrafficHook', options.preTraffic, version, createHook);
  const postTrafficHook = options.postTraffic && hookFunction(scope, 'PostTrafficHook', options.postTraffic, version, createHook);
  const deploymentGroup = new codedeploy.LambdaDeploymentGroup(scope, 'DeploymentGroup', {
    alias,
    application: options.application,
    deploymentConfig: deploymentConfigOf(scope, options.trafficShifting),
    alarms: [rollbackAlarm, ...options.alarms ?? []],
    preHook: preTrafficHook,
    postHook: postTrafficHook,
    autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
  });
  acknowledgeServiceRole(deploymentGroup, [preTrafficHook, postTrafficHook]);
  // The alias update starts the deployment: the alarm, the hooks and their permissions must be in place first.
  alias.node.addDependency(deploymentGroup, rollbackAlarm);
  for (const hook of [preTrafficHook, postTrafficHook]) {
    if (hook) alias.node.addDependency(hook, ...hook.role ? [hook.role] : []);
  }
  return { deploymentGroup, rollbackAlarm, preTrafficHook, postTrafficHook, alarmTopic: topic };
}

/**
 * FN11: one more alarm that rolls the deployment back, on a metric of the version being deployed;
 * like the errors alarm, a new one for each new version.
 */
export function addDeployedVersionAlarm(scope: Construct, id: string, rollout: SafeRollout, alias: lambda.Alias, version: lambda.Version,
  props: DeployedVersionAlarmProps): cloudwatch.Alarm {
  const alarm = versionScopedAlarm(createAlarm(scope, id, {
    metric: deployedVersionMetric(alias, version, props.metricName, { statistic: props.statistic }),
    threshold: props.threshold,
    comparison: props.comparisonOperator,
    description: props.description
      ?? `${scope.node.path}: ${props.metricName} of the version being deployed reached ${props.threshold}; CodeDeploy rolls the deployment back (FN11).`,
  }, rollout.alarmTopic), version);
  rollout.deploymentGroup.addAlarm(alarm);
  alias.node.addDependency(alarm);
  return alarm;
}

/**
 * FN11: CodeDeploy's service role, as aws-cdk-lib builds it: the AWS managed policy made for
 * CodeDeploy's Lambda deployments, and invoke permissions on each hook function and its qualified
 * ARNs. Each acknowledgement names exactly that policy or that hook's ARN pattern, so any other
 * grant to the role is still reported.
 */
function acknowledgeServiceRole(deploymentGroup: codedeploy.LambdaDeploymentGroup, hooks: (lambda.Function | undefined)[]): void {
  acknowledgeRule(deploymentGroup.role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]', 'FN11',
    'AWSCodeDeployRoleForLambdaLimited is the policy AWS maintains for CodeDeploy\'s Lambda deployments: alias updates, alarm reads, and invocations of hooks named CodeDeployHook_* only.');
  for (const hook of hooks) {
    if (!hook) continue;
    const logicalId = Stack.of(hook).resolve((hook.node.defaultChild as CfnResource).logicalId) as string;
    acknowledgeRule(deploymentGroup.role, `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, 'FN11',
      'aws-cdk-lib lets CodeDeploy invoke the hook function and its versions and aliases (`:*`); the wildcard stays within this one hook function.');
  }
}

/**
 * FN11: a new alarm for each new version. The alarm's logical ID ends with the hash of the
 * version's (the one aws-cdk-lib gives `currentVersion`), so a deployment of a new version
 * replaces it: CloudFormation creates the new alarm (state INSUFFICIENT_DATA, which never stops a
 * deployment) before the alias update starts the deployment, and deletes the old one afterwards.
 * An alarm still firing from the previous version thus can neither roll back nor block the next
 * deployment, not even during the minute an updated alarm would keep its old state.
 */
function versionScopedAlarm(alarm: cloudwatch.Alarm, version: lambda.Version): cloudwatch.Alarm {
  const stack = Stack.of(alarm);
  const alarmResource = alarm.node.defaultChild as CfnResource;
  const versionResource = version.node.defaultChild as CfnResource;
  const baseLogicalId = stack.resolve(alarmResource.logicalId) as string;
  const versionHashLength = 32;
  alarmResource.overrideLogicalId(Lazy.uncachedString({
    produce: () => `${baseLogicalId}${(stack.resolve(versionResource.logicalId) as string).slice(-versionHashLength)}`,
  }));
  return alarm;
}

/** The function CodeDeploy runs as a hook: it may invoke only the version under test, whose ARN is in its environment. */
function hookFunction(scope: Construct, id: string, hook: TrafficHook, version: lambda.Version, createHook: GuardedHookFactory): lambda.Function {
  const fn = hook.props ? createHook(scope, id, hook.props).lambdaFunction : hook.existingFunction!;
  fn.addEnvironment(DEPLOYMENT_DEFAULTS.hookVersionVariable, version.functionArn);
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [version.functionArn] }));
  return fn;
}

function deploymentConfigOf(scope: Construct, shifting: TrafficShifting | undefined): codedeploy.ILambdaDeploymentConfig {
  if (!shifting) return codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES;
  switch (shifting.kind) {
    case TrafficShiftingKind.ALL_AT_ONCE:
      return codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE;
    case TrafficShiftingKind.PREDEFINED:
      return shifting.config!;
    case TrafficShiftingKind.CANARY:
      return new codedeploy.LambdaDeploymentConfig(scope, 'DeploymentConfig', {
        trafficRouting: new codedeploy.TimeBasedCanaryTrafficRouting({ percentage: shifting.percentage!, interval: shifting.interval! }),
      });
    default:
      return new codedeploy.LambdaDeploymentConfig(scope, 'DeploymentConfig', {
        trafficRouting: new codedeploy.TimeBasedLinearTrafficRouting({ percentage: shifting.percentage!, interval: shifting.interval! }),
      });
  }
}
