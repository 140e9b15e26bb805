import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES, roleKey } from '../../template-index';

/** FN6: one execution role per function, so each role can be least privilege. */
export const lambdaSharedRole: GuardrailsRule = {
  id: 'LambdaSharedRole',
  level: NagMessageLevel.ERROR,
  practice: 'FN6',
  info: 'The Lambda function shares its execution role with another function.',
  explanation: 'A shared role holds the union of both functions\' permissions, so neither is least privilege. Counted per stack: roles are compared by logical ID or literal ARN.',
  fix: 'Give every function its own role (GuardedFunction creates one).',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: LOOKUP_TYPES.functionsPerRole,
  check: (resource, index) => {
    if (resource.properties.Role === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const users = index.functionsPerRole().get(roleKey(resource.properties.Role)) ?? 0;
    return users > 1 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
