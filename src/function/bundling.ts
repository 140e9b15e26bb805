import { Annotations, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { EntryBundler } from './entry-bundler';
import { EsbuildApi, resolveEsbuild } from './esbuild-resolution';
import { GuardedFunctionProps } from './guarded-function-props';
import { inProcessCode, nodejsOnlyOptions } from './in-process-bundling';
import { projectRootOf } from './project-root';
import { invalidProp } from '../core/validation';

/** FN15: the library's esbuild options for `entry`: minified, with source maps, the AWS SDK v3 left to the runtime. */
export const BUNDLING_DEFAULTS: nodejs.BundlingOptions = { minify: true, sourceMap: true, externalModules: ['@aws-sdk/*'] };

/**
 * The Lambda function of a guarded function: `code` and `handler` as given, or `entry` bundled by
 * esbuild with {@link BUNDLING_DEFAULTS} (the user's `bundling` merged over them), in process
 * unless NodejsFunction is chosen or needed. `common` holds everything else the guarded function decided.
 */
export function createLambdaFunction(scope: Construct, id: string, props: GuardedFunctionProps,
  common: lambda.FunctionOptions & { runtime: lambda.Runtime }): lambda.Function {
  if (props.code) {
    return new lambda.Function(scope, id, { ...common, code: props.code, handler: props.handler! });
  }
  const bundling = entryBundlingOptions(props.bundling);
  const handler = props.handler ?? 'handler';
  const bundler = chooseBundler(scope, props, bundling);
  let fn: lambda.Function;
  if (bundler.inProcess) {
    const { projectRoot, inProcess: esbuild } = bundler;
    const bundled = inProcessCode(scope, { projectRoot, entry: props.entry!, bundling, runtime: common.runtime, esbuild });
    try {
      fn = new lambda.Function(scope, id, { ...common, code: bundled.code, handler: handler.includes('.') ? handler : `index.${handler}` });
    } catch (error) {
      throw bundled.failure() ?? error;
    }
  } else {
    fn = new nodejs.NodejsFunction(scope, id, { ...common, entry: props.entry, handler, depsLockFilePath: props.depsLockFilePath, bundling });
  }
  // Source maps only help when Node.js is told to use them; the user's own NODE_OPTIONS stay.
  fn.addEnvironment('NODE_OPTIONS', withSourceMaps(common.environment?.NODE_OPTIONS));
  return fn;
}

const ENABLE_SOURCE_MAPS = '--enable-source-maps';

/** The user's NODE_OPTIONS (a token too) with source maps enabled, the flag added once. */
function withSourceMaps(userOptions: string | undefined): string {
  if (userOptions === undefined || userOptions.trim() === '') return ENABLE_SOURCE_MAPS;
  if (!Token.isUnresolved(userOptions) && userOptions.split(/\s+/).includes(ENABLE_SOURCE_MAPS)) return userOptions;
  return `${userOptions} ${ENABLE_SOURCE_MAPS}`;
}

/** The library's defaults with the user's options over them; `bundleAwsSDK` without `externalModules` bundles the SDK. */
function entryBundlingOptions(user: nodejs.BundlingOptions | undefined): nodejs.BundlingOptions {
  const bundling = { ...BUNDLING_DEFAULTS, ...user };
  return user?.bundleAwsSDK && !user.externalModules ? { ...bundling, externalModules: [] } : bundling;
}

type BundlerChoice =
  | { readonly inProcess: EsbuildApi; readonly projectRoot: string }
  | { readonly inProcess?: undefined };

/**
 * In process by default; NodejsFunction when chosen, or (with an info note) when an option needs it
 * or esbuild cannot be resolved; an error when in process was chosen and cannot run.
 */
function chooseBundler(scope: Construct, props: GuardedFunctionProps, bundling: nodejs.BundlingOptions): BundlerChoice {
  if (props.bundler === EntryBundler.NODEJS_FUNCTION) return {};
  const explicit = props.bundler === EntryBundler.IN_PROCESS;
  const nodejsOnly = nodejsOnlyOptions(bundling);
  if (nodejsOnly.length > 0) {
    return fallBack(scope, explicit, 'bundling', `${nodejsOnly.map((option) => `bundling.${option}`).join(', ')} only NodejsFunction supports`, nodejsOnly.join(', '));
  }
  const projectRoot = projectRootOf(scope, props.depsLockFilePath);
  const resolution = resolveEsbuild(projectRoot);
  if (!resolution.esbuild) return fallBack(scope, explicit, 'bundler', resolution.reason, EntryBundler.IN_PROCESS);
  return { inProcess: resolution.esbuild, projectRoot };
}

function fallBack(scope: Construct, explicit: boolean, prop: string, reason: string, value: string): BundlerChoice {
  if (explicit) {
    throw invalidProp(scope, prop, `cannot bundle in process (bundler: EntryBundler.IN_PROCESS): ${reason}; use EntryBundler.NODEJS_FUNCTION`, value, 'FN15');
  }
  Annotations.of(scope).addInfo(`${scope.node.path}: entry bundled by NodejsFunction (esbuild started as a command for each function), not in process: ${reason}. `
    + 'Set bundler: EntryBundler.NODEJS_FUNCTION to choose it (FN15).');
  return {};
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
