import { Duration, Lazy, Size, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GuardrailsValidationError, knownNumber, outsideRange, PropsValidator, validateFormat, validateLogRetention } from '../../src/core/validation';
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

describe('PropsValidator: every failed rule of a props object in one error', () => {
  const MEMORY = { min: 128, max: 10_240, unit: 'MB', practice: 'FN1', integer: true };

  test('collects range, format, exactly-one and reason problems, one line each, and throws them together', () => {
    const { stack } = newStack();
    let error: GuardrailsValidationError | undefined;
    try {
      new PropsValidator(stack)
        .range('memorySize', 64, MEMORY)
        .range('timeoutSeconds', NaN, { min: 1, max: 900, unit: 's', practice: 'FN2' })
        .format('aliasName', 'Live1', ALIAS)
        .exactlyOne({ code: undefined, entry: undefined }, '`code` or `entry`', 'FN15')
        .reason('reservedConcurrency', ' ', 'FN5')
        .throwIfInvalid();
    } catch (e) {
      error = e as GuardrailsValidationError;
    }
    expect(error).toBeInstanceOf(GuardrailsValidationError);
    expect(error!.message.split('\n')).toEqual([
      'TestStack: invalid memorySize = 64 MB: must be a whole number from 128 to 10240 MB (practice FN1).',
      'TestStack: invalid timeoutSeconds = NaN: must be a number from 1 to 900 s (practice FN2).',
      'TestStack: invalid aliasName = "Live1": must be lower-case letters (practice FN10).',
      'TestStack: invalid code/entry = "neither": give exactly one of `code` or `entry` (practice FN15).',
      'TestStack: invalid reservedConcurrency = " ": needs a non-empty reason (practice FN5).',
    ]);
    expect(error!.problems).toHaveLength(5);
    expect(error!.prop).toBe('memorySize');
  });

  test('values read one way in every message: durations in s, sizes in MB, range values with their unit, counts bare', () => {
    const { stack } = newStack();
    const messages = new PropsValidator(stack)
      .range('timeout', 1200, { min: 1, max: 900, unit: 's', practice: 'FN2' })
      .check(true, 'maxDelay', 'must be at least the interval (10 s)', Duration.minutes(10), 'WF1')
      .check(true, 'ephemeralStorageSize', 'must be at most 10240 MB', Size.gibibytes(11), 'FN1')
      .range('batchSize', 0, { min: 1, max: 10, unit: 'records', practice: 'ES2' })
      .messages();
    expect(messages).toEqual([
      'TestStack: invalid timeout = 1200 s: must be a number from 1 to 900 s (practice FN2).',
      'TestStack: invalid maxDelay = 600 s: must be at least the interval (10 s) (practice WF1).',
      'TestStack: invalid ephemeralStorageSize = 11264 MB: must be at most 10240 MB (practice FN1).',
      'TestStack: invalid batchSize = 0: must be a number from 1 to 10 records (practice ES2).',
    ]);
  });

  test('tokens and valid values pass; atMostOne allows none; collect keeps our errors and rethrows others', () => {
    const { stack } = newStack();
    const token = Token.asNumber(Lazy.number({ produce: () => 1 }));
    expect(() => new PropsValidator(stack).range('memorySize', token, MEMORY).range('memorySize', 512, MEMORY)
      .atMostOne({ queue: undefined, queueProps: undefined }, '`queue` or `queueProps`', 'ES4').throwIfInvalid()).not.toThrow();
    const validator = new PropsValidator(stack).collect(() => validateFormat(stack, 'aliasName', 'X1', ALIAS));
    expect(validator.messages()).toEqual(['TestStack: invalid aliasName = "X1": must be lower-case letters (practice FN10).']);
    expect(() => new PropsValidator(stack).collect(() => { throw new TypeError('boom'); })).toThrow(TypeError);
  });
});

describe('PropsValidator: mutually exclusive props and the constructs a construct builds', () => {
  test('exactlyOne and atMostOne say how many of how many were given', () => {
    const { stack } = newStack();
    const three = (given: unknown[]) => ({ handler: given[0], handlerProps: given[1], handlerFunction: given[2] });
    expect(new PropsValidator(stack).exactlyOne(three([]), 'a handler', 'FN10').messages())
      .toEqual(['TestStack: invalid handler/handlerProps/handlerFunction = "none": give exactly one of a handler (practice FN10).']);
    expect(new PropsValidator(stack).exactlyOne(three([1, 2]), 'a handler', 'FN10').messages())
      .toEqual(['TestStack: invalid handler/handlerProps/handlerFunction = "2 of 3": give exactly one of a handler (practice FN10).']);
    expect(new PropsValidator(stack).exactlyOne(three([undefined, 2]), 'a handler', 'FN10').valid).toBe(true);
    expect(new PropsValidator(stack).atMostOne({ queue: 1, queueProps: 2 }, '`queue` or `queueProps`', 'ES4').messages())
      .toEqual(['TestStack: invalid queue/queueProps = "both": give at most one of `queue` or `queueProps` (practice ES4).']);
  });

  test('attempt keeps what a nested construct threw as our error and returns undefined; other errors pass through', () => {
    const { stack } = newStack();
    const validator = new PropsValidator(stack);
    expect(validator.attempt(() => 42)).toBe(42);
    expect(validator.valid).toBe(true);
    expect(validator.attempt(() => validateFormat(stack, 'aliasName', 'X1', ALIAS))).toBeUndefined();
    expect(validator.valid).toBe(false);
    expect(validator.messages()).toEqual(['TestStack: invalid aliasName = "X1": must be lower-case letters (practice FN10).']);
    expect(() => validator.attempt(() => { throw new RangeError('boom'); })).toThrow(RangeError);
  });

  test('outsideRange: bounds inclusive, whole numbers when the limit says so, NaN and Infinity always outside', () => {
    const limit = { min: 1, max: 10, unit: 's', practice: 'FN2', integer: true };
    expect([1, 10, 5].map((value) => outsideRange(value, limit))).toEqual([false, false, false]);
    expect([0, 11, 1.5, NaN, Infinity, -Infinity].map((value) => outsideRange(value, limit))).toEqual([true, true, true, true, true, true]);
    expect(outsideRange(1.5, { ...limit, integer: false })).toBe(false);
  });
});
