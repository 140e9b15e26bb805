import * as fs from 'fs';
import * as path from 'path';
import { AssetHashType, DockerImage, ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { IConstruct } from 'constructs';
import { EsbuildApi, EsbuildMessage, projectRelative } from './esbuild-resolution';
import { invalidProp, PropsValidator } from '../core/validation';

/**
 * The options of NodejsFunction's `bundling` that the in-process bundler maps onto esbuild's API.
 * Any other option (`nodeModules`, `commandHooks`, `preCompilation`, `esbuildArgs`, the Docker
 * options) needs NodejsFunction.
 */
export const IN_PROCESS_OPTIONS: ReadonlySet<string> = new Set([
  'minify', 'sourceMap', 'sourceMapMode', 'sourcesContent', 'target', 'loader', 'logLevel', 'keepNames', 'tsconfig',
  'metafile', 'banner', 'footer', 'charset', 'define', 'externalModules', 'bundleAwsSDK', 'assetHash', 'format', 'mainFields', 'inject',
]);

/** The `bundling` options set that only NodejsFunction knows. */
export function nodejsOnlyOptions(bundling: nodejs.BundlingOptions): string[] {
  return Object.entries(bundling).filter(([option, value]) => value !== undefined && !IN_PROCESS_OPTIONS.has(option)).map(([option]) => option);
}

/** What the in-process bundler needs for one function. */
export interface InProcessBundlingPlan {
  readonly projectRoot: string;
  /** The entry file (absolute or relative to the working directory). */
  readonly entry: string;
  readonly bundling: nodejs.BundlingOptions;
  readonly runtime: lambda.Runtime;
  readonly esbuild: EsbuildApi;
}

/** The code of a function bundled in process, and the error of a failed build (thrown by the caller). */
export interface InProcessCode {
  readonly code: lambda.Code;
  /** Set when esbuild failed: our error naming the construct and the file, instead of aws-cdk-lib's wrapper. */
  failure(): Error | undefined;
}

/**
 * FN15: `entry` bundled by esbuild's JavaScript API inside the synth process, as an asset of the
 * project root with `bundling.local`, so that aws-cdk-lib still decides when to bundle (the CLI's
 * `bundlingStacks`: `cdk ls`, deploying one stack) and shares one bundle between functions with
 * equal entry and options. The asset hash is the output's (AssetHashType.OUTPUT): the project and
 * its node_modules are never fingerprinted, and the output names no absolute path, so the hash is
 * the same wherever the project and `cdk.out` are.
 */
export function inProcessCode(scope: IConstruct, plan: InProcessBundlingPlan): InProcessCode {
  const entry = path.resolve(plan.entry);
  validateEntry(scope, plan.projectRoot, entry);
  const build = esbuildBuild(scope, plan.projectRoot, entry, plan.bundling, plan.runtime);
  let failure: Error | undefined;
  // aws-cdk-lib keys its staging cache on JSON.stringify(bundling), which drops methods: everything
  // the output depends on is a plain data field of `local` (entry, options, esbuild's version), or
  // every function would get the first function's bundle.
  const local: ILocalBundling & InProcessBuild & { readonly esbuildVersion: string } = {
    ...build,
    esbuildVersion: plan.esbuild.version,
    tryBundle: (outputDir: string) => {
      try {
        writeBuild(plan.esbuild, plan.projectRoot, build, outputDir);
      } catch (error) {
        failure = bundlingError(scope, build.entry, error);
        throw failure;
      }
      return true;
    },
  };
  const code = lambda.Code.fromAsset(plan.projectRoot, {
    assetHash: plan.bundling.assetHash,
    assetHashType: plan.bundling.assetHash ? AssetHashType.CUSTOM : AssetHashType.OUTPUT,
    // Never run: `local` bundles or throws.
    bundling: { image: DockerImage.fromRegistry('in-process-bundling-needs-no-image'), local },
  });
  return { code, failure: () => failure };
}

/** One esbuild build of an entry, as plain data: paths relative to the project root, in POSIX form. */
interface InProcessBuild {
  readonly entry: string;
  readonly outfile: string;
  readonly metafile: boolean;
  readonly options: { readonly [option: string]: unknown };
}

function validateEntry(scope: IConstruct, projectRoot: string, entry: string): void {
  const relative = path.relative(projectRoot, entry);
  new PropsValidator(scope)
    .check(!/\.(jsx?|tsx?|cjs|cts|mjs|mts)$/.test(entry), 'entry', 'must be a JavaScript or TypeScript file (.js, .jsx, .ts, .tsx, .cjs, .cts, .mjs, .mts)', entry, 'FN15')
    .check(!fs.existsSync(entry), 'entry', 'must be an existing file', entry, 'FN15')
    .check(path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`), 'entry',
      `must be inside the project root ${projectRoot} (the folder of the lock file, see depsLockFilePath)`, entry, 'FN15')
    .throwIfInvalid();
}

/** NodejsFunction's esbuild command line, as options of esbuild's API. */
function esbuildBuild(scope: IConstruct, projectRoot: string, entry: string, bundling: nodejs.BundlingOptions,
  runtime: lambda.Runtime): InProcessBuild {
  if (bundling.sourceMap === false && bundling.sourceMapMode) {
    throw invalidProp(scope, 'bundling.sourceMapMode', 'cannot be used when bundling.sourceMap is false', bundling.sourceMapMode, 'FN15');
  }
  const sourceMapMode = bundling.sourceMapMode ?? (bundling.sourceMap ? nodejs.SourceMapMode.DEFAULT : undefined);
  const relativeTo = (file: string) => projectRelative(projectRoot, path.resolve(file));
  const options: { [option: string]: unknown } = {
    target: bundling.target ?? nodeTarget(scope, runtime),
    format: bundling.format,
    minify: bundling.minify,
    sourcemap: sourceMapMode === undefined ? undefined : sourceMapMode === nodejs.SourceMapMode.DEFAULT || sourceMapMode,
    sourcesContent: bundling.sourcesContent,
    external: bundling.externalModules,
    loader: bundling.loader,
    define: bundling.define,
    logLevel: bundling.logLevel ?? 'warning',
    keepNames: bundling.keepNames,
    tsconfig: bundling.tsconfig === undefined ? undefined : relativeTo(bundling.tsconfig),
    banner: bundling.banner === undefined ? undefined : { js: bundling.banner },
    footer: bundling.footer === undefined ? undefined : { js: bundling.footer },
    charset: bundling.charset,
    mainFields: bundling.mainFields,
    inject: bundling.inject,
  };
  for (const option of Object.keys(options)) if (options[option] === undefined) delete options[option];
  return {
    entry: relativeTo(entry),
    outfile: bundling.format === nodejs.OutputFormat.ESM ? 'index.mjs' : 'index.js',
    metafile: bundling.metafile === true,
    options,
  };
}

/** FN14: the esbuild target of a Node.js runtime (nodejs24.x → node24), as NodejsFunction derives it. */
function nodeTarget(scope: IConstruct, runtime: lambda.Runtime): string {
  const version = /^nodejs(\d+)/.exec(runtime.name)?.[1];
  if (runtime.family !== lambda.RuntimeFamily.NODEJS || version === undefined) {
    throw invalidProp(scope, 'runtime', 'must be a Node.js runtime with a version (nodejsNN.x) to bundle `entry`', runtime.name, 'FN14');
  }
  return `node${version}`;
}

/**
 * Runs esbuild with the project root as working directory and a fixed virtual output file in it
 * (nothing is written there): source maps name sources relative to the project, never the real
 * output folder in `cdk.out`. Then writes the files into `outputDir`.
 */
function writeBuild(esbuild: EsbuildApi, projectRoot: string, build: InProcessBuild, outputDir: string): void {
  const result = esbuild.buildSync({
    ...build.options,
    absWorkingDir: projectRoot,
    entryPoints: [path.join(projectRoot, build.entry)],
    outfile: path.join(projectRoot, build.outfile),
    bundle: true,
    platform: 'node',
    write: false,
    allowOverwrite: true,
    metafile: build.metafile,
  });
  for (const file of result.outputFiles ?? []) {
    const target = path.join(outputDir, path.relative(projectRoot, file.path));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.path.endsWith('.map') ? portableSourceMap(projectRoot, file.contents) : file.contents);
  }
  if (build.metafile) fs.writeFileSync(path.join(outputDir, 'index.meta.json'), JSON.stringify(result.metafile));
}

/**
 * A source map whose `sources` are project-relative POSIX paths: esbuild writes them relative to the
 * output file, which lies in the project root, but a source on another drive (Windows) would stay
 * absolute and a Windows path would have backslashes; both would make the asset hash depend on the machine.
 */
export function portableSourceMap(projectRoot: string, contents: Uint8Array): Uint8Array {
  const map = JSON.parse(Buffer.from(contents).toString('utf8')) as { sources?: string[] };
  const portable = (source: string) => (path.isAbsolute(source) ? path.relative(projectRoot, source) : source).replace(/\\/g, '/');
  if ((map.sources ?? []).every((source) => portable(source) === source)) return contents;
  return Buffer.from(JSON.stringify({ ...map, sources: map.sources!.map(portable) }));
}

/** FN15: esbuild's errors (a syntax error in `entry` or a file it imports) as our error naming the construct and each file. */
function bundlingError(scope: IConstruct, entry: string, error: unknown): Error {
  const messages = (error as { errors?: EsbuildMessage[] }).errors;
  const details = messages && messages.length > 0
    ? messages.map((message) => (message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '') + message.text).join('; ')
    : String(error);
  return invalidProp(scope, 'entry', `must bundle with esbuild; esbuild failed: ${details}`, entry, 'FN15');
}
