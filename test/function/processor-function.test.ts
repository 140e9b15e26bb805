import { CfnParameter } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ReservedConcurrency } from '../../src';
import { processorFunction } from '../../src/function/processor-function';
import { fixtureCode, newStack } from '../support/stacks';

describe('processorFunction', () => {
  test('FN5: a reserved concurrency only known at deploy time is not handed to the pattern\'s comparisons', () => {
    const { stack } = newStack();
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number', default: 20 });
    const fromToken = processorFunction(stack, 'Token', 'processor',
      { code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(reserved.valueAsNumber) }, undefined);
    expect(fromToken.reservedConcurrency).toBeUndefined();
    expect(fromToken.guarded?.reservedConcurrentExecutions).toBe(reserved.valueAsNumber);
    const literal = processorFunction(stack, 'Literal', 'processor',
      { code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(7) }, undefined);
    expect(literal.reservedConcurrency).toBe(7);
    const existing = new lambda.Function(stack, 'Existing', {
      code: fixtureCode(), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, reservedConcurrentExecutions: reserved.valueAsNumber,
    });
    expect(processorFunction(stack, 'Mine', 'processor', undefined, existing).reservedConcurrency).toBeUndefined();
  });
});
