import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { GuardrailsValidationError } from '../../src';

/** A fresh app and stack in a fixed environment, so templates are deterministic. */
export function newStack(id = 'TestStack'): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, id, { env: { account: '123456789012', region: 'eu-west-1' } });
  return { app, stack };
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Prebuilt handler code from the fixtures folder. */
export function fixtureCode(): lambda.Code {
  return lambda.Code.fromAsset(path.join(FIXTURES, 'handler'));
}

/** Asserts `fn` throws our validation error and that its message names every part. */
export interface ExpectedError {
  readonly path: string;
  readonly prop: string;
  readonly rule: RegExp | string;
  /** The value as the message shows it (without the unit of its range); ending in "…" for the start of one. */
  readonly value: string;
  readonly practice: string;
}

export function expectValidationError(fn: () => unknown, parts: ExpectedError): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect((error as Error).name).toBe('GuardrailsValidationError');
  expect(message).toContain(parts.path);
  expect(message).toContain(parts.prop);
  expect(message).toMatch(parts.rule);
  // The value as the message shows it, then the unit of its range when it has one (s, MB, %); a
  // value ending in "…" is the start of one (a token's text).
  const value = parts.value.endsWith('…') ? `${escapeRegExp(parts.value.slice(0, -1))}.*` : `${escapeRegExp(parts.value)}( (s|MB|%))?`;
  expect(message).toMatch(new RegExp(`= ${value}: `));
  expect(message).toContain(`practice ${parts.practice}`);
}

/** A plain aws-cdk-lib function with inline code (no guardrails): what a user brings as an existing function. */
export function plainFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    ...props,
  });
}

/** What `fn` threw; fails when it threw nothing or something else than our validation error. */
export function validationErrorOf(fn: () => unknown): GuardrailsValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GuardrailsValidationError);
    return error as GuardrailsValidationError;
  }
  throw new Error('expected a GuardrailsValidationError, nothing was thrown');
}

/**
 * Asserts that `fn` throws one error with one line per failed rule, for exactly `props` (in
 * order), each line naming the construct path and its practice.
 */
export function expectOneErrorFor(fn: () => unknown, constructPath: string, props: Array<{ prop: string; practice: string }>): void {
  const error = validationErrorOf(fn);
  const lines = error.message.split('\n');
  expect(error.problems.map((problem) => ({ prop: problem.prop, practice: problem.practice }))).toEqual(props);
  expect(lines).toHaveLength(props.length);
  lines.forEach((line, i) => {
    expect(line.startsWith(`${constructPath}: invalid ${props[i].prop} = `)).toBe(true);
    expect(line.endsWith(`(practice ${props[i].practice}).`)).toBe(true);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
