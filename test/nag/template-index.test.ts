import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { plainFunction, NagRuleCompliance, ruleResult, subset, synthesized } from './support';
import { INDEXED_TYPES } from '../../src/nag/rule-catalog';
import { lambdaLogRetention } from '../../src/nag/rules/lambda';
import { renderedProperties } from '../../src/nag/resource-rendering';
import { isIndexedType, TemplateIndex } from '../../src/nag/template-index';
import { newStack } from '../support/stacks';

describe('TemplateIndex', () => {
  test('every resource the index renders (references written from the cached logical IDs) equals what synth writes', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 3 } });
    const fn = new lambda.Function(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async () => {};'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X });
    fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: 5 }));
    fn.configureAsyncInvoke({ retryAttempts: 1 });
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn));
    new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn)] });
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn })), stateMachineType: sfn.StateMachineType.EXPRESS,
    });
    new sfn.CfnStateMachine(stack, 'FromS3', { roleArn: 'arn:aws:iam::123456789012:role/sfn', definitionS3Location: { bucket: 'definitions', key: 'workflow.json' } });
    new sfn.CfnStateMachine(stack, 'FromObject', { roleArn: 'arn:aws:iam::123456789012:role/sfn', definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } });
    const index = new TemplateIndex(stack, INDEXED_TYPES);
    const nodes = stack.node.findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && isIndexedType(INDEXED_TYPES, c.cfnResourceType));
    expect(nodes.length).toBeGreaterThan(10);
    for (const node of nodes) {
      const read = index.resourceOf(node)!.properties;
      const written = synthesized(stack, node);
      // The index's own resolution gives exactly what the readers give with the stack's (no key dropped).
      expect({ node: node.node.path, read }).toStrictEqual({ node: node.node.path, read: renderedProperties(node, (value) => stack.resolve(value)) });
      for (const [key, value] of Object.entries(read)) {
        expect({ node: node.node.path, key, value }).toStrictEqual({ node: node.node.path, key, value: subset(written[key], value) });
      }
    }
  });

  test('an included template renders as synth writes it: references nested in objects and lists, intrinsics, undefined members', () => {
    const { stack } = newStack();
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 } } },
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Handler: 'index.handler',
            Runtime: 'nodejs22.x',
            Code: { ZipFile: 'x' },
            Environment: { Variables: { QUEUE: { Ref: 'Queue' }, ARN: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Queue', 'Arn'] }, ':x']] }, REGION: { 'Fn::Sub': '${AWS::Region}-${Queue}' } } },
          },
        },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: 'Role' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': ['Queue', 'Arn'] }, { 'Fn::Join': ['', ['arn:aws:sqs:', { Ref: 'AWS::Region' }, ':*']] }] }] },
          },
        },
        Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Items: [{ Ref: 'Queue' }, 'x', 2], Nested: { Deep: { Ref: 'Dlq' } } } },
      },
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-'));
    fs.writeFileSync(path.join(dir, 'template.json'), JSON.stringify(template));
    new CfnInclude(stack, 'Template', { templateFile: path.join(dir, 'template.json'), preserveLogicalIds: true });
    // Built by hand: undefined members are dropped, as synth drops them.
    const sparse = { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f', List: ['a', undefined], Map: { kept: 'b', dropped: undefined } };
    new CfnResource(stack, 'Sparse', { type: 'Custom::Sparse', properties: sparse });
    const index = new TemplateIndex(stack, INDEXED_TYPES);
    const nodes = stack.node.findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && isIndexedType(INDEXED_TYPES, c.cfnResourceType));
    expect(nodes.map((node) => node.cfnResourceType).sort()).toEqual(
      ['AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::SQS::Queue', 'Custom::Sparse', 'Custom::Thing']);
    for (const node of nodes) {
      const read = index.resourceOf(node)!.properties;
      const written = synthesized(stack, node);
      expect(Object.keys(read).length).toBeGreaterThan(0);
      expect({ node: node.node.path, read }).toStrictEqual({ node: node.node.path, read: renderedProperties(node, (value) => stack.resolve(value)) });
      for (const [key, value] of Object.entries(read)) {
        expect({ node: node.node.path, key, value }).toStrictEqual({ node: node.node.path, key, value: subset(written[key], value) });
      }
    }
    expect(index.resourceOf(nodes.find((node) => node.cfnResourceType === 'Custom::Sparse')!)!.properties)
      .toStrictEqual({ ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f', List: ['a'], Map: { kept: 'b' } });
  });

  test('an overridden logical ID is the one the index knows: lookups by it and references to it find the resource', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    (dlq.node.defaultChild as sqs.CfnQueue).overrideLogicalId('OrdersDeadLetters');
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const index = new TemplateIndex(stack, INDEXED_TYPES);
    expect(index.get('OrdersDeadLetters')?.type).toBe('AWS::SQS::Queue');
    expect(index.resourceOf(dlq.node.defaultChild as CfnResource)!.logicalId).toBe('OrdersDeadLetters');
    const redrive = index.resourceOf(queue.node.defaultChild as CfnResource)!.properties.RedrivePolicy;
    expect(index.referenced(redrive.deadLetterTargetArn, 'AWS::SQS::Queue').map((r) => r.logicalId)).toEqual(['OrdersDeadLetters']);
  });

  test('an index holds only the types it was built for and refuses a lookup of another type', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const functionsOnly = new TemplateIndex(stack, new Set(['AWS::Lambda::Function']));
    expect(functionsOnly.resourceOf(dlq.node.defaultChild as CfnResource)).toBeUndefined();
    expect(() => functionsOnly.redriveSourcesOf('Dlq')).toThrow('The template index was built without AWS::SQS::Queue: add them to the lookupTypes');
    const queues = new TemplateIndex(stack, new Set(['AWS::SQS::Queue']));
    expect(queues.redriveSourcesOf(stack.getLogicalId(dlq.node.defaultChild as CfnResource)).map((q) => q.logicalId)).toEqual([expect.stringMatching(/^Queue/)]);
  });

  test('a rule that forgot to declare a type it looks up fails its own tests', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    expect(ruleResult(lambdaLogRetention, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const forgetful = { ...lambdaLogRetention, lookupTypes: [] };
    expect(() => ruleResult(forgetful, fn)).toThrow(/^The template index was built without Custom::\*, AWS::StepFunctions::StateMachine/);
  });
});
