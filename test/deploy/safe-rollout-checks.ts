/**
 * Safe rollout (FN11) and provisioned concurrency (FN12) in the local deploy. moto_server cannot run
 * any of it: its CloudFormation skips the CodeDeploy, Application Auto Scaling, CloudWatch alarm
 * and Lambda alias resources (moto 5.2), so there is no deployment (no traffic shifting, no
 * lifecycle hook, no rollback), no alarm evaluation, no scaling action; and it runs no Lambda
 * without Docker (so no hook either). moto-compat.ts points alias and version targets at the
 * function. What a real deployment would do is asserted on the synthesized templates instead
 * (test/function/safe-rollout.test.ts: the deployment group, the rollback alarm's ExecutedVersion
 * dimension and its renewal with each version, the hook's permissions on its deployment group and
 * the version under test; test/function/provisioned-concurrency.test.ts; the hook's logic in
 * test/examples/pre-traffic-hook.test.ts). Here the stack must be created by moto's CloudFormation,
 * and what moto keeps is read back: the template it holds (deployment group, alias update policy)
 * and the hook function's configuration (the version under test in its environment).
 */
import { CloudFormationClient, GetTemplateCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';

export type Check = (what: string, ok: boolean, detail: unknown) => void;

export async function checkSafeRollout(clients: { cfn: CloudFormationClient; lambda: LambdaClient }, stackName: string,
  resources: StackResourceSummary[], check: Check): Promise<void> {
  console.log('\n== read back: safe rollout (CodeDeploy and Application Auto Scaling are not run by moto; see safe-rollout-checks.ts)');
  const held = JSON.parse((await clients.cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody ?? '{}');
  const ofType = (type: string) => Object.entries<any>(held.Resources ?? {}).filter(([, resource]) => resource.Type === type);
  const group = ofType('AWS::CodeDeploy::DeploymentGroup').map(([, resource]) => resource.Properties)[0];
  check('the deployment group rolls back on failure, stop and alarm (FN11; held template)',
    JSON.stringify(group?.AutoRollbackConfiguration?.Events) === JSON.stringify(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM']),
    group?.AutoRollbackConfiguration);
  check('the deployment group watches the rollback alarms (FN11; held template)',
    group?.AlarmConfiguration?.Enabled === true && group.AlarmConfiguration.Alarms?.length === 2, group?.AlarmConfiguration);
  const greeterAlias = ofType('AWS::Lambda::Alias').find(([id]) => id.startsWith('GreeterAlias'))?.[1];
  check('the alias update starts a CodeDeploy deployment with the pre-traffic hook (FN11; held template)',
    greeterAlias?.UpdatePolicy?.CodeDeployLambdaAliasUpdate?.BeforeAllowTrafficHook !== undefined, greeterAlias?.UpdatePolicy);
  const hook = resources.find((r) => r.ResourceType === 'AWS::Lambda::Function' && r.LogicalResourceId?.startsWith('GreeterPreTrafficHookFunction'));
  const configuration = hook?.PhysicalResourceId
    ? await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: hook.PhysicalResourceId })) : undefined;
  const versionUnderTest = configuration?.Environment?.Variables?.VERSION_UNDER_TEST;
  // moto-compat.ts points a version's Ref at its function (moto's Ref of a version is no ARN).
  const greeter = resources.find((r) => r.ResourceType === 'AWS::Lambda::Function' && r.LogicalResourceId?.startsWith('GreeterFunction'));
  check('the hook is told the function under test (FN11: VERSION_UNDER_TEST; the version qualifier is dropped for moto)',
    typeof versionUnderTest === 'string' && versionUnderTest.endsWith(`:function:${greeter?.PhysicalResourceId}`), versionUnderTest);
}
