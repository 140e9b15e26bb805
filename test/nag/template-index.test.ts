import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { plainFunction, NagRuleCompliance, ruleResult } from './support';
import { INDEXED_TYPES } from '../../src/nag/rule-catalog';
import { lambdaLogRetention } from '../../src/nag/rules/lambda';
import { isIndexedType, renderedProperties, TemplateIndex } from '../../src/nag/template-index';
import { newStack } from '../support/stacks';

/** The Properties synth writes for an L1, as the template holds them. */
function synthesized(stack: Stack, node: CfnResource): { [key: string]: unknown } {
  const template = stack.resolve((node as unknown as { _toCloudFormation(): any })._toCloudFormation());
  return Object.values<any>(template.Resources)[0].Properties ?? {};
}

/** The part of `written` that `read` has (readers read some nested keys only). */
function subset(written: unknown, read: unknown): unknown {
  if (Array.isArray(written) && Array.isArray(read)) return written.map((item, index) => subset(item, read[index]));
  if (written === null || typeof written !== 'object' || Array.isArray(written) || read === null || typeof read !== 'object') return written;
  return Object.fromEntries(Object.keys(read).map((key) => [key, subset((written as any)[key], (read as any)[key])]));
}

describe('TemplateIndex property readers', () => {
  test('the properties read without rendering equal those synth writes, for every type with a reader', () => {
    const { stack } = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = new lambda.Function(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      functionName: 'orders',
      role,
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: 2,
      environment: { TABLE: 'orders', QUEUE_URL: new sqs.Queue(stack, 'Queue').queueUrl },
      logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK, logGroupName: '/custom/orders' }),
      deadLetterQueueEnabled: true,
    });
    fn.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    new iam.ManagedPolicy(stack, 'Managed', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    new pipes.CfnPipe(stack, 'Pipe', {
      roleArn: role.roleArn,
      source: table.tableStreamArn!,
      target: new sqs.Queue(stack, 'Target').queueArn,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: 10, maximumRetryAttempts: 3, maximumRecordAgeInSeconds: 600, deadLetterConfig: { arn: new sqs.Queue(stack, 'PipeDlq').queueArn } },
        filterCriteria: { filters: [{ pattern: '{}' }] },
      },
    });
    const queue = new sqs.Queue(stack, 'Source', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: new sqs.Queue(stack, 'SourceDlq'), maxReceiveCount: 3 } });
    fn.addEventSource(new sources.SqsEventSource(queue, {
      batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 2, maxBatchingWindow: Duration.seconds(1),
    }));
    fn.addEventSource(new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.LATEST,
      bisectBatchOnError: true,
      retryAttempts: 2,
      maxRecordAge: Duration.hours(1),
      onFailure: new sources.SqsDlq(queue),
    }));
    new events.Rule(stack, 'Rule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: queue }),
        new targets.SqsQueue(queue),
      ],
    });
    const api = new apigw.RestApi(stack, 'Api', {
      defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'], allowCredentials: true },
      deployOptions: { methodOptions: { '/*/*': { cachingEnabled: true, cacheDataEncrypted: true, cacheTtl: Duration.minutes(5), throttlingRateLimit: 10 } } },
    });
    api.root.addMethod('POST', new apigw.LambdaIntegration(fn, {
      proxy: false, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" }, integrationResponses: [{ statusCode: '202' }],
    }), { methodResponses: [{ statusCode: '202' }] });
    new iam.CfnRolePolicy(stack, 'Inline', { roleName: role.roleName, policyName: 'inline', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] } });

    const readTypes = ['AWS::Lambda::Function', 'AWS::Lambda::Permission', 'AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::Logs::LogGroup', 'AWS::Pipes::Pipe',
      'AWS::Lambda::EventSourceMapping', 'AWS::SQS::Queue', 'AWS::Events::Rule', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Stage', 'AWS::SQS::QueuePolicy'];
    const nodes = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && readTypes.includes(c.cfnResourceType));
    expect(new Set(nodes.map((node) => node.cfnResourceType))).toEqual(new Set(readTypes));
    const keysRead = new Map<string, number>();
    for (const node of nodes) {
      const read = renderedProperties(node, (value) => stack.resolve(value));
      const written = synthesized(stack, node);
      keysRead.set(node.cfnResourceType, (keysRead.get(node.cfnResourceType) ?? 0) + Object.keys(read).length);
      for (const [key, value] of Object.entries(read)) {
        expect({ node: node.node.path, key, value }).toEqual({ node: node.node.path, key, value: subset(written[key], value) });
      }
    }
    for (const type of readTypes) expect({ type, read: (keysRead.get(type) ?? 0) > 0 }).toEqual({ type, read: true });
  });

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
      for (const [key, value] of Object.entries(read)) {
        expect({ node: node.node.path, key, value }).toEqual({ node: node.node.path, key, value: subset(written[key], value) });
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
      for (const [key, value] of Object.entries(read)) {
        expect({ node: node.node.path, key, value }).toEqual({ node: node.node.path, key, value: subset(written[key], value) });
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

  test('a CfnResource built by hand (CloudFormation keys) is read as it is', () => {
    const { stack } = newStack();
    const handMade = new CfnResource(stack, 'Handler', { type: 'AWS::Lambda::Function', properties: { Role: 'arn:aws:iam::123456789012:role/x', Timeout: 30 } });
    expect(renderedProperties(handMade, (value) => stack.resolve(value))).toEqual({ Role: 'arn:aws:iam::123456789012:role/x', Timeout: 30 });
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
