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
    // Pre-order, as `findAll` lists them, carrying the enclosing stacks down (`Stack.of` of a
    // resource is the innermost) instead of looking them up for every construct.
    const visit = (construct: IConstruct, stacks: Stack[]) => {
      for (const child of construct.node.children) {
        if (CfnResource.isCfnResource(child)) {
          if (stacks.length > 0) constructsOf(stacks[stacks.length - 1]).resources.push(child);
        } else if (child instanceof Asset) {
          // An asset belongs to the stack it is defined in, as the stack's own walk found it (a nested stack's assets too).
          stacks.forEach((stack) => constructsOf(stack).assets.push(child));
        }
        visit(child, Stack.isStack(child) ? [...stacks, child] : stacks);
      }
    };
    visit(this.root, Stack.isStack(this.root) ? [this.root] : []);
    this.byStack = byStack;
    return byStack;
  }
}
