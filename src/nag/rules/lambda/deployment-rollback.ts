import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asArray, referencedLogicalIds } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { IndexedResource, TemplateIndex } from '../../template-index';

const APPLICATION_TYPE = 'AWS::CodeDeploy::Application';
const DEPLOYMENT_CONFIG_TYPE = 'AWS::CodeDeploy::DeploymentConfig';

/**
 * FN11: a Lambda deployment group must roll back on its alarms: auto rollback enabled with
 * DEPLOYMENT_STOP_ON_ALARM, and an enabled alarm configuration with at least one alarm. A group is
 * judged when it is known to deploy Lambda: its application (in the stack) has the compute platform
 * Lambda, or its deployment configuration is a Lambda one (`CodeDeployDefault.Lambda*` or one of
 * the stack with the compute platform Lambda). Values only known at deploy time count as missing.
 */
export const lambdaDeploymentRollback: GuardrailsRule = {
  id: 'LambdaDeploymentRollback',
  level: NagMessageLevel.ERROR,
  practice: 'FN11',
  info: 'The Lambda deployment group does not roll back automatically when an alarm fires.',
  explanation: 'A canary or linear deployment is only safe if a failing new version is rolled back: CodeDeploy needs an enabled alarm configuration with at least one alarm and auto rollback on DEPLOYMENT_STOP_ON_ALARM (and on failed deployments). Read: the group\'s application or deployment configuration tells a Lambda group.',
  fix: 'Use GuardedFunction `deployment`, or give the LambdaDeploymentGroup `alarms` (errors of the new version: Lambda metrics with the ExecutedVersion dimension) and `autoRollback: { deploymentInAlarm: true, failedDeployment: true }`.',
  resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'],
  lookupTypes: [APPLICATION_TYPE, DEPLOYMENT_CONFIG_TYPE],
  check: (group, index) => {
    if (!deploysLambda(group, index)) return NagRuleCompliance.NOT_APPLICABLE;
    const rollback = group.properties.AutoRollbackConfiguration ?? {};
    const alarms = group.properties.AlarmConfiguration ?? {};
    const rollsBackOnAlarm = isTrue(rollback.Enabled) && asArray(rollback.Events).includes('DEPLOYMENT_STOP_ON_ALARM');
    const watchesAlarms = isTrue(alarms.Enabled) && asArray(alarms.Alarms).length > 0;
    return rollsBackOnAlarm && watchesAlarms ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function deploysLambda(group: IndexedResource, index: TemplateIndex): boolean {
  const isLambda = (type: string, value: unknown) => index.ofType(type)
    .some((resource) => referencedLogicalIds(value).has(resource.logicalId) && resource.properties.ComputePlatform === 'Lambda');
  const config = group.properties.DeploymentConfigName;
  return isLambda(APPLICATION_TYPE, group.properties.ApplicationName) || isLambda(DEPLOYMENT_CONFIG_TYPE, config)
    || (typeof config === 'string' && config.startsWith('CodeDeployDefault.Lambda'));
}
