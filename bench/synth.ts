// Benchmark of synthesis (`npm run bench`): (a) the reference app against the same architecture
// built with AWS Solutions Constructs, (b) growth with the number of patterns, (c) the nag
// findings of both apps. Goal: our reference app synthesizes in ≤ 0.2 × the Solutions app's time
// (warm, in one process; bench/synth-process.ts times whole processes) with zero unacknowledged findings.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { buildComparableApp } from './comparable-app';
import { machineLine, medianMillis, medianSynth, SynthTiming, timeSynth, writeSection } from './report';
import { buildSolutionsApp } from './solutions-app';
import { CognitoRestApi, GuardedFunction, QueueProcessor, ResilientStateMachine, ServerlessGuardrailsChecks, TableStreamProcessor, WorkflowTasks } from '../src';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Builds and synthesizes an app in a fresh output folder. */
function synthesize(build: (app: App) => void): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return app;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** One set of our patterns (inline code, so bundling does not dominate), one stack per set. */
function patternSet(app: App, index: number): void {
  const stack = new Stack(app, `Patterns${index}`, { env: { account: '123456789012', region: 'eu-west-1' } });
  const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');
  const fn = new GuardedFunction(stack, 'Fn', { code, handler: 'index.handler', asyncInvocation: {} });
  new QueueProcessor(stack, 'Queue', { processor: { code, handler: 'index.handler' } });
  new TableStreamProcessor(stack, 'Stream', { tableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }, processor: { code, handler: 'index.handler' } });
  new ResilientStateMachine(stack, 'Workflow', { definition: WorkflowTasks.invokeFunction(stack, 'Invoke', fn).next(new sfn.Succeed(stack, 'Done')), timeout: Duration.minutes(5) });
  new CognitoRestApi(stack, 'Api').addRoute('GET', '/items/{id}', { handlerProps: { code, handler: 'index.handler' } });
}

/** Start-up of esbuild through npx (as NodejsFunction runs it) and of the esbuild binary itself. */
function esbuildStartup(): { npx: number; binary: number } {
  const binary = path.join(path.dirname(require.resolve('esbuild/package.json')), 'bin', 'esbuild');
  return {
    npx: medianMillis(RUNS, () => execFileSync('npx', ['--no-install', 'esbuild', '--version'], { stdio: 'ignore' })),
    binary: medianMillis(RUNS, () => execFileSync(binary, ['--version'], { stdio: 'ignore' })),
  };
}

function resourceCount(app: App): number {
  return app.node.findAll().filter((construct) => (construct as { cfnResourceType?: string }).cfnResourceType !== undefined).length;
}

function findingCounts(app: App): Record<string, number> {
  const packs: NagPack[] = [new AwsSolutionsChecks(), new ServerlessChecks(), new ServerlessGuardrailsChecks()];
  return Object.fromEntries(packs.map((pack) => [pack.readPackName, pack.validateScope(app).violations
    .reduce((sum, violation) => sum + violation.violatingResources.length, 0)]));
}

function main(): void {
  // (a) warm up both (module loading, esbuild's first bundles), then interleave the measured runs.
  synthesize((app) => buildComparableApp(app));
  synthesize((app) => buildSolutionsApp(app));
  const oursRuns: SynthTiming[] = [];
  const solutionsRuns: SynthTiming[] = [];
  for (let run = 0; run < RUNS; run++) {
    oursRuns.push(timeSynth(() => synthesize((app) => buildComparableApp(app))));
    solutionsRuns.push(timeSynth(() => synthesize((app) => buildSolutionsApp(app))));
  }
  const ours = medianSynth(oursRuns);
  const solutions = medianSynth(solutionsRuns);
  const startup = esbuildStartup();
  console.log('reference app', ours, 'Solutions Constructs app', solutions, 'esbuild start-up', startup);

  // (b) growth with the number of pattern sets.
  const growth = [1, 10, 50].map((sets) => ({
    sets,
    millis: medianMillis(Math.max(1, Math.min(RUNS, sets === 50 ? 3 : RUNS)), () => synthesize((app) => {
      for (let i = 0; i < sets; i++) patternSet(app, i);
    })),
  }));
  growth.forEach((row) => console.log(`${row.sets} pattern sets: ${row.millis.toFixed(0)} ms`));

  // (c) nag findings of both apps.
  const oursApp = synthesize((app) => buildComparableApp(app));
  const theirApp = synthesize((app) => buildSolutionsApp(app));
  const oursFindings = findingCounts(oursApp);
  const theirFindings = findingCounts(theirApp);
  console.log('findings', oursFindings, theirFindings);

  const oursResources = resourceCount(oursApp);
  const theirResources = resourceCount(theirApp);
  // "rest": building the constructs and writing the assembly, without esbuild runs and validation.
  const rest = (timing: SynthTiming) => timing.millis - timing.childProcessMillis - timing.validationMillis;
  const withoutEsbuild = (timing: SynthTiming) => timing.millis - timing.childProcessMillis;
  const ratio = ours.millis / solutions.millis;
  const withoutEsbuildRatio = withoutEsbuild(ours) / withoutEsbuild(solutions);
  const perResourceRatio = (rest(ours) / oursResources) / (rest(solutions) / theirResources);
  // The part of our synthesis no construct code of ours can shorten, against their whole synthesis.
  const floorRatio = (ours.childProcessMillis + ours.validationMillis) / solutions.millis;
  const budget = solutions.millis - ours.childProcessMillis - ours.validationMillis;
  const perRun = (ours.childProcessMillis + solutions.childProcessMillis) / (ours.childProcesses + solutions.childProcesses);
  const row = (name: string, resources: number, timing: SynthTiming) => `| ${name} | ${resources} | ${timing.millis.toFixed(0)} `
    + `| ${timing.childProcesses} | ${timing.childProcessMillis.toFixed(0)} | ${timing.validationMillis.toFixed(0)} | ${rest(timing).toFixed(0)} `
    + `| ${(rest(timing) / resources).toFixed(2)} |`;
  const perSet = growth.map((set) => `| ${set.sets} | ${set.millis.toFixed(0)} | ${(set.millis / set.sets).toFixed(0)} |`).join('\n');
  const packsRows = Object.keys(oursFindings).map((pack) => `| ${pack} | ${oursFindings[pack]} | ${theirFindings[pack]} |`).join('\n');
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  writeSection('synth', `## Synthesis: reference app against AWS Solutions Constructs

${machineLine()}; median of ${RUNS} interleaved runs after a warm-up run of each (\`npm run bench\`,
\`bench/synth.ts\`). Both apps have the same architecture and bundle the same handlers with esbuild:
ours in process (esbuild's API, its time is in "rest"), the Solutions app through NodejsFunction;
the Solutions app (\`bench/solutions-app.ts\`) uses EventbridgeToLambda, DynamoDBStreamsToLambda,
SqsToLambda, LambdaToStepfunctions and CognitoToApiGatewayToLambda with their defaults, and plain
aws-cdk-lib where no pattern exists (the partner route's Lambda authorizer, the workflow's tasks). "Reference app" is its four stacks that the Solutions
app mirrors (functions, event processors, workflow, API: \`bench/comparable-app.ts\`); its later
stacks have no counterpart there.

| App | Resources | Synth (ms) | esbuild runs | in esbuild runs (ms) | in CloudFormation validation (ms) | rest (ms) | rest per resource (ms) |
|---|---:|---:|---:|---:|---:|---:|---:|
${row('cdk-serverless-guardrails reference app', oursResources, ours)}
${row('same architecture with AWS Solutions Constructs', theirResources, solutions)}

- Whole synthesis: ${ratio.toFixed(2)} × the Solutions app's time. Goal ≤ 0.2 ×: ${ratio <= 0.2 ? 'met' : 'MISSED'}.
- Without the esbuild runs: ${withoutEsbuildRatio.toFixed(2)} ×. Rest per resource: ${perResourceRatio.toFixed(2)} ×.
- Our esbuild runs and the validation of our templates alone take ${floorRatio.toFixed(2)} × the Solutions app's whole
  synthesis (${budget > 0 ? `${budget.toFixed(0)} ms are left for building, bundling and writing our ${oursResources} resources, which take ${rest(ours).toFixed(0)} ms`
    : 'more than its whole synthesis'}).

aws-cdk-lib's NodejsFunction runs esbuild once per distinct handler, through \`npx --no-install
esbuild\`: ${perRun.toFixed(0)} ms a run here, while \`npx --no-install esbuild --version\` alone
takes ${startup.npx.toFixed(0)} ms and the esbuild binary ${startup.binary.toFixed(0)} ms. So most of that time is npx
starting (aws-cdk PR #37380 proposes calling the binary directly); guarded functions no longer pay
it: they bundle in process (README: Bundling \`entry\`).
aws-cdk-lib 2.269 also validates every template with its built-in CloudFormation validation
(\`@aws/cloudformation-validate\`); its time grows with the templates. Both parts grow with the
resources: the reference app also creates the alarms, failure queues, log groups and roles that the
Solutions app leaves out and that its 0 findings need.

### Growth with the number of patterns

One stack per set of a guarded function, a queue processor, a stream processor, a workflow and an
API with one route (inline code).

| Pattern sets | Synth (ms) | ms per set |
|---:|---:|---:|
${perSet}

### Unacknowledged nag findings

| Pack | Reference app | Solutions Constructs app |
|---|---:|---:|
${packsRows}
| total | ${total(oursFindings)} | ${total(theirFindings)} |
`);
}

main();
