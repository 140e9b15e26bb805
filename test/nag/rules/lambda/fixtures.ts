import { CfnResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The Lambda functions of a stack that aws-cdk-lib added (every function but `own`). */
export function frameworkFunctions(stack: Stack, own: lambda.Function[] = []): CfnResource[] {
  const ownResources = new Set<unknown>(own.map((fn) => fn.node.defaultChild));
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function' && !ownResources.has(c));
}
