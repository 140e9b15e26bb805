import * as path from 'path';
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  CognitoRestApi, GuardedFunction, IdempotencyTable, QueueProcessor, ResilientStateMachine, RouteAuthorization, TableStreamProcessor, WorkflowTasks,
} from '../src';
import { IngestionStack } from './ingestion';
import { JobsFanOutStack } from './jobs-fan-out';
import { addOperations } from './operations';
import { SafeRolloutStack } from './safe-rollout';
import { createAlarmTopic, encryptedTopic } from './topics';
import { WebIdentityStack } from './web-identity';
import { queueDepthAlarm } from '../src/observability/sqs-alarms';
import { createFailureQueue } from '../src/resources/failure-queue';

const handlers = path.join(__dirname, 'handlers');

/** Guarded functions in their two configurations: synchronous and asynchronous. */
export class FunctionsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    // Synchronous: invoked by a caller that waits for the answer.
    new GuardedFunction(this, 'Hello', {
      entry: path.join(handlers, 'hello.ts'),
      description: 'Synchronous guarded function',
      alarmTopic,
    });

    // Asynchronous: a nightly EventBridge schedule (EV1) invokes the alias; failed events end in the
    // function's failure destination (FN9), undeliverable ones in the rule target's DLQ.
    const report = new GuardedFunction(this, 'NightlyReport', {
      entry: path.join(handlers, 'nightly-report.ts'),
      description: 'Asynchronous guarded function with a failure destination',
      timeout: Duration.minutes(2),
      asyncInvocation: { retryAttempts: 2, maxEventAge: Duration.hours(2) },
      alarmTopic,
    });
    const targetDlq = createFailureQueue(this, 'ScheduleTargetDlq');
    queueDepthAlarm(this, 'ScheduleTargetDlqDepthAlarm', targetDlq, alarmTopic);
    new events.Rule(this, 'NightlySchedule', {
      schedule: events.Schedule.cron({ minute: '0', hour: '2' }),
      targets: [new targets.LambdaFunction(report.alias, {
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: targetDlq,
      })],
    });

    // Once per event (ES5): a charge keeps Powertools' idempotency records in an IdempotencyTable,
    // so a repeat of the same charge answers from its record instead of charging again.
    const idempotency = new IdempotencyTable(this, 'Idempotency', { alarmTopic });
    const charge = new GuardedFunction(this, 'Charge', {
      entry: path.join(handlers, 'idempotent-charge.ts'),
      description: 'Guarded function that charges once per charge ID',
      alarmTopic,
    });
    idempotency.grant(charge.alias);
  }
}

/** Event processors that never lose or block a record: DynamoDB stream → Lambda and SQS → Lambda. */
export class EventProcessorsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    new TableStreamProcessor(this, 'Orders', {
      tableProps: {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        timeToLiveAttribute: 'expiresAt',
      },
      processor: { entry: path.join(handlers, 'order-stream-processor.ts'), timeout: Duration.seconds(30) },
      maxBatchingWindow: Duration.seconds(5),
      alarmTopic,
    });

    new QueueProcessor(this, 'Payments', {
      queueProps: { fifo: true, maxReceiveCount: 3 },
      processor: { entry: path.join(handlers, 'payment-queue-processor.ts'), timeout: Duration.seconds(20) },
      alarmTopic,
    });
  }
}

/** A resilient workflow: three tasks, a Choice and a Parallel, with Retry and Catch everywhere (WF1–WF4). */
export class WorkflowStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);
    const checkOrder = new GuardedFunction(this, 'CheckOrder', { entry: path.join(handlers, 'check-order.ts'), alarmTopic });
    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
    });
    // Only the state machine publishes to it, through its role (WorkflowTasks.publish grants the key).
    const shipping = encryptedTopic(this, 'Shipping');

    const check = WorkflowTasks.invokeFunction(this, 'Check order', checkOrder, { timeout: Duration.seconds(30) });
    const save = WorkflowTasks.putItem(this, 'Save order', orders, {
      pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')),
      total: tasks.DynamoAttributeValue.numberFromString(sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$.total'))),
    }, { resultPath: sfn.JsonPath.DISCARD });
    const ship = new sfn.Parallel(this, 'Ship', { resultPath: sfn.JsonPath.DISCARD })
      .branch(WorkflowTasks.publish(this, 'Notify shipping', shipping, sfn.TaskInput.fromJsonPathAt('$')))
      .branch(WorkflowTasks.getItem(this, 'Reload order', orders, { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) }));
    const route = new sfn.Choice(this, 'Physical?')
      .when(sfn.Condition.booleanEquals('$.physical', true), ship)
      .otherwise(new sfn.Succeed(this, 'Digital delivery'));

    new ResilientStateMachine(this, 'OrderWorkflow', {
      definition: check.next(save).next(route),
      timeout: Duration.minutes(15),
      alarmTopic,
    });
  }
}

/** A secure REST API: Cognito by default, a public route, a partner route behind a Lambda authorizer (API1–API10, ID1, ID2). */
export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);
    const entry = path.join(handlers, 'api-handlers.ts');
    const api = new CognitoRestApi(this, 'ItemsApi', {
      cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true },
      alarmTopic,
      clientErrorRateAlarmPercent: 10,
    });

    api.addRoute('GET', '/items/{id}', { handlerProps: { entry, handler: 'getItem' } });
    api.addRoute('POST', '/items', {
      handlerProps: { entry, handler: 'createItem' },
      requestModel: {
        type: apigw.JsonSchemaType.OBJECT,
        required: ['name', 'price'],
        properties: { name: { type: apigw.JsonSchemaType.STRING, minLength: 1 }, price: { type: apigw.JsonSchemaType.NUMBER, minimum: 0 } },
        additionalProperties: false,
      },
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
    });
    api.addRoute('GET', '/health', { handlerProps: { entry, handler: 'health' }, authorization: RouteAuthorization.public('uptime probes call it without credentials; it returns no data') });

    const partnerAuthorizer = new GuardedFunction(this, 'PartnerAuthorizer', { entry: path.join(handlers, 'partner-authorizer.ts'), alarmTopic });
    api.addRoute('GET', '/partner/orders', {
      handlerProps: { entry, handler: 'partnerOrders' },
      authorization: RouteAuthorization.lambdaToken(partnerAuthorizer.alias),
    });
  }
}

/** The reference app: every pattern of the library, as a user would write it. */
export function buildReferenceApp(app: App): Stack[] {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012', region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' };
  const patterns = [
    new FunctionsStack(app, 'GuardrailsFunctions', { env }),
    new EventProcessorsStack(app, 'GuardrailsEventProcessors', { env }),
    new WorkflowStack(app, 'GuardrailsWorkflow', { env }),
    new ApiStack(app, 'GuardrailsApi', { env }),
    new IngestionStack(app, 'GuardrailsIngestion', { env }),
    new SafeRolloutStack(app, 'GuardrailsSafeRollout', { env }),
    new JobsFanOutStack(app, 'GuardrailsJobsFanOut', { env }),
    new WebIdentityStack(app, 'GuardrailsWeb', { env }),
  ];
  addOperations(patterns);
  return patterns;
}
