// Benchmark of our cdk-nag pack against AwsSolutionsChecks (issue: our pack no slower than
// AwsSolutionsChecks on the same app; 3,000 resources ≤ 3.5 × the time of 1,000).
// Run with `npm run bench`; writes the table to bench/README.md.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { syntheticApp } from './synthetic-app';
import { ServerlessGuardrailsChecks } from '../src';

const SIZES = [100, 1_000, 3_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function medianMillis(pack: () => NagPack, scope: IConstruct): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    pack().validateScope(scope);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function main(): void {
  const rows: { size: number; resources: number; ours: number; awsSolutions: number }[] = [];
  // Warm up both packs (module loading, JIT) so the first size is not charged for it.
  const warmUp = syntheticApp(1_000).app;
  medianMillis(() => new ServerlessGuardrailsChecks(), warmUp);
  medianMillis(() => new AwsSolutionsChecks(), warmUp);
  for (const size of SIZES) {
    const { app, resourceCount } = syntheticApp(size);
    const ours = medianMillis(() => new ServerlessGuardrailsChecks(), app);
    const awsSolutions = medianMillis(() => new AwsSolutionsChecks(), app);
    rows.push({ size, resources: resourceCount, ours, awsSolutions });
    console.log(`${resourceCount} resources: Guardrails ${ours.toFixed(0)} ms, AwsSolutions ${awsSolutions.toFixed(0)} ms`);
  }
  const at = (size: number) => rows.find((row) => row.size === size)!;
  const growth = at(3_000).ours / at(1_000).ours;
  const table = rows.map((row) => `| ${row.resources} | ${row.ours.toFixed(0)} | ${row.awsSolutions.toFixed(0)} | ${(row.ours / row.awsSolutions).toFixed(2)} |`).join('\n');
  const verdict = [
    `- Our pack vs AwsSolutionsChecks: ${rows.every((row) => row.ours <= row.awsSolutions) ? 'no slower at every size (goal met)' : 'SLOWER at some size (goal missed)'}.`,
    `- Growth of our pack from 1,000 to 3,000 resources: ${growth.toFixed(2)} × (goal ≤ 3.5 ×: ${growth <= 3.5 ? 'met' : 'MISSED'}).`,
  ].join('\n');
  writeSection('nag-pack', `## cdk-nag pack: validateScope time

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version};
median of ${RUNS} runs each, same app for both packs (\`npm run bench\`, \`bench/nag-pack.ts\`). The app is
built from units of a function, its role, a queue with a DLQ and an event source mapping, a state
machine and an API method (\`bench/synthetic-app.ts\`).

| Resources | Guardrails (ms) | AwsSolutions (ms) | Ratio |
|---:|---:|---:|---:|
${table}

${verdict}
`);
}

/** Replaces (or appends) the section between the markers of `name` in bench/README.md. */
function writeSection(name: string, body: string): void {
  const file = path.join(__dirname, 'README.md');
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nSpeed goals live here, measured by scripts, never in unit tests.\n';
  const section = `${begin}\n${body}${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
}

main();
