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

/** The median and the lowest time of one work, in ms. */
export interface PackTime {
  readonly median: number;
  readonly best: number;
}

/**
 * CPU and wall time of each of `works` (user + system of this process; ms), measured in blocks:
 * each round runs every work `block` times in a row, the order of the works alternating from round
 * to round. Garbage a work leaves is then mostly collected during its own block and charged to
 * it. (Run by run interleaving charged one pack's garbage collection to the other: a pack that
 * allocates much looked up to twice as fast as it is.) `warmUp` runs of each come first (a block by default).
 */
export function blockedPackTimes(rounds: number, works: Array<() => void>, block = 5, warmUp = block): { cpu: PackTime[]; wall: PackTime[] } {
  const cpu: number[][] = works.map(() => []);
  const wall: number[][] = works.map(() => []);
  for (const work of works) for (let run = 0; run < warmUp; run++) work();
  for (let round = 0; round < rounds; round++) {
    const order = works.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      for (let run = 0; run < block; run++) {
        const started = performance.now();
        const start = process.cpuUsage();
        works[index]();
        const used = process.cpuUsage(start);
        wall[index].push(performance.now() - started);
        cpu[index].push((used.user + used.system) / 1000);
      }
    }
  }
  const summary = (samples: number[]): PackTime => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], best: sorted[0] };
  };
  return { cpu: cpu.map(summary), wall: wall.map(summary) };
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

