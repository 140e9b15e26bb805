// The local deploy's checks of the GuardrailsJobsFanOut stack (TopicFanOut and ScheduledJob), called
// once from local-deploy.ts. Behaviour: order events published to the deployed topic reach each
// consumer queue only when its synthesized filter policy admits them.
//
// What moto (5.2.1) cannot show, and this check therefore does not claim:
// - moto's CloudFormation models neither AWS::SNS::Subscription nor AWS::Scheduler::Schedule (nor
//   the schedule group): the subscriptions are created here through the SNS API, each exactly as
//   synthesized (endpoint, filter policy, raw delivery, redrive policy), and the schedule is read
//   from the template moto holds;
// - Scheduler never fires in moto: no run, no retry policy at work, no DLQ delivery of a failed
//   run, no flexible window, no time zone or daylight-saving arithmetic, no Scheduler metrics or
//   alarms;
// - moto runs no Lambda code without Docker, so neither the job's reserved concurrency of 1
//   (overlapping runs throttled and retried by Lambda's asynchronous queue) nor the on-failure queue
//   can be exercised; the concurrency is read back from Lambda;
// - SNS in moto does not enforce queue policies, KMS or TLS-only publishing, and a delivery never
//   fails, so the subscription DLQs (redrive) receive nothing here.
import { GetTemplateCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';

type Check = (what: string, ok: boolean, detail: unknown) => void;

export interface JobsFanOutContext {
  readonly endpoint: string;
  readonly region: string;
  readonly account: string;
  /** The CloudFormation, SQS and Lambda clients of the local deploy. */
  readonly clients: { cfn: any; sqs: any; lambda: any };
  readonly resources: StackResourceSummary[];
  readonly check: Check;
  readonly stackName: string;
}

/** The orders published, and who must receive each: billing (total > 100), shipping (status paid). */
const ORDERS = [
  { orderId: 'both', total: 150, status: 'paid', billing: true, shipping: true },
  { orderId: 'shipping-only', total: 50, status: 'paid', billing: false, shipping: true },
  { orderId: 'billing-only', total: 500, status: 'pending', billing: true, shipping: false },
  { orderId: 'neither', total: 20, status: 'cancelled', billing: false, shipping: false },
];

export async function checkJobsFanOut(c: JobsFanOutContext): Promise<void> {
  console.log('\n== read back and behaviour: scheduled job and fan-out');
  const held = JSON.parse((await c.clients.cfn.send(new GetTemplateCommand({ StackName: c.stackName }))).TemplateBody ?? '{}');
  const heldResources = Object.entries<any>(held.Resources ?? {});

  const [, schedule] = heldResources.find(([, r]) => r.Type === 'AWS::Scheduler::Schedule') ?? [];
  const target = schedule?.Properties?.Target;
  c.check('the nightly job\'s schedule has a bounded retry policy and a DLQ (EV1; moto keeps schedules in the template only)',
    target?.RetryPolicy?.MaximumRetryAttempts === 3 && target?.RetryPolicy?.MaximumEventAgeInSeconds === 3600 && !!target?.DeadLetterConfig?.Arn,
    target);
  c.check('the nightly job runs at 03:00 Berlin time, flexible window off (EV1)',
    schedule?.Properties?.ScheduleExpression === 'cron(0 3 * * ? *)' && schedule?.Properties?.ScheduleExpressionTimezone === 'Europe/Berlin'
      && schedule?.Properties?.FlexibleTimeWindow?.Mode === 'OFF', schedule?.Properties);
  const jobFunction = physicalId(c.resources, 'AWS::Lambda::Function', 'NightlyCleanupFunction');
  const concurrency = await c.clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: jobFunction }));
  c.check('the job\'s function reserves 1 concurrent execution: runs never overlap (EV1)', concurrency.ReservedConcurrentExecutions === 1, concurrency);

  const topicArn = physicalId(c.resources, 'AWS::SNS::Topic', 'OrderEventsTopic');
  const queueUrlOf = (logicalId: string) => c.resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
  const arnOfQueue = (url: string) => `arn:aws:sqs:${c.region}:${c.account}:${url.split('/').pop()}`;
  const subscriptions = heldResources.filter(([, r]) => r.Type === 'AWS::SNS::Subscription');
  c.check('the fan-out synthesizes a subscription with a redrive policy per consumer (MSG3)',
    subscriptions.length === 2 && subscriptions.every(([, r]) => !!r.Properties.RedrivePolicy?.deadLetterTargetArn), subscriptions.map(([id]) => id));
  const consumers: Record<string, string> = {};
  for (const [, subscription] of subscriptions) {
    const props = subscription.Properties;
    const endpointUrl = queueUrlOf(props.Endpoint['Fn::GetAtt'][0])!;
    const dlqUrl = queueUrlOf(props.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0])!;
    const attributes: Record<string, string> = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOfQueue(dlqUrl) }) };
    if (props.FilterPolicy) attributes.FilterPolicy = JSON.stringify(props.FilterPolicy);
    if (props.RawMessageDelivery !== undefined) attributes.RawMessageDelivery = String(props.RawMessageDelivery);
    await snsCall(c, 'Subscribe', { TopicArn: topicArn, Protocol: props.Protocol, Endpoint: arnOfQueue(endpointUrl), ...entries('Attributes.entry', attributes) });
    consumers[props.Endpoint['Fn::GetAtt'][0].startsWith('OrderEventsBilling') ? 'billing' : 'shipping'] = endpointUrl;
  }
  for (const order of ORDERS) {
    await snsCall(c, 'Publish', {
      'TopicArn': topicArn,
      'Message': JSON.stringify({ orderId: order.orderId, total: order.total }),
      'MessageAttributes.entry.1.Name': 'total',
      'MessageAttributes.entry.1.Value.DataType': 'Number',
      'MessageAttributes.entry.1.Value.StringValue': String(order.total),
      'MessageAttributes.entry.2.Name': 'status',
      'MessageAttributes.entry.2.Value.DataType': 'String',
      'MessageAttributes.entry.2.Value.StringValue': order.status,
    });
  }
  for (const consumer of ['billing', 'shipping'] as const) {
    const bodies = await receiveAll(c, consumers[consumer]);
    // Billing gets the order as published (raw delivery), shipping SNS's envelope around it.
    const received = bodies.map((body) => JSON.parse(consumer === 'billing' ? body : JSON.parse(body).Message).orderId).sort();
    const expected = ORDERS.filter((order) => order[consumer]).map((order) => order.orderId).sort();
    c.check(`${consumer} receives exactly the orders its filter policy admits (${expected.join(', ')})`,
      JSON.stringify(received) === JSON.stringify(expected), received);
  }
}

function physicalId(resources: StackResourceSummary[], type: string, logicalPrefix: string): string {
  const found = resources.find((r) => r.ResourceType === type && r.LogicalResourceId?.startsWith(logicalPrefix));
  if (!found?.PhysicalResourceId) throw new Error(`no ${type} ${logicalPrefix}* was created`);
  return found.PhysicalResourceId;
}

function entries(prefix: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([key, value], i) => [[`${prefix}.${i + 1}.key`, key], [`${prefix}.${i + 1}.value`, value]]));
}

/**
 * One SNS Query API call to moto (the repository has no SNS client among its dev dependencies).
 * moto routes the request by the credential scope of the Authorization header and checks no signature.
 */
async function snsCall(c: JobsFanOutContext, action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(c.endpoint, {
    method: 'POST',
    // Bounded, like every SDK request of the deploy: a server that stops answering fails the check.
    signal: AbortSignal.timeout(60_000),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Authorization': `AWS4-HMAC-SHA256 Credential=test/20260101/${c.region}/sns/aws4_request, SignedHeaders=host, Signature=unsigned`,
    },
    body: new URLSearchParams({ Action: action, Version: '2010-03-31', ...params }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`SNS ${action} failed (${response.status}): ${text}`);
  return text;
}

async function receiveAll(c: JobsFanOutContext, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const receive = new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 300 });
    const messages = (await c.clients.sqs.send(receive)).Messages ?? [];
    if (messages.length === 0 && bodies.length > 0) break;
    bodies.push(...messages.map((m: any) => m.Body));
  }
  return bodies;
}
