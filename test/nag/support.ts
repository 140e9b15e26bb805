import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ServerlessGuardrailsChecks } from '../../src';
import { IndexedResource, TemplateIndex } from '../../src/nag/template-index';

export { NagRuleCompliance };

type Check = (resource: IndexedResource, index: TemplateIndex) => NagRuleResult;

/** The result of one rule for one construct (its default child when it is an L2). */
export function ruleResult(check: Check, construct: IConstruct): NagRuleResult {
  const cfn = (CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild) as CfnResource;
  const index = new TemplateIndex(Stack.of(cfn));
  const resource = index.resourceOf(cfn);
  // The pack skips resources of types no rule reads, which is "not applicable" for every rule.
  return resource ? check(resource, index) : NagRuleCompliance.NOT_APPLICABLE;
}

/** Our pack's findings under `scope`, as "rule-id at path". */
export function guardrailsFindings(scope: IConstruct): string[] {
  return new ServerlessGuardrailsChecks().validateScope(scope).violations
    .flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}
