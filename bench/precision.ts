// Precision benchmark of our cdk-nag pack on real apps (issue: ≥ 95 % of the findings are real
// problems, no rule below 90 %; our pack ≤ 0.5 × AwsSolutionsChecks' time on the same apps).
//
// Usage: `CORPUS_DIR=/path/to/corpus npx ts-node --project bench/tsconfig.json bench/precision.ts`
// (or the folder as the first argument). The corpus holds one folder per app: the app's cloud
// assembly (`cdk.out`), i.e. its `*.template.json` files and their file assets, loaded by
// bench/corpus.ts (`cloudformation-include`, so no app code runs here). The corpus itself is never
// committed (the apps are other people's code); `bench/precision-apps.tsv` lists where each app
// comes from, and `bench/precision-verdicts.tsv` holds our review of each finding.
//
// Writes `<corpus>/findings.tsv` (every finding, for review) and the section of bench/README.md.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { loadCorpus } from './corpus';
import { blockedPackTimes, machineLine, writeSection } from './report';
import { ServerlessGuardrailsChecks } from '../src';
import { GUARDRAILS_RULES } from '../src/nag/rule-catalog';

/** Rounds of blocks of 5 runs of each pack. */
const ROUNDS = Number(process.env.BENCH_RUNS ?? 6);
/**
 * Runs of each pack before the warm measurement. Our pack's functions run once per stack or per
 * lookup, not once per resource, so V8's optimizing compiler reaches them late: after 5 runs it
 * was still compiling them on background threads (counted in CPU time) through the measurement.
 */
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 40);
/** Fresh processes per pack for the cold measurement. */
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const APPS_FILE = path.join(__dirname, 'precision-apps.tsv');
const VERDICTS_FILE = path.join(__dirname, 'precision-verdicts.tsv');

/** One finding of our pack: the rule (with its granular part), the app and the resource's logical ID. */
interface Finding {
  readonly rule: string;
  readonly finding: string;
  readonly app: string;
  readonly resource: string;
}

interface Verdict {
  readonly truePositive: boolean;
  readonly why: string;
}

function findingsOf(pack: NagPack, appName: string, app: App): Finding[] {
  return pack.validateScope(app).violations.flatMap((violation) => violation.violatingResources.map((resource) => {
    // `<stack>/Template/<logical ID>`: the resource as its template names it.
    const parts = (resource.constructPath ?? '?').split('/');
    return { rule: violation.ruleName.replace(/\[.*$/, ''), finding: violation.ruleName, app: appName, resource: `${parts[0]}/${parts[parts.length - 1]}` };
  }));
}

/** A TSV file as rows of cells, without its header and comment lines. */
function readTsv(file: string): string[][] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line.trim() !== '' && !line.startsWith('#')).map((line) => line.split('\t'));
}

function verdicts(): Map<string, Verdict> {
  return new Map(readTsv(VERDICTS_FILE).map(([finding, app, resource, verdict, why]) => [`${finding}\t${app}\t${resource}`, { truePositive: verdict === 'TP', why }]));
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

function main(): void {
  const corpus = process.argv[2] ?? process.env.CORPUS_DIR;
  if (!corpus) throw new Error('Give the corpus folder: CORPUS_DIR=<folder> or the first argument.');
  const apps = loadCorpus(corpus);
  const resources = apps.reduce((sum, app) => sum + app.resources, 0);

  const findings = apps.flatMap((app) => findingsOf(new ServerlessGuardrailsChecks(), app.name, app.app));
  fs.writeFileSync(path.join(corpus, 'findings.tsv'), ['finding\tapp\tresource', ...findings.map((f) => `${f.finding}\t${f.app}\t${f.resource}`)].join('\n') + '\n');
  const awsSolutionsFindings = apps.reduce((sum, app) => sum + findingsOf(new AwsSolutionsChecks(), app.name, app.app).length, 0);

  // Warm: each pack over every app, in alternating blocks of runs (bench/report.ts), after a
  // warm-up long enough for V8 to have compiled both packs' code.
  const packs = [() => new ServerlessGuardrailsChecks(), () => new AwsSolutionsChecks()];
  const validateAll = (pack: () => NagPack) => () => apps.forEach((app) => pack().validateScope(app.app));
  const warm = blockedPackTimes(ROUNDS, packs.map(validateAll), 5, WARM_UP);
  // Cold: as `cdk synth` validates, once per process.
  const cold = coldTimes(corpus);
  const timeRows: Array<[string, number, number]> = [
    ['Cold, CPU', cold.Guardrails.cpu, cold.AwsSolutions.cpu],
    ['Cold, wall', cold.Guardrails.wall, cold.AwsSolutions.wall],
    ['Warm, CPU', warm.cpu[0].median, warm.cpu[1].median],
    ['Warm, wall', warm.wall[0].median, warm.wall[1].median],
  ];
  const timeTable = timeRows.map(([measure, oursMs, theirsMs]) => `| ${measure} | ${oursMs.toFixed(0)} ms | ${theirsMs.toFixed(0)} ms | `
    + `${(oursMs / theirsMs).toFixed(2)} × | ${oursMs / theirsMs <= 0.5 ? 'met' : 'MISSED'} |`).join('\n');

  // Precision per rule, from the review of each finding.
  const reviewed = verdicts();
  const verdictOf = (f: Finding) => reviewed.get(`${f.finding}\t${f.app}\t${f.resource}`);
  const unreviewed = findings.filter((f) => verdictOf(f) === undefined);
  const rows = GUARDRAILS_RULES.map((rule) => {
    const own = findings.filter((f) => f.rule === `Guardrails-${rule.id}`);
    const truePositives = own.filter((f) => verdictOf(f)?.truePositive).length;
    const judged = own.filter((f) => verdictOf(f) !== undefined).length;
    const falsePositives = judged - truePositives;
    return { rule: rule.id, findings: own.length, truePositives, falsePositives, precision: percent(truePositives, judged), judged };
  });
  const total = rows.reduce((sum, row) => ({
    findings: sum.findings + row.findings, tp: sum.tp + row.truePositives, judged: sum.judged + row.judged,
  }),
  { findings: 0, tp: 0, judged: 0 });
  const lowest = rows.filter((row) => row.judged > 0).map((row) => ({ row, value: row.truePositives / row.judged }))
    .sort((a, b) => a.value - b.value)[0];
  console.log(`${apps.length} apps, ${resources} resources, ${findings.length} findings (${unreviewed.length} unreviewed); Guardrails / AwsSolutions: `
    + timeRows.map(([measure, oursMs, theirsMs]) => `${measure} ${(oursMs / theirsMs).toFixed(2)} ×`).join(', '));
  unreviewed.forEach((f) => console.log(`unreviewed: ${f.finding}\t${f.app}\t${f.resource}`));

  const table = rows.map((row) => `| \`Guardrails-${row.rule}\` | ${row.findings} | ${row.truePositives} | ${row.falsePositives} | ${row.precision} |`).join('\n');
  const sources = readTsv(APPS_FILE).length;
  writeSection('nag-precision', `## cdk-nag pack: precision on real apps

${machineLine()}; \`npm run bench\` with \`CORPUS_DIR\` set (\`bench/precision.ts\`).
Corpus: ${apps.length} public serverless CDK apps (${sources} listed with repository, commit and path in
\`bench/precision-apps.tsv\`), ${resources} resources, synthesized with this library's aws-cdk-lib and
loaded template by template with \`cloudformation-include\` (a state machine's definition file asset
is added back as an \`Asset\`). The corpus is kept outside the repository.

Method: every finding of our pack was reviewed by hand against its template and marked true
positive (the template really breaks the practice) or false positive, with the reason, in
\`bench/precision-verdicts.tsv\`. Precision = true positives / reviewed findings.
${unreviewed.length > 0 ? `\n**${unreviewed.length} findings are not reviewed yet**: precision counts reviewed ones only.\n` : ''}
| Rule | Findings | True positives | False positives | Precision |
|---|---:|---:|---:|---:|
${table}
| **whole pack** | ${total.findings} | ${total.tp} | ${total.judged - total.tp} | ${percent(total.tp, total.judged)} |

- Whole pack: ${percent(total.tp, total.judged)} (goal ≥ 95 %: ${total.judged > 0 && total.tp / total.judged >= 0.95 ? 'met' : 'MISSED'}); lowest rule: ${lowest ? `\`${lowest.row.rule}\` ${percent(lowest.row.truePositives, lowest.row.judged)}` : '–'} (goal ≥ 90 %: ${!lowest || lowest.value >= 0.9 ? 'met' : 'MISSED'}).
- AwsSolutionsChecks on the same apps: ${awsSolutionsFindings} findings (not reviewed here).

Time of validateScope over every app (goal: ours ≤ 0.5 × AwsSolutionsChecks' time):

| Measure | Guardrails | AwsSolutions | Ratio | Goal ≤ 0.5 × |
|---|---:|---:|---:|---|
${timeTable}

- *Cold* is the case of \`cdk synth\`, which validates an app once per process: each pack's first
  validation of every app in a fresh process, after loading the corpus (bench/cold-pack.ts); the
  median of ${COLD_RUNS} processes per pack, run alternately.
- *Warm*: after ${WARM_UP} warm-up runs of each pack, ${ROUNDS * 5} runs of each in alternating blocks of 5
  (bench/report.ts); medians. Best runs: CPU ${warm.cpu[0].best.toFixed(0)} ms and ${warm.cpu[1].best.toFixed(0)} ms.
  CPU time counts V8's background threads (compiler, garbage collector) too; wall time does not.
`);
}

/** Median CPU and wall time of each pack's cold validation of the corpus, in fresh processes run alternately. */
function coldTimes(corpus: string): { [pack: string]: { cpu: number; wall: number } } {
  const samples: { [pack: string]: Array<{ cpu: number; wall: number }> } = { Guardrails: [], AwsSolutions: [] };
  for (let run = 0; run < COLD_RUNS; run++) {
    const order = run % 2 === 0 ? ['Guardrails', 'AwsSolutions'] : ['AwsSolutions', 'Guardrails'];
    for (const pack of order) {
      const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'cold-pack.ts'), corpus, pack], {
        env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') }, encoding: 'utf8',
      });
      samples[pack].push(JSON.parse(output.trim().split('\n').pop()!));
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([pack, runs]) => [pack,
    { cpu: median(runs.map((r) => r.cpu)), wall: median(runs.map((r) => r.wall)) }]));
}

main();
