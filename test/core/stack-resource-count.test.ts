import { CfnResource, NestedStack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { warnNearStackResourceLimit } from '../../src/core/stack-resource-count';
import { newStack } from '../support/stacks';

function addResources(scope: import('constructs').Construct, count: number, prefix = 'R'): void {
  for (let i = 0; i < count; i++) new CfnResource(scope, `${prefix}${i}`, { type: 'AWS::SNS::Topic' });
}

const WARNING = /TestStack has \d+ resources; CloudFormation allows at most 500 per stack \(warning above 450\)\. Split the app/;

describe('warning near CloudFormation\'s 500-resource limit', () => {
  test('resources added after the call count; above 450 the stack gets one warning naming it and the count', () => {
    const { stack } = newStack();
    warnNearStackResourceLimit(stack);
    warnNearStackResourceLimit(stack);
    addResources(stack, 451);
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack', Match.stringLikeRegexp('CloudFormation allows at most'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(WARNING);
    expect(warnings[0].entry.data).toContain('TestStack has 451 resources');
  });

  test('450 resources: no warning', () => {
    const { stack } = newStack();
    warnNearStackResourceLimit(stack);
    addResources(stack, 450);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('the resources of a nested stack are its own: the parent counts the nested stack once', () => {
    const { stack } = newStack();
    const nested = new NestedStack(stack, 'Nested');
    warnNearStackResourceLimit(stack);
    addResources(stack, 440);
    addResources(nested, 100);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
