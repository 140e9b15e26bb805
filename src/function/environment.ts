import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { LAMBDA_ENVIRONMENT_KEY, LAMBDA_ENVIRONMENT_MAX_BYTES } from '../core/limits';
import { PropsValidator } from '../core/validation';
import { environmentSizeBytes } from '../template/lambda-environment';

/**
 * FN3, at synth: every variable of `fn`, also those added to it directly (not only through the
 * props): Lambda's key rule, and keys plus values within 4 KB. The error lines of `scope`.
 */
export function environmentProblems(scope: IConstruct, fn: lambda.Function): string[] {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const resolved = Stack.of(scope).resolve(cfn.environment) as { variables?: { [key: string]: unknown } } | undefined;
  const variables = resolved?.variables ?? {};
  const validator = new PropsValidator(scope);
  for (const key of Object.keys(variables)) validator.format(`environment key ${key}`, key, LAMBDA_ENVIRONMENT_KEY);
  const size = environmentSizeBytes(variables);
  validator.check(size > LAMBDA_ENVIRONMENT_MAX_BYTES, 'environment',
    `keys and values must total at most ${LAMBDA_ENVIRONMENT_MAX_BYTES} bytes (values only known at deploy time count 0); move large values to SSM Parameter Store or S3`,
    `${size} bytes`, 'FN3');
  return validator.messages();
}
