import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';

/** "Measured <date> on <machine>": every table says when and where it was measured. */
export function machineLine(): string {
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, `
    + `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The median wall time of `runs` calls of `work`, in ms. */
export function medianMillis(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The median wall time of each of `works`, in ms, over `runs` rounds that call every work once in
 * turn: a slow phase of the machine (a GC pause, a busy neighbour) then hits all of them alike.
 */
export function interleavedMedianMillis(runs: number, works: Array<() => void>): number[] {
  const times: number[][] = works.map(() => []);
  for (let run = 0; run < runs; run++) {
    works.forEach((work, index) => {
      const start = performance.now();
      work();
      times[index].push(performance.now() - start);
    });
  }
  return times.map((samples) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]);
}

/** One measured synthesis: wall time, and the parts of it spent in esbuild runs and in validation. */
export interface SynthTiming {
  readonly millis: number;
  /** aws-cdk-lib's NodejsFunction runs esbuild through `npx` with spawnSync, once per distinct bundle. */
  readonly childProcessMillis: number;
  readonly childProcesses: number;
  /** aws-cdk-lib's built-in CloudFormation validation, run on every synth (unless CDK_VALIDATION=false). */
  readonly validationMillis: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess: typeof import('child_process') = require('child_process');

/** Replaces `owner[name]` with a wrapper that times each call, until the returned function restores it. */
function timeCalls(owner: object, name: string, onCall: (millis: number) => void): () => void {
  const target = owner as Record<string, unknown>;
  const original = target[name] as (...args: unknown[]) => unknown;
  target[name] = function timed(this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      onCall(performance.now() - start);
    }
  };
  return () => {
    target[name] = original;
  };
}

/**
 * Times `work`, wrapping spawnSync (the only way aws-cdk-lib bundles locally) to time the child
 * processes, and the CloudFormation validation plugin to time validation.
 */
export function timeSynth(work: () => void): SynthTiming {
  let childProcesses = 0;
  let childProcessMillis = 0;
  let validationMillis = 0;
  const restore = [
    timeCalls(childProcess, 'spawnSync', (millis) => {
      childProcessMillis += millis;
      childProcesses++;
    }),
    timeCalls(CloudFormationValidatePlugin.prototype, 'validate', (millis) => {
      validationMillis += millis;
    }),
  ];
  const start = performance.now();
  try {
    work();
  } finally {
    restore.forEach((undo) => undo());
  }
  return { millis: performance.now() - start, childProcessMillis, childProcesses, validationMillis };
}

/** The median of each measure over timed syntheses of the same app. */
export function medianSynth(timings: SynthTiming[]): SynthTiming {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    millis: median(timings.map((t) => t.millis)),
    childProcessMillis: median(timings.map((t) => t.childProcessMillis)),
    childProcesses: median(timings.map((t) => t.childProcesses)),
    validationMillis: median(timings.map((t) => t.validationMillis)),
  };
}

/** Replaces (or appends) the section between the markers of `name` in bench/README.md. */
export function writeSection(name: string, body: string): void {
  const file = path.join(__dirname, 'README.md');
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nSpeed goals live here, measured by scripts, never in unit tests.\n';
  const section = `${begin}\n${body}${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
}

