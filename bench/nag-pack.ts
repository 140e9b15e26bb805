// Benchmark of our cdk-nag pack against AwsSolutionsChecks (issue: our pack no slower than
// AwsSolutionsChecks on the same app; 3,000 resources ≤ 3.5 × the time of 1,000).
// Run with `npm run bench`; writes the table to bench/README.md.
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { blockedPackTimes, machineLine, writeSection } from './report';
import { syntheticApp } from './synthetic-app';
import { ServerlessGuardrailsChecks } from '../src';

const SIZES = [100, 1_000, 3_000];
// 15 runs: at 1,000 resources our pack takes about 50 ms, where a GC pause or a busy neighbour shows.
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/**
 * The median CPU times of validating `scope` with a fresh pack of each kind, in alternating blocks
 * of 5 runs (bench/report.ts); small apps get more runs (their times are a few ms).
 */
function packMillis(packs: Array<() => NagPack>, scope: IConstruct, resources = 1_000): number[] {
  const rounds = Math.ceil(Math.max(RUNS, Math.round(20_000 / resources)) / 5);
  return blockedPackTimes(rounds, packs.map((pack) => () => pack().validateScope(scope))).cpu.map((time) => time.median);
}

function main(): void {
  const rows: { size: number; resources: number; ours: number; awsSolutions: number }[] = [];
  // Warm up both packs (module loading, JIT) so the first size is not charged for it.
  const warmUp = syntheticApp(1_000).app;
  const packs = [() => new ServerlessGuardrailsChecks(), () => new AwsSolutionsChecks()];
  packMillis(packs, warmUp);
  for (const size of SIZES) {
    const { app, resourceCount } = syntheticApp(size);
    const [ours, awsSolutions] = packMillis(packs, app, resourceCount);
    rows.push({ size, resources: resourceCount, ours, awsSolutions });
    console.log(`${resourceCount} resources: Guardrails ${ours.toFixed(0)} ms, AwsSolutions ${awsSolutions.toFixed(0)} ms`);
  }
  const at = (size: number) => rows.find((row) => row.size === size)!;
  const growth = at(3_000).ours / at(1_000).ours;
  const table = rows.map((row) => `| ${row.resources} | ${row.ours.toFixed(0)} | ${row.awsSolutions.toFixed(0)} | ${(row.ours / row.awsSolutions).toFixed(2)} |`).join('\n');
  const slower = rows.filter((row) => row.ours > row.awsSolutions);
  const verdict = [
    `- Our pack vs AwsSolutionsChecks: ${slower.length === 0 ? 'no slower at any size (goal met)'
      : `slower at ${slower.map((row) => `${row.resources} resources (${(row.ours / row.awsSolutions).toFixed(2)} ×, ${row.ours.toFixed(1)} vs ${row.awsSolutions.toFixed(1)} ms)`).join(', ')}: goal missed there`}.`,
    `- Growth of our pack from 1,000 to 3,000 resources: ${growth.toFixed(2)} × (goal ≤ 3.5 ×: ${growth <= 3.5 ? 'met' : 'MISSED'}).`,
  ].join('\n');
  writeSection('nag-pack', `## cdk-nag pack: validateScope time

${machineLine()};
median CPU time of ${RUNS} runs each (more for small apps) in alternating blocks of 5 (\`bench/report.ts\`), same app for both packs (\`npm run bench\`, \`bench/nag-pack.ts\`). The app is
built from units of a function, its role, a queue with a DLQ and an event source mapping, a state
machine and an API method (\`bench/synthetic-app.ts\`).

| Resources | Guardrails (ms) | AwsSolutions (ms) | Ratio |
|---:|---:|---:|---:|
${table}

${verdict}
`);
}

main();
