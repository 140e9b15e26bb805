import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { asArray, referencedLogicalIds } from '../references';
import { IndexedResource, TemplateIndex } from '../template-index';

const INVOKE_ACTIONS = ['lambda:invokefunction', 'lambda:invokeasync'];

/**
 * FN13: a function whose own role may invoke it can loop forever (and bill for it). The role's
 * statements are read from every policy attached to it in the stack.
 */
export function lambdaRecursiveInvoke(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const roleIds = [...referencedLogicalIds(resource.properties.Role)];
  if (roleIds.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  const mayInvokeItself = index.statementsOfRole(roleIds[0]).some((statement) => statement.Effect === 'Allow'
    && asArray(statement.Action).some((action) => typeof action === 'string' && INVOKE_ACTIONS.some((invoke) => globMatches(action, invoke)))
    && asArray(statement.Resource).some((target) => targetsFunction(target, resource, index)));
  return mayInvokeItself ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}

function targetsFunction(target: unknown, fn: IndexedResource, index: TemplateIndex): boolean {
  if (typeof target === 'string') {
    // A literal pattern reaches this function when it may match any function name.
    return target === '*' || (/^arn:[^:]*:lambda:/.test(target) && /function:[^:]*\*/.test(target));
  }
  return index.functionReferencedBy(target)?.logicalId === fn.logicalId;
}

function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}
