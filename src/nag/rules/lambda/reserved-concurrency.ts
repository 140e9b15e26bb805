import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * FN5: a function without reserved concurrency shares the account pool: a spike elsewhere can
 * throttle it, and a spike of its own can throttle everything else. 0 (switched off) is a choice.
 * Not applicable to functions only CloudFormation invokes at deploy time (custom resource
 * handlers, among them the ones aws-cdk-lib adds on its own and `triggers.TriggerFunction`, also
 * across stacks: see `TemplateIndex.isDeployTimeFunction`): they have no traffic to protect or cap.
 */
export const lambdaReservedConcurrency: GuardrailsRule = {
  id: 'LambdaReservedConcurrency',
  level: NagMessageLevel.WARN,
  practice: 'FN5',
  info: 'The Lambda function has no reserved concurrency.',
  explanation: 'Reserved concurrency protects a function from throttling caused elsewhere and caps its own blast radius. Skipped: functions only CloudFormation invokes (custom resource handlers, also those of a custom resource in another or a nested stack, including aws-cdk-lib\'s own: bucket notifications, log retention, auto-delete objects, AwsCustomResource, triggers, ...), which have no traffic to protect; one that also has an invoke permission, an event source mapping or a function URL is judged.',
  fix: 'Set ReservedConcurrentExecutions (GuardedFunction does by default), or acknowledge with the reason the function shares the pool.',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: LOOKUP_TYPES.isDeployTimeFunction,
  check: (resource, index) => {
    if (index.isDeployTimeFunction(resource.logicalId)) return NagRuleCompliance.NOT_APPLICABLE;
    const reserved = resource.properties.ReservedConcurrentExecutions;
    return reserved === undefined || reserved === null ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
