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

