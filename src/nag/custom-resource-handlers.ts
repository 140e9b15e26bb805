import { CfnResource, Reference, Stack, Tokenization } from 'aws-cdk-lib';
import type { AppConstructs } from './app-constructs';
import { rawProperty } from './raw-property';

/** CloudFormation's generic custom resource type; CDK apps mostly write `Custom::<Name>`. */
const CUSTOM_RESOURCE_TYPE = 'AWS::CloudFormation::CustomResource';
const CUSTOM_RESOURCE_PREFIX = 'Custom::';

/** Whether a resource type is a custom resource (`Custom::*` or AWS::CloudFormation::CustomResource). */
export function isCustomResourceType(type: string): boolean {
  return type === CUSTOM_RESOURCE_TYPE || type.startsWith(CUSTOM_RESOURCE_PREFIX);
}

/**
 * The properties of a custom resource that name a function only CloudFormation's deployment runs:
 * every custom resource's ServiceToken, and the documented HandlerArn of aws-cdk-lib's
 * `triggers.Trigger` (Custom::Trigger), whose provider invokes that function once per deployment.
 * No other property is followed: what a custom resource does with its other properties is unknown.
 */
export function handlerPropertiesOf(type: string): readonly string[] {
  return type === 'Custom::Trigger' ? ['ServiceToken', 'HandlerArn'] : ['ServiceToken'];
}

/**
 * The resources that custom resources of one app name as their handlers (see `handlerPropertiesOf`)
 * in another stack: a provider in another stack (CDK writes the reference as Fn::ImportValue of
 * an export) or in a nested stack of the custom resource's stack, or the reverse (a nested stack's
 * output or parameter). One stack's template cannot follow these; the construct tree still holds
 * the reference. Found in one walk of the app, when first asked, and shared by the indexes of every
 * stack of a validation run.
 */
export class CrossStackHandlers {
  private byStack?: Map<Stack, CfnResource[]>;

  /** @param constructs the app's resources, found once per validation run */
  constructor(public readonly constructs: AppConstructs) {}

  /** The resources of `stack` that custom resources of other stacks name as their handlers. */
  public of(stack: Stack): readonly CfnResource[] {
    this.byStack ??= this.collect();
    return this.byStack.get(stack) ?? [];
  }

  private collect(): Map<Stack, CfnResource[]> {
    const byStack = new Map<Stack, CfnResource[]>();
    for (const construct of this.constructs.resources()) {
      if (!isCustomResourceType(construct.cfnResourceType)) continue;
      const own = Stack.of(construct);
      for (const name of handlerPropertiesOf(construct.cfnResourceType)) {
        for (const target of referencedResources(rawProperty(construct, name))) {
          const stack = Stack.of(target);
          if (stack === own) continue;
          const targets = byStack.get(stack);
          if (targets) targets.push(target);
          else byStack.set(stack, [target]);
        }
      }
    }
    return byStack;
  }
}

/** The resources a value before resolution refers to directly (a resource's ARN, name or attribute). */
function referencedResources(value: unknown): CfnResource[] {
  const tokens = typeof value === 'string' ? Tokenization.reverseString(value).tokens : [Tokenization.reverse(value)];
  return tokens.filter((token): token is Reference => token instanceof Reference)
    .map((reference) => reference.target)
    .filter((target): target is CfnResource => CfnResource.isCfnResource(target));
}
