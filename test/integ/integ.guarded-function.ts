// Integration test: the guarded function answers through its alias.
// Run for real with `npx projen integ:deploy` (see README: Integration tests); CI checks the committed snapshot.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newIntegApp } from './integ-apps';
import { GuardedFunction } from '../../src';

export const app = newIntegApp();
const stack = new Stack(app, 'IntegGuardedFunction');
const fn = new GuardedFunction(stack, 'Echo', {
  code: lambda.Code.fromInline('exports.handler = async (event) => ({ echoed: event.message });'),
  handler: 'index.handler',
});

const integ = new IntegTest(app, 'GuardedFunction', { testCases: [stack] });
const invoke = integ.assertions.invokeFunction({ functionName: fn.alias.functionArn, payload: JSON.stringify({ message: 'hello' }) });
invoke.expect(ExpectedResult.objectLike({ Payload: { echoed: 'hello' } }));

// cfn-lint W3037 is ignored for the assertions stack only: integ-tests-alpha's invokeFunction
// grants the (nonexistent) action lambda:Invoke next to lambda:InvokeFunction. Not our code.
Stack.of(invoke).templateOptions.metadata = { 'cfn-lint': { config: { ignore_checks: ['W3037'] } } };
