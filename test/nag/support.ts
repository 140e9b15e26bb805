import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ServerlessGuardrailsChecks } from '../../src';
import { GuardrailsRule } from '../../src/nag/guardrails-rule';
import { indexedTypesOf } from '../../src/nag/rule-catalog';
import { TemplateIndex } from '../../src/nag/template-index';

export { NagRuleCompliance };

/**
 * The result of one rule for one construct (its default child when it is an L2), as the pack
 * gets it: not applicable to a resource type the rule does not judge. The index holds only the
 * types the rule declares, so a lookup of a type it forgot to declare fails its tests.
 */
export function ruleResult(rule: GuardrailsRule, construct: IConstruct): NagRuleResult {
  const cfn = (CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild) as CfnResource;
  if (!rule.resourceTypes.includes(cfn.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
  const index = new TemplateIndex(Stack.of(cfn), indexedTypesOf([rule]));
  const resource = index.resourceOf(cfn);
  return resource ? rule.check(resource, index) : NagRuleCompliance.NOT_APPLICABLE;
}

/** Our pack's findings under `scope`, as "rule-id at path". */
export function guardrailsFindings(scope: IConstruct): string[] {
  return new ServerlessGuardrailsChecks().validateScope(scope).violations
    .flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}

/** The shared plain function of test/support (a Lambda function with inline code and no other resource). */
export { plainFunction } from '../support/stacks';

/** The Properties synth writes for an L1, as the template holds them. */
export function synthesized(stack: Stack, node: CfnResource): { [key: string]: unknown } {
  const template = stack.resolve((node as unknown as { _toCloudFormation(): any })._toCloudFormation());
  return Object.values<any>(template.Resources)[0].Properties ?? {};
}

/** The part of `written` that `read` has (readers read some nested keys only). */
export function subset(written: unknown, read: unknown): unknown {
  if (Array.isArray(written) && Array.isArray(read)) return written.map((item, index) => subset(item, read[index]));
  if (written === null || typeof written !== 'object' || Array.isArray(written) || read === null || typeof read !== 'object') return written;
  return Object.fromEntries(Object.keys(read).map((key) => [key, subset((written as any)[key], (read as any)[key])]));
}
