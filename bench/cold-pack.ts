// One cold validation: loads the corpus, then validates every app once with one pack, in this
// fresh process, as `cdk synth` validates an app once per process. Prints the CPU and wall time as
// JSON for bench/precision.ts, which runs this script in child processes.
//
// Usage: `npx ts-node --project bench/tsconfig.json bench/cold-pack.ts <corpus> <Guardrails|AwsSolutions>`
import { performance } from 'perf_hooks';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { loadCorpus } from './corpus';
import { ServerlessGuardrailsChecks } from '../src';

const PACKS: { [name: string]: () => NagPack } = {
  Guardrails: () => new ServerlessGuardrailsChecks(),
  AwsSolutions: () => new AwsSolutionsChecks(),
};

const [corpus, packName] = process.argv.slice(2);
const pack = PACKS[packName];
if (!corpus || !pack) throw new Error(`Usage: cold-pack.ts <corpus> <${Object.keys(PACKS).join('|')}>`);
const apps = loadCorpus(corpus);
const started = performance.now();
const start = process.cpuUsage();
apps.forEach(({ app }) => pack().validateScope(app));
const used = process.cpuUsage(start);
console.log(JSON.stringify({ cpu: (used.user + used.system) / 1000, wall: performance.now() - started }));
