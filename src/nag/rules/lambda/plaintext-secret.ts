import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { GuardrailsRule } from '../../guardrails-rule';

/** Names that announce a secret. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY)/i;
/** Names that announce a reference to a secret (an ARN, a parameter name), which is what we want. */
const REFERENCE_NAME = /(_ARN|_NAME|_ID|_PARAM|_PARAMETER|_PATH|_URL)$/i;

/**
 * FN3: a literal value in an environment variable whose name looks like a secret. One finding per
 * variable name, so a false positive can be acknowledged alone. Values only known at deploy time
 * (references) and values that are ARNs or SSM parameter paths are not secrets in the template.
 */
export const lambdaPlaintextSecret: GuardrailsRule = {
  id: 'LambdaPlaintextSecret',
  level: NagMessageLevel.WARN,
  practice: 'FN3',
  info: 'An environment variable whose name looks like a secret holds a literal value.',
  explanation: 'Environment values are visible to anyone who can read the function configuration or the template. Skipped: names that announce a reference (_ARN, _NAME, _ID, _PARAM, _PATH, _URL), values that are references, ARNs, SSM paths or {{resolve:...}} dynamic references.',
  fix: 'Store the secret in Secrets Manager or SSM SecureString, pass its ARN or name, and grant read (GuardedFunction `secrets`).',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [],
  check: (resource) => {
    const variables = resource.properties.Environment?.Variables;
    if (variables === null || typeof variables !== 'object') return NagRuleCompliance.NOT_APPLICABLE;
    const findings = Object.entries(variables)
      .filter(([name, value]) => SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && isLiteralSecret(value))
      .map(([name]) => name);
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};

function isLiteralSecret(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !value.startsWith('arn:') && !value.startsWith('/') && !value.startsWith('{{resolve:');
}
