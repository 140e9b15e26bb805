import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

/**
 * One unit of a synthetic serverless app (about 20 resources): a function with its role, a queue
 * with a DLQ and an event source mapping, a state machine invoking the function, and a REST API
 * method in front of it. Plain aws-cdk-lib constructs, so both packs have real work to do.
 */
function addUnit(stack: Stack, api: apigw.RestApi, i: number): void {
  const fn = new lambda.Function(stack, `Fn${i}`, {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    timeout: Duration.seconds(10),
    reservedConcurrentExecutions: 5,
  });
  const dlq = new sqs.Queue(stack, `Dlq${i}`, { retentionPeriod: Duration.days(14) });
  const queue = new sqs.Queue(stack, `Queue${i}`, { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
  fn.addEventSource(new sources.SqsEventSource(queue, { reportBatchItemFailures: true }));
  const invoke = new tasks.LambdaInvoke(stack, `Invoke${i}`, { lambdaFunction: fn })
    .addCatch(new sfn.Fail(stack, `Failed${i}`), { resultPath: '$.error' });
  new sfn.StateMachine(stack, `Machine${i}`, { definitionBody: sfn.DefinitionBody.fromChainable(invoke), timeout: Duration.minutes(5) });
  api.root.addResource(`r${i}`).addMethod('GET', new apigw.LambdaIntegration(fn));
}

/** An app with at least `resources` CloudFormation resources in one stack, and the exact count. */
export function syntheticApp(resources: number): { app: App; resourceCount: number } {
  const app = new App();
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'eu-west-1' } });
  const api = new apigw.RestApi(stack, 'Api', { deploy: false });
  const count = () => stack.node.findAll().filter((c) => (c as any).cfnResourceType !== undefined).length;
  for (let i = 0; count() < resources; i++) addUnit(stack, api, i);
  return { app, resourceCount: count() };
}
