import { Lazy, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { knownNumber, validateFormat, validateLogRetention } from '../../src/core/validation';
import { expectValidationError, newStack } from '../support/stacks';

const ALIAS: Parameters<typeof validateFormat>[3] = { rule: 'must be lower-case letters', practice: 'FN10', test: (v) => /^[a-z]+$/.test(v) };

describe('shared validation helpers', () => {
  test('knownNumber drops unresolved tokens and keeps literals', () => {
    expect(knownNumber(Token.asNumber(Lazy.number({ produce: () => 5 })))).toBeUndefined();
    expect(knownNumber(undefined)).toBeUndefined();
    expect(knownNumber(7)).toBe(7);
  });

  test('validateFormat names the prop, the rule and the literal; tokens are skipped', () => {
    const { stack } = newStack();
    expectValidationError(() => validateFormat(stack, 'aliasName', 'Live1', ALIAS),
      { path: 'TestStack', prop: 'aliasName', rule: /lower-case letters/, value: '"Live1"', practice: 'FN10' });
    expect(() => validateFormat(stack, 'aliasName', Lazy.string({ produce: () => 'X' }), ALIAS)).not.toThrow();
    expect(() => validateFormat(stack, 'aliasName', 'live', ALIAS)).not.toThrow();
  });

  test('validateLogRetention accepts CloudWatch values only, never INFINITE', () => {
    const { stack } = newStack();
    expect(() => validateLogRetention(stack, 'logRetention', logs.RetentionDays.ONE_WEEK, 'FN8')).not.toThrow();
    expectValidationError(() => validateLogRetention(stack, 'logRetention', logs.RetentionDays.INFINITE, 'FN8'),
      { path: 'TestStack', prop: 'logRetention', rule: /finite/, value: '"INFINITE"', practice: 'FN8' });
    expectValidationError(() => validateLogRetention(stack, 'logRetention', 2 as logs.RetentionDays, 'FN8'),
      { path: 'TestStack', prop: 'logRetention', rule: /RetentionDays/, value: '2', practice: 'FN8' });
    expectValidationError(() => validateLogRetention(stack, 'logRetention', NaN as logs.RetentionDays, 'FN8'),
      { path: 'TestStack', prop: 'logRetention', rule: /RetentionDays/, value: 'NaN', practice: 'FN8' });
  });
});
