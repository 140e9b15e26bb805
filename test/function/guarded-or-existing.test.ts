import { CfnParameter } from 'aws-cdk-lib';
import { ReservedConcurrency } from '../../src';
import { guardedOrExistingFunction } from '../../src/function/guarded-or-existing';
import { fixtureCode, newStack, plainFunction } from '../support/stacks';

describe('guardedOrExistingFunction', () => {
  test('FN5: a reserved concurrency only known at deploy time is not handed to the pattern\'s comparisons', () => {
    const { stack } = newStack();
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number', default: 20 });
    const fromToken = guardedOrExistingFunction(stack, 'Token', 'processor',
      { code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(reserved.valueAsNumber) }, undefined);
    expect(fromToken.reservedConcurrency).toBeUndefined();
    expect(fromToken.guarded?.reservedConcurrentExecutions).toBe(reserved.valueAsNumber);
    const literal = guardedOrExistingFunction(stack, 'Literal', 'processor',
      { code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(7) }, undefined);
    expect(literal.reservedConcurrency).toBe(7);
    const existing = plainFunction(stack, 'Existing', { reservedConcurrentExecutions: reserved.valueAsNumber });
    expect(guardedOrExistingFunction(stack, 'Mine', 'processor', undefined, existing).reservedConcurrency).toBeUndefined();
  });
});
