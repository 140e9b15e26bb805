import { Annotations, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { STACK_RESOURCES_WARNING_THRESHOLD } from './defaults';
import { CLOUDFORMATION_MAX_RESOURCES_PER_STACK } from './limits';

/** Stacks that already count their resources at synth, so each warns once. */
const countedStacks = new WeakSet<Stack>();

/**
 * Warns at synth when the stack of `scope` holds more than `STACK_RESOURCES_WARNING_THRESHOLD`
 * resources, before CloudFormation's limit of 500 per stack stops the deployment. Any construct
 * may call it; the check is registered once per stack and counts at validation time, so resources
 * added after the call count too.
 */
export function warnNearStackResourceLimit(scope: IConstruct): void {
  const stack = Stack.of(scope);
  if (countedStacks.has(stack)) return;
  countedStacks.add(stack);
  stack.node.addValidation({
    validate: () => {
      const count = resourcesOf(stack);
      if (count > STACK_RESOURCES_WARNING_THRESHOLD) {
        Annotations.of(stack).addWarningV2('cdk-serverless-guardrails:stack-resource-count',
          `${stack.node.path} has ${count} resources; CloudFormation allows at most ${CLOUDFORMATION_MAX_RESOURCES_PER_STACK} per stack `
          + `(warning above ${STACK_RESOURCES_WARNING_THRESHOLD}). Split the app: one stack per bounded context, or NestedStack for a group of patterns.`);
      }
      return [];
    },
  });
}

/** The CloudFormation resources of `stack` itself; a nested stack counts as one (its own resources are its own). */
function resourcesOf(stack: Stack): number {
  const visit = (construct: IConstruct): number => construct.node.children.reduce((sum, child) =>
    sum + (Stack.isStack(child) || Stage.isStage(child) ? 0 : visit(child)), CfnResource.isCfnResource(construct) ? 1 : 0);
  return visit(stack);
}
