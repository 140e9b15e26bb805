// One app of the whole-process synthesis benchmark (bench/synth-process.ts), run the way `cdk synth`
// runs an app: `node process-app.js <reference|solutions|functions> [count]`, compiled beforehand
// (no TypeScript compiler in the measured process), writing its cloud assembly to BENCH_OUTDIR.
// BENCH_BUNDLER=nodejs-function bundles every `entry` with NodejsFunction, as before in-process bundling.
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { buildComparableApp } from './comparable-app';
import { buildSolutionsApp } from './solutions-app';
import { GuardedFunction } from '../src';
import * as esbuildResolution from '../src/function/esbuild-resolution';

/** Functions per stack in the functions apps: 10 resources each, well under CloudFormation's 500. */
const FUNCTIONS_PER_STACK = 25;

/** `count` guarded functions, each with a bundle of its own (aws-cdk-lib bundles equal entries and options once). */
function functionsApp(app: App, count: number): void {
  const entry = path.join(process.cwd(), 'test', 'fixtures', 'bundling', 'defined.ts');
  let stack: Stack | undefined;
  for (let i = 0; i < count; i++) {
    if (i % FUNCTIONS_PER_STACK === 0) stack = new Stack(app, `Functions${i / FUNCTIONS_PER_STACK}`, { env: { account: '123456789012', region: 'eu-west-1' } });
    new GuardedFunction(stack!, `Fn${i}`, { entry, bundling: { define: { FLAVOUR: JSON.stringify(`function ${i}`) } } });
  }
}

const [appName, count] = process.argv.slice(2);
if (process.env.BENCH_BUNDLER === 'nodejs-function') {
  // As if no esbuild could be resolved in process: the guarded functions fall back to NodejsFunction.
  Object.assign(esbuildResolution, { resolveEsbuild: () => ({ reason: 'the benchmark measures NodejsFunction' }) });
}
const app = new App({ outdir: process.env.BENCH_OUTDIR });
if (appName === 'reference') buildComparableApp(app);
else if (appName === 'solutions') buildSolutionsApp(app);
else if (appName === 'functions') functionsApp(app, Number(count));
else throw new Error(`unknown app ${appName}: reference, solutions or functions <count>`);
app.synth();
