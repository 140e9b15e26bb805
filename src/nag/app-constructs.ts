import { CfnResource, Stack } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { IConstruct } from 'constructs';

/** The constructs of one stack that the template index reads. */
export interface StackConstructs {
  /** The stack's own L1 resources (not those of its nested stacks), in the order of the construct tree. */
  readonly resources: CfnResource[];
  /** The stack's file assets (a state machine definition may come from one). */
  readonly assets: Asset[];
}

/**
 * The L1 resources and file assets of every stack of an app, found in one walk of the construct
 * tree when first asked, and shared by the template indexes of a validation run (one walk of the
 * app instead of one per stack and another for the cross-stack handlers).
 */
export class AppConstructs {
  private byStack?: Map<Stack, StackConstructs>;

  constructor(private readonly root: IConstruct) {}

  /** The constructs of one stack. */
  public of(stack: Stack): StackConstructs {
    return this.scan().get(stack) ?? { resources: [], assets: [] };
  }

  /** The L1 resources of every stack of the app. */
  public resources(): CfnResource[] {
    return [...this.scan().values()].flatMap((constructs) => constructs.resources);
  }

  private scan(): Map<Stack, StackConstructs> {
    if (this.byStack) return this.byStack;
    const byStack = new Map<Stack, StackConstructs>();
    const constructsOf = (stack: Stack) => byStack.get(stack) ?? byStack.set(stack, { resources: [], assets: [] }).get(stack)!;
    for (const construct of this.root.node.findAll()) {
      if (CfnResource.isCfnResource(construct)) constructsOf(Stack.of(construct)).resources.push(construct);
      // An asset belongs to the stack it is defined in, as the stack's own walk found it (a nested stack's assets too).
      else if (construct instanceof Asset) this.assetOwners(construct).forEach((stack) => constructsOf(stack).assets.push(construct));
    }
    this.byStack = byStack;
    return byStack;
  }

  /** The stacks whose subtree holds a construct: its stack and the stacks that enclose that one. */
  private assetOwners(construct: IConstruct): Stack[] {
    return construct.node.scopes.filter((scope): scope is Stack => Stack.isStack(scope));
  }
}
