import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asArray, flattenToString, referencedLogicalIds } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { IndexedResource, LiteralEnvironment, LOOKUP_TYPES, TemplateIndex } from '../../template-index';

const INVOKE_ACTIONS = ['lambda:invokefunction', 'lambda:invokeasync'];

/**
 * FN13: a function whose own role may invoke it can loop forever (and bill for it). The role's
 * statements are read from every policy attached to it in the stack. A statement's Resource reaches
 * the function when it:
 * refers to the function, or to one of its aliases or versions (Ref, Fn::GetAtt, also inside an
 * Fn::Join or Fn::Sub such as `<function ARN>:live`);
 * or is a literal ARN (pattern) that matches the function, e.g.
 * `arn:aws:lambda:eu-west-1:123456789012:function:name`, qualified or not, when the function's
 * FunctionName is the literal `name`, or `*`, `function:na*`.
 * A name that is generated or a token can only be matched by a wildcard, which is reported because
 * it may match; a literal name cannot be compared with it. Parameters other than the pseudo
 * parameters `AWS::Partition`, `AWS::Region` and `AWS::AccountId` are not guessed.
 */
export const lambdaRecursiveInvoke: GuardrailsRule = {
  id: 'LambdaRecursiveInvoke',
  level: NagMessageLevel.ERROR,
  practice: 'FN13',
  info: 'The Lambda function\'s own role may invoke the function.',
  explanation: 'A function that can invoke itself can loop without end, and bill for every turn. Read: every policy attached to the role in the stack; a resource matches by reference (also to an alias or version) or as a literal ARN pattern; parameters other than the pseudo parameters are not guessed; roles outside the stack are skipped.',
  fix: 'Remove lambda:InvokeFunction on the function (or on `*`) from its own role; hand work on through a queue or a state machine.',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [...LOOKUP_TYPES.statementsOfRole, ...LOOKUP_TYPES.functionReferencedBy],
  check: (resource, index) => {
    const roleIds = [...referencedLogicalIds(resource.properties.Role)];
    if (roleIds.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const mayInvokeItself = index.statementsOfRole(roleIds[0], grantsInvoke).some((statement) => statement.Effect === 'Allow'
      && asArray(statement.Action).some((action) => typeof action === 'string' && grantsInvoke(action))
      && asArray(statement.Resource).some((target) => targetsFunction(target, resource, index)));
    return mayInvokeItself ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** Whether an IAM action (pattern) grants invoking a function. */
function grantsInvoke(action: string): boolean {
  return INVOKE_ACTIONS.some((invoke) => globMatches(action.toLowerCase(), invoke));
}

function targetsFunction(target: unknown, fn: IndexedResource, index: TemplateIndex): boolean {
  if (typeof target !== 'string' && index.functionReferencedBy(target)?.logicalId === fn.logicalId) return true;
  const name = fn.properties.FunctionName;
  return literalArnMatches(flattenToString(target), typeof name === 'string' ? name : undefined, index.environment);
}

/** Stands for a deploy-time part of a flattened value that is not one of the stack's own pseudo parameters. */
const UNKNOWN = '\u0000';

/**
 * Whether an IAM Resource (literal, or flattened with deploy-time parts as `<...>`) matches the
 * function `name` (undefined when generated or a token) of a stack in `env`.
 */
function literalArnMatches(resource: string, name: string | undefined, env: LiteralEnvironment): boolean {
  if (resource === '*') return true;
  // The stack's pseudo parameters are the function's own partition, region and account.
  const pattern = resource.replace(/<AWS::(Partition|Region|AccountId)>/g, '*').replace(/<[^>]*>/g, UNKNOWN);
  const parts = pattern.split(':');
  // A trailing `*` also matches the ARN's remaining segments (`arn:aws:lambda:*`).
  while (parts.length < 6 && parts[parts.length - 1].endsWith('*')) parts.push('*');
  if (parts.length < 6 || pattern.includes(UNKNOWN)) return false;
  const [arn, partition, service, region, account, ...rest] = parts;
  const segmentMatches = (segment: string, actual: string | undefined) => actual === undefined || globMatches(segment, actual);
  if (!globMatches(arn, 'arn') || !globMatches(service, 'lambda') || !segmentMatches(partition, env.partition)
    || !segmentMatches(region, env.region) || !segmentMatches(account, env.account)) {
    return false;
  }
  // `function:<name>` or `function:<name>:<qualifier>` (an alias or version of the function).
  const [kind, namePattern] = rest;
  const byName = rest.length <= 3 && namePattern !== undefined && globMatches(kind, 'function');
  if (name !== undefined) return byName ? globMatches(namePattern, name) : globMatches(rest.join(':'), `function:${name}`);
  return /[*?]/.test(byName ? namePattern : rest.join(':'));
}

/** IAM's wildcard match: `*` any characters, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}
