import { CfnResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Construct, IConstruct } from 'constructs';
import { ServerlessGuardrailsChecks } from '../../src';
import { GuardrailsRule } from '../../src/nag/guardrails-rule';
import { TemplateIndex } from '../../src/nag/template-index';

export { NagRuleCompliance };

/**
 * The result of one rule for one construct (its default child when it is an L2), as the pack
 * gets it: not applicable to a resource type the rule does not judge.
 */
export function ruleResult(rule: GuardrailsRule, construct: IConstruct): NagRuleResult {
  const cfn = (CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild) as CfnResource;
  if (!rule.resourceTypes.includes(cfn.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
  const index = new TemplateIndex(Stack.of(cfn));
  const resource = index.resourceOf(cfn);
  return resource ? rule.check(resource, index) : NagRuleCompliance.NOT_APPLICABLE;
}

/** Our pack's findings under `scope`, as "rule-id at path". */
export function guardrailsFindings(scope: IConstruct): string[] {
  return new ServerlessGuardrailsChecks().validateScope(scope).violations
    .flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}

/** A Lambda function with inline code and no other resource of its own. */
export function plainFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    ...props,
  });
}
