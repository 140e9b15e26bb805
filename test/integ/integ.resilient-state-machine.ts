// Integration test: an execution of a ResilientStateMachine succeeds end to end.
// Run for real with `npx projen integ:deploy` (see README: Integration tests); CI checks the committed snapshot.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { newIntegApp } from './integ-apps';
import { GuardedFunction, ResilientStateMachine, WorkflowTasks } from '../../src';

export const app = newIntegApp();
const stack = new Stack(app, 'IntegWorkflow');
const fn = new GuardedFunction(stack, 'Double', {
  code: lambda.Code.fromInline('exports.handler = async (event) => ({ value: event.value * 2 });'),
  handler: 'index.handler',
});
const machine = new ResilientStateMachine(stack, 'Workflow', {
  definition: WorkflowTasks.invokeFunction(stack, 'Double value', fn)
    .next(new sfn.Choice(stack, 'Big?').when(sfn.Condition.numberGreaterThan('$.value', 10), new sfn.Succeed(stack, 'Big')).otherwise(new sfn.Succeed(stack, 'Small'))),
});

const integ = new IntegTest(app, 'Workflow', { testCases: [stack] });
const start = integ.assertions.awsApiCall('StepFunctions', 'startExecution', { stateMachineArn: machine.stateMachine.stateMachineArn, input: JSON.stringify({ value: 21 }) });
start.next(integ.assertions.awsApiCall('StepFunctions', 'describeExecution', { executionArn: start.getAttString('executionArn') })
  .expect(ExpectedResult.objectLike({ status: 'SUCCEEDED', output: JSON.stringify({ value: 42 }) }))
  .waitForAssertions());
