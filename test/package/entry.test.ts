import * as path from 'path';
import * as entry from '../../src';
import { fixtureCode, newStack } from '../support/stacks';

/** Calls `fn` and returns what it threw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the package entry', () => {
  test('exports GuardrailsValidationError: bad input can be caught by type, with its parts as fields', () => {
    const { stack } = newStack();
    const error = thrownBy(() => new entry.GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', memorySize: 64 }));
    expect(error).toBeInstanceOf(entry.GuardrailsValidationError);
    const validationError = error as entry.GuardrailsValidationError;
    expect(validationError.prop).toBe('memorySize');
    expect(validationError.constructPath).toBe('TestStack/Fn');
    expect(validationError.value).toBe(64);
    expect(validationError.practice).toMatch(/^FN\d+$/);
  });

  test('the compiled entry (package.json "main") exports it too', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(path.join(__dirname, '..', '..', require('../../package.json').main));
    expect(compiled.GuardrailsValidationError.name).toBe('GuardrailsValidationError');
    expect(Object.getPrototypeOf(compiled.GuardrailsValidationError.prototype)).toBe(Error.prototype);
  });
});
