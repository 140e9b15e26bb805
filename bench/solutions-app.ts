// The reference app's architecture built with AWS Solutions Constructs, for the benchmark only: the
// same handlers (bundled the same way, with esbuild), each pattern's defaults, nothing added.
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

const handlers = path.join(__dirname, '..', 'examples', 'handlers');

/** Loads a pattern installed by bench/run.sh beside the exact core version it pins. */
function pattern(dir: string, pkg: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'solutions', dir, 'node_modules', '@aws-solutions-constructs', pkg));
}

function fn(scope: Construct, id: string, file: string, handler = 'handler'): lambda.Function {
  return new nodejs.NodejsFunction(scope, id, { entry: path.join(handlers, file), handler, runtime: lambda.Runtime.NODEJS_24_X });
}

/** The same stacks as examples/app.ts, with Solutions Constructs where a pattern exists. */
export function buildSolutionsApp(app: App, copies = 1): Stack[] {
  const env = { account: '123456789012', region: 'eu-west-1' };
  const { EventbridgeToLambda } = pattern('eventbridge-lambda', 'aws-eventbridge-lambda');
  const { DynamoDBStreamsToLambda } = pattern('dynamodbstreams-lambda', 'aws-dynamodbstreams-lambda');
  const { SqsToLambda } = pattern('sqs-lambda', 'aws-sqs-lambda');
  const { LambdaToStepfunctions } = pattern('lambda-stepfunctions', 'aws-lambda-stepfunctions');
  const { CognitoToApiGatewayToLambda } = pattern('cognito-apigateway-lambda', 'aws-cognito-apigateway-lambda');
  const stacks: Stack[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const suffix = copies > 1 ? String(copy) : '';
    const functions = new Stack(app, `SolutionsFunctions${suffix}`, { env });
    fn(functions, 'Hello', 'hello.ts');
    new EventbridgeToLambda(functions, 'NightlyReport', {
      existingLambdaObj: fn(functions, 'NightlyReportFn', 'nightly-report.ts'),
      eventRuleProps: { schedule: events.Schedule.cron({ minute: '0', hour: '2' }) },
    });

    const processors = new Stack(app, `SolutionsEventProcessors${suffix}`, { env });
    new DynamoDBStreamsToLambda(processors, 'Orders', {
      existingLambdaObj: fn(processors, 'OrdersFn', 'order-stream-processor.ts'),
      dynamoTableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES },
    });
    new SqsToLambda(processors, 'Payments', {
      existingLambdaObj: fn(processors, 'PaymentsFn', 'payment-queue-processor.ts'),
      queueProps: { fifo: true },
      deadLetterQueueProps: { fifo: true },
      maxReceiveCount: 3,
    });

    const workflow = new Stack(app, `SolutionsWorkflow${suffix}`, { env });
    const checkOrder = fn(workflow, 'CheckOrder', 'check-order.ts');
    const orders = new dynamodb.Table(workflow, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const definition = new tasks.LambdaInvoke(workflow, 'Check order', { lambdaFunction: checkOrder, payloadResponseOnly: true })
      .next(new tasks.DynamoPutItem(workflow, 'Save order', { table: orders, item: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) } }))
      .next(new sfn.Choice(workflow, 'Physical?')
        .when(sfn.Condition.booleanEquals('$.physical', true), new sfn.Parallel(workflow, 'Ship')
          .branch(new tasks.SnsPublish(workflow, 'Notify shipping', { topic: new sns.Topic(workflow, 'Shipping'), message: sfn.TaskInput.fromJsonPathAt('$') }))
          .branch(new tasks.DynamoGetItem(workflow, 'Reload order', { table: orders, key: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) } })))
        .otherwise(new sfn.Succeed(workflow, 'Digital delivery')));
    new LambdaToStepfunctions(workflow, 'OrderWorkflow', {
      existingLambdaObj: fn(workflow, 'Starter', 'hello.ts'),
      stateMachineProps: { definitionBody: sfn.DefinitionBody.fromChainable(definition), timeout: Duration.minutes(15) },
    });

    const api = new Stack(app, `SolutionsApi${suffix}`, { env });
    const itemsApi = new CognitoToApiGatewayToLambda(api, 'ItemsApi', {
      existingLambdaObj: fn(api, 'GetItem', 'api-handlers.ts', 'getItem'),
      apiGatewayProps: { proxy: false },
    });
    const items = itemsApi.apiGateway.root.addResource('items');
    items.addResource('{id}').addMethod('GET', new apigw.LambdaIntegration(itemsApi.lambdaFunction));
    items.addMethod('POST', new apigw.LambdaIntegration(fn(api, 'CreateItem', 'api-handlers.ts', 'createItem')));
    itemsApi.apiGateway.root.addResource('health').addMethod('GET', new apigw.LambdaIntegration(fn(api, 'Health', 'api-handlers.ts', 'health')));
    itemsApi.addAuthorizers();
    // Added after addAuthorizers so that the partner route keeps its own Lambda authorizer.
    const partnerAuthorizer = new apigw.TokenAuthorizer(api, 'PartnerAuthorizer', { handler: fn(api, 'PartnerAuthorizerFn', 'partner-authorizer.ts') });
    itemsApi.apiGateway.root.addResource('partner').addResource('orders')
      .addMethod('GET', new apigw.LambdaIntegration(fn(api, 'PartnerOrders', 'api-handlers.ts', 'partnerOrders')), { authorizer: partnerAuthorizer, authorizationType: apigw.AuthorizationType.CUSTOM });
    stacks.push(functions, processors, workflow, api);
  }
  return stacks;
}
