import type { RangeLimit, FormatRule } from '../rules';

/** AWS Lambda limits (FN practices): what the service accepts, and what it uses when a template leaves a value out. */

/** FN1: Lambda memory, whole MB. */
export const LAMBDA_MEMORY_MB: RangeLimit = { min: 128, max: 10_240, unit: 'MB', practice: 'FN1', integer: true };
/** FN2: Lambda timeout. */
export const LAMBDA_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: 900, unit: 's', practice: 'FN2', integer: true };
/** FN4: Lambda /tmp (ephemeral storage). */
export const LAMBDA_EPHEMERAL_STORAGE_MB: RangeLimit = { min: 512, max: 10_240, unit: 'MB', practice: 'FN4', integer: true };
/** FN3: total size of a function's environment variables (keys + values, UTF-8). */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4 * 1024;
/** FN5: reserved concurrency; 0 throttles every invocation, so it is only allowed as an explicit "disable". */
export const LAMBDA_RESERVED_CONCURRENCY: RangeLimit = { min: 1, max: 1_000_000, unit: 'concurrent executions', practice: 'FN5', integer: true };
/** FN5: provisioned concurrency, at least 1 when set and never above the reserved concurrency. */
export const LAMBDA_PROVISIONED_CONCURRENCY: RangeLimit = { min: 1, max: 1_000_000, unit: 'concurrent executions', practice: 'FN5', integer: true };
/** FN9: retry attempts of an asynchronous invocation. */
export const LAMBDA_ASYNC_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: 2, unit: 'retries', practice: 'FN9', integer: true };
/** FN9: maximum age of an asynchronous event (60 s – 6 h). */
export const LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS: RangeLimit = { min: 60, max: 21_600, unit: 's', practice: 'FN9', integer: true };
/** FN2: the timeout Lambda uses when a template leaves it out. */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
/** FN15: deployment package limits. */
export const LAMBDA_PACKAGE_MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
export const LAMBDA_PACKAGE_MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
/** FN10: Lambda alias names: 1–128 characters of a-z, A-Z, 0-9, - and _, not only digits (that would be a version). */
export const LAMBDA_ALIAS_NAME: FormatRule = {
  rule: 'must be 1–128 characters of a-z, A-Z, 0-9, - and _, and not only digits (Lambda\'s alias name rule)',
  practice: 'FN10',
  test: (name) => /^[a-zA-Z0-9_-]{1,128}$/.test(name) && !/^[0-9]+$/.test(name),
};
/** FN10: Lambda function names (a physical name): 1–64 characters of a-z, A-Z, 0-9, - and _. */
export const LAMBDA_FUNCTION_NAME: FormatRule = {
  rule: 'must be 1–64 characters of a-z, A-Z, 0-9, - and _ (Lambda\'s function name rule)',
  practice: 'FN10',
  test: (name) => /^[a-zA-Z0-9_-]{1,64}$/.test(name),
};
/** FN3: Lambda environment variable keys: a letter, then at least one letter, digit or _. */
export const LAMBDA_ENVIRONMENT_KEY: FormatRule = {
  rule: 'must start with a letter followed by at least one of a-z, A-Z, 0-9 and _ (Lambda\'s environment variable key rule)',
  practice: 'FN3',
  test: (key) => /^[a-zA-Z][a-zA-Z0-9_]+$/.test(key),
};
/**
 * FN12: the utilization target of provisioned concurrency that Application Auto Scaling tracks
 * (`LambdaProvisionedConcurrencyUtilization`), as a fraction of the provisioned executions in use.
 */
export const LAMBDA_PROVISIONED_UTILIZATION_TARGET: RangeLimit = { min: 0.1, max: 0.9, unit: '(fraction of provisioned concurrency in use)', practice: 'FN12' };
/**
 * FN16: what Lambda does with a VPC function's execution role: create, describe and delete its
 * network interfaces (the EC2 actions of the managed policy AWSLambdaVPCAccessExecutionRole, whose
 * logs actions a guarded function does not need).
 */
export const LAMBDA_VPC_NETWORK_INTERFACE_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
];
