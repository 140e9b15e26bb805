import { CfnParameter, Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { GuardedFunction, GuardedFunctionProps } from '../../src';
import { expectValidationError, fixtureCode, newStack } from '../support/stacks';

function build(props: Partial<GuardedFunctionProps> = {}) {
  const { app, stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', ...props });
  return { app, stack, fn };
}

const fnPath = 'TestStack/Fn';

describe('GuardedFunction names and formats, with Lambda\'s own rules', () => {
  const aliasRule = /1–128 characters of a-z, A-Z, 0-9, - and _, and not only digits/;
  test.each([['live', 'live'], ['128 characters', 'a'.repeat(128)], ['blue-green_2', 'blue-green_2'], ['1a', '1a'], ['V1', 'V1']])(
    'FN10: alias name %s is accepted', (_label, aliasName) => {
      expect(() => build({ aliasName })).not.toThrow();
    });
  test.each([['empty', ''], ['129 characters', 'a'.repeat(129)], ['all digits', '123'], ['$LATEST', '$LATEST'], ['live!', 'live!'], ['with a space', 'my alias']])(
    'FN10: alias name %s is rejected', (_label, aliasName) => {
      expectValidationError(() => build({ aliasName }), { path: fnPath, prop: 'aliasName', rule: aliasRule, value: JSON.stringify(aliasName), practice: 'FN10' });
    });

  const functionNameRule = /1–64 characters of a-z, A-Z, 0-9, - and _/;
  test.each([['orders-get_1', 'orders-get_1'], ['64 characters', 'a'.repeat(64)]])('FN10: function name %s is accepted', (_label, functionName) => {
    build({ functionName }).app.synth();
  });
  test.each([['empty', ''], ['65 characters', 'a'.repeat(65)], ['orders.get', 'orders.get'], ['orders/get', 'orders/get']])(
    'FN10: function name %s is rejected', (_label, functionName) => {
      expectValidationError(() => build({ functionName }), { path: fnPath, prop: 'functionName', rule: functionNameRule, value: JSON.stringify(functionName), practice: 'FN10' });
    });

  test('names only known at deploy time are skipped', () => {
    const { stack } = newStack();
    const name = new CfnParameter(stack, 'Name', { type: 'String' });
    new GuardedFunction(stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', functionName: name.valueAsString, aliasName: Lazy.string({ produce: () => 'live' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { FunctionName: { Ref: 'Name' } });
  });

  const keyRule = /must start with a letter followed by at least one of a-z, A-Z, 0-9 and _/;
  test.each(['AB', 'table_name', 'Q1'])('FN3: environment key %p is accepted', (key) => {
    build({ environment: { [key]: 'x' } }).app.synth();
  });
  test.each(['A', '1X', 'MY-VAR', 'MY.VAR', '_X'])('FN3: environment key %p is rejected in environment, secrets and addEnvironment', (key) => {
    expectValidationError(() => build({ environment: { [key]: 'x' } }),
      { path: fnPath, prop: `environment key ${key}`, rule: keyRule, value: JSON.stringify(key), practice: 'FN3' });
    const { stack } = newStack();
    expectValidationError(() => new GuardedFunction(stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', secrets: { [key]: new secretsmanager.Secret(stack, 'Secret') },
    }), { path: fnPath, prop: `secrets key ${key}`, rule: keyRule, value: JSON.stringify(key), practice: 'FN3' });
    const { fn } = build();
    expectValidationError(() => fn.addEnvironment(key, 'x'), { path: fnPath, prop: `environment key ${key}`, rule: keyRule, value: JSON.stringify(key), practice: 'FN3' });
  });

  test('FN3: a key added to the L2 function directly is checked at synth', () => {
    const { app, fn } = build();
    fn.lambdaFunction.addEnvironment('MY-VAR', 'x');
    expect(() => app.synth()).toThrow(/TestStack\/Fn: invalid environment key MY-VAR = "MY-VAR": must start with a letter.*\(practice FN3\)/);
  });
});

describe('GuardedFunction secrets and environment never name the same variable (FN3)', () => {
  test('a key in both `secrets` and `environment` is an error', () => {
    const { stack } = newStack();
    expectValidationError(() => new GuardedFunction(stack, 'Fn', {
      code: fixtureCode(),
      handler: 'index.handler',
      environment: { DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:other' },
      secrets: { DB_SECRET_ARN: new secretsmanager.Secret(stack, 'Secret') },
    }), { path: fnPath, prop: 'secrets key DB_SECRET_ARN', rule: /also set in `environment`/, value: '"DB_SECRET_ARN"', practice: 'FN3' });
  });

  test('addEnvironment of a key that a secret holds is an error; other keys are added', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', secrets: { DB_SECRET_ARN: new secretsmanager.Secret(stack, 'Secret') } });
    expectValidationError(() => fn.addEnvironment('DB_SECRET_ARN', 'plain'),
      { path: fnPath, prop: 'environment key DB_SECRET_ARN', rule: /holds a secret's ARN/, value: '"DB_SECRET_ARN"', practice: 'FN3' });
    fn.addEnvironment('STAGE', 'prod');
    const variables = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables;
    expect(variables).toEqual({ DB_SECRET_ARN: { Ref: expect.stringMatching(/^Secret/) }, STAGE: 'prod' });
  });
});
