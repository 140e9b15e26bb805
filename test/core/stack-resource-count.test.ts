import { CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CognitoRestApi, QueueProcessor, ResilientStateMachine, TableStreamProcessor } from '../../src';
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

describe('every construct of the library registers the check', () => {
  const inline = { code: lambda.Code.fromInline('exports.handler = async () => ({});'), handler: 'index.handler' };
  const builders: Array<[string, (stack: Stack) => void]> = [
    ['QueueProcessor', (stack) => new QueueProcessor(stack, 'C', { processorFunction: plainFunction(stack) })],
    ['TableStreamProcessor', (stack) => new TableStreamProcessor(stack, 'C', {
      tableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }, processorFunction: plainFunction(stack),
    })],
    ['ResilientStateMachine', (stack) => new ResilientStateMachine(stack, 'C', { definition: new sfn.Pass(stack, 'Step') })],
    ['CognitoRestApi', (stack) => new CognitoRestApi(stack, 'C').addRoute('GET', '/items', { handlerProps: inline })],
  ];
  function plainFunction(stack: Stack): lambda.IFunction {
    return lambda.Function.fromFunctionArn(stack, 'Existing', 'arn:aws:lambda:eu-west-1:123456789012:function:existing');
  }

  test.each(builders)('%s', (_name, build) => {
    const { stack } = newStack();
    build(stack);
    addResources(stack, 451);
    expect(Annotations.fromStack(stack).findWarning('/TestStack', Match.stringLikeRegexp('CloudFormation allows at most'))).toHaveLength(1);
  });
});
