import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { LAMBDA_ENVIRONMENT_MAX_BYTES } from '../../../core/limits';
import { environmentSizeBytes } from '../../../template/lambda-environment';
import { GuardrailsRule } from '../../guardrails-rule';

/** FN3: a function's environment variables (keys + values) must total at most 4 KB. */
export const lambdaEnvironmentSize: GuardrailsRule = {
  id: 'LambdaEnvironmentSize',
  level: NagMessageLevel.ERROR,
  practice: 'FN3',
  info: 'The Lambda function\'s environment variables exceed 4 KB (keys + values).',
  explanation: 'Lambda rejects the deployment; large configuration belongs in SSM Parameter Store, AppConfig or S3. Counted: keys and literal values; a value only known at deploy time counts its literal parts only.',
  fix: 'Move large values out of the environment and pass their name or ARN instead.',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [],
  check: (resource) => {
    const variables = resource.properties.Environment?.Variables;
    if (variables === undefined) return NagRuleCompliance.COMPLIANT;
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return NagRuleCompliance.NOT_APPLICABLE;
    return environmentSizeBytes(variables) > LAMBDA_ENVIRONMENT_MAX_BYTES ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
