// Benchmark of whole synth processes (`npm run bench`): where every second of `cdk synth` goes. Each
// app of bench/process-app.ts (the reference app, the same architecture with AWS Solutions
// Constructs, apps of 1, 30 and 100 guarded functions) runs as the process `cdk synth` starts for
// an app (`node app.js`, compiled beforehand), with in-process bundling and with NodejsFunction, with
// aws-cdk-lib's built-in template validation on and off (CDK_VALIDATION=false). GNU time measures
// each process: CPU (user + sys, its children included, also esbuild's service process, which node
// leaves behind: bench/reap-descendants.py), wall time and peak memory (the largest single process). Runs are interleaved: round after round, every configuration once, so that a
// busy phase of the machine hits all of them alike.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { machineLine, writeSection } from './report';

const RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 3);
/** BENCH_PROCESS_WARMUP=0 skips the warm-up runs (when the files are in the page cache already). */
const WARMUP = process.env.BENCH_PROCESS_WARMUP !== '0';
const ROOT = path.join(__dirname, '..');
const BUILD = path.join(ROOT, '.bench-out', 'process');
const APP = path.join(BUILD, 'bench', 'process-app.js');
const TIME = '/usr/bin/time';
/** Waits for the processes the app leaves behind (esbuild's service), so that their CPU is counted. */
const REAPER = path.join(__dirname, 'reap-descendants.py');

type Bundler = 'in-process' | 'nodejs-function';

interface Configuration {
  readonly app: 'reference' | 'solutions' | 'functions';
  readonly functions?: number;
  /** Our bundler; the Solutions app always bundles with NodejsFunction. */
  readonly bundler: Bundler;
  readonly validation: boolean;
}

interface Sample {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly peakMiB: number;
}

const FUNCTION_COUNTS = [1, 30, 100];

const BUNDLERS: Bundler[] = ['in-process', 'nodejs-function'];

/** The apps compared with the Solutions app first, then the functions apps (the longest runs) last. */
function configurations(): Configuration[] {
  const result: Configuration[] = [];
  for (const validation of [true, false]) {
    result.push({ app: 'solutions', bundler: 'nodejs-function', validation });
    for (const bundler of BUNDLERS) result.push({ app: 'reference', bundler, validation });
  }
  for (const validation of [false, true]) {
    for (const functions of FUNCTION_COUNTS) for (const bundler of BUNDLERS) result.push({ app: 'functions', functions, bundler, validation });
  }
  return result;
}

/** Compiles the apps (and the library, the reference app) to JavaScript, as a user's `cdk synth` would run them after `tsc`. */
function compile(): void {
  fs.rmSync(BUILD, { recursive: true, force: true });
  execFileSync('npx', ['tsc', '-p', path.join(__dirname, 'tsconfig.process.json')], { cwd: ROOT, stdio: 'inherit' });
  // The compiled apps find the handlers and the Solutions Constructs where the sources have them.
  fs.symlinkSync(path.join(ROOT, 'examples', 'handlers'), path.join(BUILD, 'examples', 'handlers'));
  fs.symlinkSync(path.join(ROOT, 'bench', 'solutions'), path.join(BUILD, 'bench', 'solutions'));
}

/** One synth process, in a fresh output folder (bundles are never reused from an earlier run). */
function run(configuration: Configuration): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-process-'));
  try {
    const args = ['-f', 'bench-time %e %U %S %M', 'python3', REAPER, 'node', APP, configuration.app, String(configuration.functions ?? '')];
    const result = spawnSync(TIME, args, {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, BENCH_OUTDIR: outdir, BENCH_BUNDLER: configuration.bundler, CDK_VALIDATION: String(configuration.validation) },
    });
    const line = /bench-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
    if (result.status !== 0 || !line) throw new Error(`${label(configuration)} failed (${result.status}): ${result.stderr.slice(-2000)}`);
    return { wallSeconds: Number(line[1]), cpuSeconds: Number(line[2]) + Number(line[3]), peakMiB: Number(line[4]) / 1024 };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function label(configuration: Configuration): string {
  const app = configuration.app === 'functions' ? `${configuration.functions} guarded function${configuration.functions === 1 ? '' : 's'}` : configuration.app;
  return `${app}, ${configuration.bundler}, validation ${configuration.validation ? 'on' : 'off'}`;
}

function ratio(value: number, reference: number): string {
  return `${(value / reference).toFixed(2)} ×`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main(): void {
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed: apt-get install time`);
  compile();
  const all = configurations();
  // A warm-up run of each app: the files and modules in the page cache, esbuild's binary loaded once.
  if (WARMUP) for (const configuration of all.filter((c) => c.validation && (c.app !== 'functions' || c.functions === 1))) run(configuration);
  const samples = new Map<Configuration, Sample[]>(all.map((configuration) => [configuration, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const configuration of all) {
      const sample = run(configuration);
      samples.get(configuration)!.push(sample);
      console.log(`round ${round + 1}/${RUNS}: ${label(configuration)}: cpu ${sample.cpuSeconds.toFixed(2)} s, wall ${sample.wallSeconds.toFixed(2)} s, peak ${sample.peakMiB.toFixed(0)} MiB`);
    }
  }
  const measure = (app: Configuration['app'], bundler: Bundler, validation: boolean, functions?: number): Sample => {
    const configuration = all.find((c) => c.app === app && c.bundler === bundler && c.validation === validation && c.functions === functions)!;
    const runs = samples.get(configuration)!;
    return {
      cpuSeconds: median(runs.map((s) => s.cpuSeconds)),
      wallSeconds: median(runs.map((s) => s.wallSeconds)),
      peakMiB: median(runs.map((s) => s.peakMiB)),
    };
  };
  writeSection('synth-process', report(measure));
}

export type Measure = (app: Configuration['app'], bundler: Bundler, validation: boolean, functions?: number) => Sample;

export function report(measure: Measure): string {
  const rows: string[] = [];
  const row = (name: string, validation: boolean, today: Sample, inProcess?: Sample) => rows.push(`| ${name} | ${validation ? 'on' : 'off'} `
    + `| ${today.cpuSeconds.toFixed(2)} | ${inProcess ? inProcess.cpuSeconds.toFixed(2) : '–'} | ${inProcess ? ratio(inProcess.cpuSeconds, today.cpuSeconds) : '–'} `
    + `| ${today.wallSeconds.toFixed(2)} | ${inProcess ? inProcess.wallSeconds.toFixed(2) : '–'} | ${inProcess ? ratio(inProcess.wallSeconds, today.wallSeconds) : '–'} `
    + `| ${today.peakMiB.toFixed(0)} | ${inProcess ? inProcess.peakMiB.toFixed(0) : '–'} |`);
  for (const validation of [true, false]) {
    row('reference app', validation, measure('reference', 'nodejs-function', validation), measure('reference', 'in-process', validation));
    row('Solutions Constructs app', validation, measure('solutions', 'nodejs-function', validation));
    for (const functions of FUNCTION_COUNTS) {
      row(`${functions} guarded function${functions === 1 ? '' : 's'}`, validation, measure('functions', 'nodejs-function', validation, functions),
        measure('functions', 'in-process', validation, functions));
    }
  }
  const reference = (bundler: Bundler, validation: boolean) => measure('reference', bundler, validation);
  const solutions = (validation: boolean) => measure('solutions', 'nodejs-function', validation);
  const functions = (bundler: Bundler, count: number, validation = false) => measure('functions', bundler, validation, count);
  const perFunction = (bundler: Bundler, of: keyof Sample) => (functions(bundler, 100)[of] - functions(bundler, 1)[of]) * 1000 / 99;
  const validationShare = (sample: (validation: boolean) => Sample) => 1 - sample(false).cpuSeconds / sample(true).cpuSeconds;
  const goal = (value: number, limit: number) => `${value.toFixed(2)} × (goal ≤ ${limit} ×: ${value <= limit ? 'met' : 'MISSED'})`;
  const onCpu = reference('in-process', true).cpuSeconds / solutions(true).cpuSeconds;
  const offCpu = reference('in-process', false).cpuSeconds / solutions(false).cpuSeconds;
  const onWall = reference('in-process', true).wallSeconds / solutions(true).wallSeconds;
  const offWall = reference('in-process', false).wallSeconds / solutions(false).wallSeconds;
  const hundred = functions('in-process', 100).cpuSeconds / functions('nodejs-function', 100).cpuSeconds;
  const hundredWall = functions('in-process', 100).wallSeconds / functions('nodejs-function', 100).wallSeconds;
  const validationCpu = (on: Sample, off: Sample) => on.cpuSeconds - off.cpuSeconds;
  const floor = validationCpu(reference('in-process', true), reference('in-process', false)) / solutions(true).cpuSeconds;
  const peakToday = Math.max(...[true, false].map((v) => reference('nodejs-function', v).peakMiB));
  const peakNow = Math.max(...[true, false].map((v) => reference('in-process', v).peakMiB));
  return `## Synthesis: whole \`cdk synth\` processes

${machineLine()}; median of ${RUNS} interleaved run${RUNS === 1 ? '' : 's'}${WARMUP ? ' after a warm-up run of each app' : ''} (\`npm run bench\`,
\`bench/synth-process.ts\`). Each app runs as the process \`cdk synth\` starts for it (\`node app.js\`,
compiled beforehand: no TypeScript compiler and no CLI start-up in the figures), in a fresh output
folder, measured by GNU time: CPU = user + sys seconds of the process and its children (esbuild
included), wall seconds, peak memory = the largest single process (MiB). "NodejsFunction" is how
guarded functions were bundled before (esbuild started as a command for each function); the
Solutions Constructs app (\`bench/solutions-app.ts\`) always bundles that way. The functions apps
give every function a bundle of its own (\`bench/process-app.ts\`). "Reference app" is its four stacks
that the Solutions app mirrors (functions, event processors, workflow, API: \`bench/comparable-app.ts\`). Validation = aws-cdk-lib's
built-in template validation (\`CDK_VALIDATION=false\` turns it off). The goals are judged on CPU
time: on a shared machine the wall time also measures the other processes.

| App | Validation | CPU, NodejsFunction (s) | CPU, in process (s) | ratio | Wall, NodejsFunction (s) | Wall, in process (s) | ratio | Peak, NodejsFunction (MiB) | Peak, in process (MiB) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

- Reference app in process against the Solutions app, validation on: CPU ${goal(onCpu, 0.6)}, wall ${onWall.toFixed(2)} ×.
  The validation alone (on − off) costs our app ${validationCpu(reference('in-process', true), reference('in-process', false)).toFixed(2)} s CPU and the
  Solutions app ${validationCpu(solutions(true), solutions(false)).toFixed(2)} s: about the same, whatever the constructs. Ours alone is
  ${floor.toFixed(2)} × the Solutions app's whole synthesis, the floor of this ratio while the validation runs${floor > 0.6 ? ' (above the goal: no construct change can meet it)' : ''}.
- Same with validation off: CPU ${goal(offCpu, 0.35)}, wall ${offWall.toFixed(2)} ×.
- 100 guarded functions in process against NodejsFunction: CPU ${goal(hundred, 0.25)}, wall ${hundredWall.toFixed(2)} ×.
- Cost of each added function (1 → 100 functions, validation off): in process ${perFunction('in-process', 'cpuSeconds').toFixed(0)} ms CPU
  (goal ≤ 30 ms: ${perFunction('in-process', 'cpuSeconds') <= 30 ? 'met' : 'MISSED'}; ${perFunction('in-process', 'wallSeconds').toFixed(0)} ms wall: ${perFunction('in-process', 'wallSeconds') <= 30 ? 'met' : 'MISSED'}),
  NodejsFunction ${perFunction('nodejs-function', 'cpuSeconds').toFixed(0)} ms CPU (${perFunction('nodejs-function', 'wallSeconds').toFixed(0)} ms wall).
- Peak memory of the reference app: ${peakToday.toFixed(0)} MiB with NodejsFunction, ${peakNow.toFixed(0)} MiB in process
  (goal: no higher: ${peakNow <= peakToday ? 'met' : 'MISSED'}).
- The built-in validation's share of the CPU time: reference app in process ${(100 * validationShare((v) => reference('in-process', v))).toFixed(0)} %,
  with NodejsFunction ${(100 * validationShare((v) => reference('nodejs-function', v))).toFixed(0)} %, Solutions app ${(100 * validationShare(solutions)).toFixed(0)} %.

The built-in validation (\`@aws/cloudformation-validate\`, a WebAssembly engine started in every
synth process) costs every CDK app the same, whatever its constructs. Its findings are warnings
unless \`@aws-cdk/core:validateAgainstDefaultRules\` is set. Where cfn-lint (or another template
linter) checks the templates anyway, \`CDK_VALIDATION=false\` in the environment of \`cdk synth\`
skips it: this repository's unit tests do so, while \`npm run example\` keeps it on and cfn-lints
too. The library never switches it off for a user's app.
`;
}

if (require.main === module) main();
