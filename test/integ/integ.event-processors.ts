// Integration test: a DynamoDB stream and an SQS queue, each processed into a projection table.
// Run for real with `npx projen integ:deploy` (see README: Integration tests); CI checks the committed snapshot.
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newIntegApp } from './integ-apps';
import { QueueProcessor, TableStreamProcessor } from '../../src';

export const app = newIntegApp();
const stack = new Stack(app, 'IntegEventProcessors');
const projection = new dynamodb.Table(stack, 'Projection', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  removalPolicy: RemovalPolicy.DESTROY,
});
const processor = () => ({
  code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'projection-writer')),
  handler: 'index.handler',
  environment: { PROJECTION_TABLE: projection.tableName },
});

const stream = new TableStreamProcessor(stack, 'Orders', {
  tableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } },
  processor: processor(),
});
// The integ stack is destroyed after the run: its queue goes with it (the library retains queues by default).
const queue = new QueueProcessor(stack, 'Payments', { processor: processor(), queueProps: { removalPolicy: RemovalPolicy.DESTROY } });
projection.grantWriteData(stream.processor!.role);
projection.grantWriteData(queue.processor!.role);

const integ = new IntegTest(app, 'EventProcessors', { testCases: [stack] });

// Put an item: its stream record reaches the processor, which writes the projection.
integ.assertions.awsApiCall('DynamoDB', 'putItem', { TableName: stream.table.tableName, Item: { pk: { S: 'order-1' } } })
  .next(integ.assertions.awsApiCall('DynamoDB', 'getItem', { TableName: projection.tableName, Key: { pk: { S: 'order-1' } } })
    .expect(ExpectedResult.objectLike({ Item: { pk: { S: 'order-1' }, source: { S: 'aws:dynamodb' } } }))
    .waitForAssertions());

// Send a message: the queue processor writes the projection.
integ.assertions.awsApiCall('SQS', 'sendMessage', { QueueUrl: queue.queue.queueUrl, MessageBody: JSON.stringify({ id: 'payment-1' }) })
  .next(integ.assertions.awsApiCall('DynamoDB', 'getItem', { TableName: projection.tableName, Key: { pk: { S: 'payment-1' } } })
    .expect(ExpectedResult.objectLike({ Item: { pk: { S: 'payment-1' }, source: { S: 'aws:sqs' } } }))
    .waitForAssertions());
