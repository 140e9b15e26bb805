import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { renderedDefinition } from './asl';
import { runLocally, taskError } from './local-execution';
import { GuardedFunction, ResilientStateMachine, WorkflowTasks } from '../../src';
import { newStack } from '../support/stacks';

/**
 * Behaviour of the definition as synthesized (not a hand copy): a Charge task (Lambda, 1 s task
 * timeout) then a Choice and a Parallel; the default failure path records the state and fails.
 */
function synthesizedDefinition(): any {
  const { stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async (e) => e;'), handler: 'index.handler' });
  const charge = WorkflowTasks.invokeFunction(stack, 'Charge', fn, { timeout: Duration.seconds(1), resultPath: '$.charge' });
  const ship = new sfn.Parallel(stack, 'Ship', { resultPath: sfn.JsonPath.DISCARD })
    .branch(WorkflowTasks.invokeFunction(stack, 'Label', fn))
    .branch(new sfn.Pass(stack, 'Invoice'));
  const route = new sfn.Choice(stack, 'Physical?').when(sfn.Condition.booleanEquals('$.physical', true), ship).otherwise(new sfn.Succeed(stack, 'Done'));
  new ResilientStateMachine(stack, 'Workflow', { definition: charge.next(route) });
  return renderedDefinition(stack);
}

const definition = synthesizedDefinition();

/**
 * The reference app's shape: a Parallel whose branches notify shipping (SNS) and reserve stock
 * (Lambda), then a Save task whose item key is read from `$.orderId`.
 */
function synthesizedShippingDefinition(): any {
  const { stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async (e) => e;'), handler: 'index.handler' });
  const topic = new sns.Topic(stack, 'Shipping', { enforceSSL: true });
  const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const ship = new sfn.Parallel(stack, 'Ship', { resultPath: sfn.JsonPath.DISCARD })
    .branch(WorkflowTasks.publish(stack, 'Notify shipping', topic, sfn.TaskInput.fromJsonPathAt('$')))
    .branch(WorkflowTasks.invokeFunction(stack, 'Reserve stock', fn));
  const save = WorkflowTasks.putItem(stack, 'Save', table, { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')) });
  new ResilientStateMachine(stack, 'Workflow', { definition: ship.next(save) });
  return renderedDefinition(stack);
}

const shippingDefinition = synthesizedShippingDefinition();

/** Stands in for the SQS SendMessage of the failure path: keeps each message body it was given. */
function recorder() {
  const recorded: any[] = [];
  return { recorded, handler: (input: any) => { recorded.push(input.MessageBody); return {}; } };
}

describe('ResilientStateMachine executed with aws-local-stepfunctions', () => {
  test('(a) a task that fails twice with a transient error then succeeds completes; the log shows the retries', async () => {
    let calls = 0;
    const failures = recorder();
    const run = await runLocally(definition, { orderId: 'o1', physical: false }, {
      'Charge': () => {
        calls++;
        if (calls <= 2) throw taskError('Lambda.TooManyRequestsException', 'Rate exceeded');
        return { receipt: 'r1' };
      },
      'Record failure': failures.handler,
    });
    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({ orderId: 'o1', physical: false, charge: { receipt: 'r1' } });
    expect(run.events.filter((e) => e.type === 'StateRetried' && e.state?.name === 'Charge')).toHaveLength(2);
    expect(failures.recorded).toEqual([]);
  });

  test('(b) a non-retriable error goes straight to the failure path with the error under $.error', async () => {
    const failures = recorder();
    const run = await runLocally(definition, { orderId: 'o2' }, {
      'Charge': () => { throw taskError('PaymentDeclined', 'card declined'); },
      'Record failure': failures.handler,
    });
    expect(run.events.filter((e) => e.type === 'StateRetried')).toEqual([]);
    expect(run.events.some((e) => e.type === 'StateCaught' && e.state?.name === 'Charge')).toBe(true);
    expect(failures.recorded).toEqual([{ orderId: 'o2', error: { Error: 'PaymentDeclined', Cause: 'card declined' } }]);
    expect(run.error?.name).toBe('ExecutionError');
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'PaymentDeclined' });
  });

  test('(c) exhausted retries go to the failure path', async () => {
    let calls = 0;
    const failures = recorder();
    const run = await runLocally(definition, { orderId: 'o3' }, {
      'Charge': () => { calls++; throw taskError('Lambda.ServiceException', 'service unavailable'); },
      'Record failure': failures.handler,
    });
    expect(calls).toBe(4); // the first attempt and 3 retries
    expect(run.events.filter((e) => e.type === 'StateRetried' && e.state?.name === 'Charge')).toHaveLength(3);
    expect(failures.recorded).toEqual([{ orderId: 'o3', error: { Error: 'Lambda.ServiceException', Cause: 'service unavailable' } }]);
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'Lambda.ServiceException' });
  });

  test('(d) a task timeout surfaces as States.Timeout and is caught (not retried)', async () => {
    const failures = recorder();
    const run = await runLocally(definition, { orderId: 'o4' }, {
      'Charge': () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 1_500)),
      'Record failure': failures.handler,
    });
    expect(run.events.filter((e) => e.type === 'StateRetried')).toEqual([]);
    expect(failures.recorded).toEqual([{ orderId: 'o4', error: { Error: 'States.Timeout', Cause: 'States.Timeout' } }]);
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'States.Timeout' });
  });

  test('a failure inside a Parallel branch is re-raised by the branch and caught by the Parallel', async () => {
    const failures = recorder();
    const run = await runLocally(definition, { orderId: 'o5', physical: true }, {
      'Charge': () => ({ receipt: 'r5' }),
      'Label': () => { throw taskError('LabelPrinterOffline', 'no printer'); },
      'Record failure': failures.handler,
    });
    expect(failures.recorded).toEqual([{ orderId: 'o5', physical: true, charge: { receipt: 'r5' }, error: { Error: 'LabelPrinterOffline', Cause: 'no printer' } }]);
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'LabelPrinterOffline' });
  });

  test('WF1: a Parallel does not replay a branch that succeeded when another branch exhausts its retries', async () => {
    let notified = 0;
    let reserveAttempts = 0;
    const failures = recorder();
    const run = await runLocally(shippingDefinition, { orderId: 'o6' }, {
      'Notify shipping': () => { notified++; return { MessageId: 'm1' }; },
      'Reserve stock': () => { reserveAttempts++; throw taskError('Lambda.TooManyRequestsException', 'Rate exceeded'); },
      'Save': () => ({}),
      'Record failure': failures.handler,
    });
    expect(reserveAttempts).toBe(4); // the inner task's own retrier: the first attempt and 3 retries
    expect(notified).toBe(1); // no retry of the Parallel as a whole
    expect(run.events.filter((e) => e.type === 'StateRetried' && e.state?.name === 'Ship')).toEqual([]);
    expect(failures.recorded).toEqual([{ orderId: 'o6', error: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } }]);
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'Lambda.TooManyRequestsException' });
  });

  test('OBS1: States.Runtime (a missing JSONPath) is neither retried nor caught: the failure path never runs', async () => {
    // Why every failed execution is also recorded from its status change event (FailedExecutionsRule).
    const failures = recorder();
    let saved = 0;
    const run = await runLocally(shippingDefinition, { noOrderId: true }, {
      'Notify shipping': () => ({ MessageId: 'm2' }),
      'Reserve stock': () => ({ reserved: true }),
      'Save': () => { saved++; return {}; },
      'Record failure': failures.handler,
    });
    expect(saved).toBe(0);
    expect(failures.recorded).toEqual([]);
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'States.Runtime' });
    expect(run.events.some((e) => e.type === 'StateRetried' || e.type === 'StateCaught')).toBe(false);
  });
});
