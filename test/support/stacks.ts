import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

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
  expect(message).toContain(`= ${parts.value}`);
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
