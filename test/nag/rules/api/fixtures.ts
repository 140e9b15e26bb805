import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { plainFunction } from '../../support';

/** The function behind a method, with a timeout. */
export function handler(stack: Stack, id: string, timeout?: Duration): lambda.Function {
  return plainFunction(stack, id, { timeout });
}
