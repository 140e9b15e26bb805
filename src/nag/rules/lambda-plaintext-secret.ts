import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IndexedResource } from '../template-index';

/** Names that announce a secret. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY)/i;
/** Names that announce a reference to a secret (an ARN, a parameter name), which is what we want. */
const REFERENCE_NAME = /(_ARN|_NAME|_ID|_PARAM|_PARAMETER|_PATH|_URL)$/i;

/**
 * FN3: a literal value in an environment variable whose name looks like a secret. One finding per
 * variable name, so a false positive can be acknowledged alone. Values only known at deploy time
 * (references) and values that are ARNs or SSM parameter paths are not secrets in the template.
 */
export function lambdaPlaintextSecret(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const variables = resource.properties.Environment?.Variables;
  if (variables === null || typeof variables !== 'object') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = Object.entries(variables)
    .filter(([name, value]) => SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && isLiteralSecret(value))
    .map(([name]) => name);
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}

function isLiteralSecret(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !value.startsWith('arn:') && !value.startsWith('/') && !value.startsWith('{{resolve:');
}
