import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { CfnValue, flattenToString, referencedLogicalIds } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { IndexedResource, LOOKUP_TYPES, TemplateIndex } from '../../template-index';

/**
 * FN10: a function with an alias whose trigger invokes the unqualified function ($LATEST),
 * bypassing the alias and so its rollout. The triggers are read where every one of them shows in
 * the template: an event source mapping names the function it invokes, and every push trigger (an
 * EventBridge target, an S3 notification, an SNS subscription, an API integration) needs a Lambda
 * permission on what it invokes. Either is unqualified when it refers to the function itself
 * rather than to one of its aliases or versions, and adds no `:qualifier` after the reference
 * (`<function ARN>:live` is qualified).
 */
export const lambdaUnqualifiedTrigger: GuardrailsRule = {
  id: 'LambdaUnqualifiedTrigger',
  level: NagMessageLevel.ERROR,
  practice: 'FN10',
  info: 'The Lambda function has an alias, but a trigger invokes the unqualified function.',
  explanation: 'Versions are immutable and aliases are pointers: a trigger on the unqualified function runs $LATEST, which bypasses the alias, its traffic shifting and its rollback. Read: event source mappings and Lambda permissions (which every push trigger needs: EventBridge, S3, SNS, API Gateway) that refer to the function itself without a qualifier.',
  fix: 'Point the trigger at the alias: GuardedFunction `alias` / `addEventSource` / `grantInvoke`, or `lambda.Alias` as the target of the rule, notification, subscription or integration.',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [...LOOKUP_TYPES.permissionsOf, ...LOOKUP_TYPES.eventSourceMappingsOf],
  check: (fn, index) => {
    const hasAlias = index.ofType('AWS::Lambda::Alias').some((alias) => index.functionReferencedBy(alias.properties.FunctionName)?.logicalId === fn.logicalId);
    if (!hasAlias) return NagRuleCompliance.NOT_APPLICABLE;
    const triggers = [...index.eventSourceMappingsOf(fn.logicalId), ...index.permissionsOf(fn.logicalId)];
    return triggers.some((trigger) => isUnqualified(trigger.properties.FunctionName, fn, index))
      ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** Whether `target` names `fn` itself, without an alias or version. */
function isUnqualified(target: CfnValue, fn: IndexedResource, index: TemplateIndex): boolean {
  const ids = referencedLogicalIds(target);
  if (!ids.has(fn.logicalId)) return false;
  if ([...ids].some((id) => index.get(id)?.type === 'AWS::Lambda::Alias' || index.get(id)?.type === 'AWS::Lambda::Version')) return false;
  // `<Fn>` (its name) or `<Fn.Arn>`, qualified when `:qualifier` follows.
  const flat = flattenToString(target);
  const references = [`<${fn.logicalId}>`, `<${fn.logicalId}.Arn>`];
  return references.some((reference) => flat.split(reference).slice(1).some((after) => !/^:[^:/]+/.test(after)));
}
