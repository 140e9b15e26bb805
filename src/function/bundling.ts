import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { GuardedFunctionProps } from './guarded-function-props';

/** FN15: the library's esbuild options for `entry`: minified, with source maps, the AWS SDK v3 left to the runtime. */
export const BUNDLING_DEFAULTS: nodejs.BundlingOptions = { minify: true, sourceMap: true, externalModules: ['@aws-sdk/*'] };

/**
 * The Lambda function of a guarded function: `code` and `handler` as given, or `entry` bundled by
 * esbuild with {@link BUNDLING_DEFAULTS} (the user's `bundling` merged over them). `common` holds
 * everything else the guarded function decided.
 */
export function createLambdaFunction(scope: Construct, id: string, props: GuardedFunctionProps,
  common: lambda.FunctionOptions & { runtime: lambda.Runtime }): lambda.Function {
  if (props.code) {
    return new lambda.Function(scope, id, { ...common, code: props.code, handler: props.handler! });
  }
  const fn = new nodejs.NodejsFunction(scope, id, {
    ...common,
    entry: props.entry,
    handler: props.handler ?? 'handler',
    depsLockFilePath: props.depsLockFilePath,
    bundling: { ...BUNDLING_DEFAULTS, ...props.bundling },
  });
  // Source maps only help when Node.js is told to use them.
  fn.addEnvironment('NODE_OPTIONS', '--enable-source-maps');
  return fn;
}

/**
 * FN14: the newest fixed Node.js runtime this aws-cdk-lib knows, the same test cdk-nag's runtime
 * rules apply. Never `NODEJS_LATEST` (in `Runtime.ALL`, marked `isVariable`): its version changes
 * with aws-cdk-lib, and bundling warns about it on every function.
 */
export function newestNodeRuntime(): lambda.Runtime {
  const version = (runtime: lambda.Runtime) => Number(/^nodejs(\d+)/.exec(runtime.name)?.[1] ?? 0);
  return lambda.Runtime.ALL
    .filter((runtime) => runtime.family === lambda.RuntimeFamily.NODEJS && !runtime.isVariable && version(runtime) > 0)
    .reduce((newest, runtime) => (version(runtime) > version(newest) ? runtime : newest));
}
