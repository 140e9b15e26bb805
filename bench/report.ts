import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

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

/** One measured synthesis: wall time, and how much of it was spent waiting for child processes. */
export interface SynthTiming {
  readonly millis: number;
  /** aws-cdk-lib's NodejsFunction runs esbuild through `npx` with spawnSync, once per distinct bundle. */
  readonly childProcessMillis: number;
  readonly childProcesses: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess: typeof import('child_process') = require('child_process');

/** Times `work`, wrapping spawnSync (the only way aws-cdk-lib bundles locally) to time the child processes. */
export function timeSynth(work: () => void): SynthTiming {
  const original = childProcess.spawnSync;
  let childProcesses = 0;
  let childProcessMillis = 0;
  (childProcess as { spawnSync: unknown }).spawnSync = (...args: unknown[]) => {
    const start = performance.now();
    try {
      return (original as (...a: unknown[]) => unknown).apply(childProcess, args);
    } finally {
      childProcessMillis += performance.now() - start;
      childProcesses++;
    }
  };
  const start = performance.now();
  try {
    work();
  } finally {
    (childProcess as { spawnSync: unknown }).spawnSync = original;
  }
  return { millis: performance.now() - start, childProcessMillis, childProcesses };
}

/** The median of each measure over timed syntheses of the same app. */
export function medianSynth(timings: SynthTiming[]): SynthTiming {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    millis: median(timings.map((t) => t.millis)),
    childProcessMillis: median(timings.map((t) => t.childProcessMillis)),
    childProcesses: median(timings.map((t) => t.childProcesses)),
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

