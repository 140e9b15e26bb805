import { CfnResource, Duration } from 'aws-cdk-lib';
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
import { subset, synthesized } from './support';
import { renderedProperties } from '../../src/nag/resource-rendering';
import { newStack } from '../support/stacks';

describe('resource rendering: the property readers', () => {
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
        expect({ node: node.node.path, key, value }).toStrictEqual({ node: node.node.path, key, value: subset(written[key], value) });
      }
    }
    for (const type of readTypes) expect({ type, read: (keysRead.get(type) ?? 0) > 0 }).toEqual({ type, read: true });
  });

  test('a CfnResource built by hand (CloudFormation keys) is read as it is', () => {
    const { stack } = newStack();
    const handMade = new CfnResource(stack, 'Handler', { type: 'AWS::Lambda::Function', properties: { Role: 'arn:aws:iam::123456789012:role/x', Timeout: 30 } });
    expect(renderedProperties(handMade, (value) => stack.resolve(value))).toEqual({ Role: 'arn:aws:iam::123456789012:role/x', Timeout: 30 });
  });
});
