// Precision benchmark of our cdk-nag pack on real apps (issue: ≥ 95 % of the findings are real
// problems, no rule below 90 %; our pack ≤ 0.5 × AwsSolutionsChecks' time on the same apps).
//
// Usage: `CORPUS_DIR=/path/to/corpus npx ts-node --project bench/tsconfig.json bench/precision.ts`
// (or the folder as the first argument). The corpus holds one folder per app: the app's cloud
// assembly (`cdk.out`), i.e. its `*.template.json` files and their file assets. Each template is
// loaded with `cloudformation-include`, so no app code runs here. The corpus itself is never
// committed (the apps are other people's code); `bench/precision-apps.tsv` lists where each app
// comes from, and `bench/precision-verdicts.tsv` holds our review of each finding.
//
// Writes `<corpus>/findings.tsv` (every finding, for review) and the section of bench/README.md.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { blockedPackTimes, machineLine, writeSection } from './report';
import { ServerlessGuardrailsChecks } from '../src';
import { GUARDRAILS_RULES } from '../src/nag/rule-catalog';

/** Rounds of blocks of 5 runs of each pack. */
const ROUNDS = Number(process.env.BENCH_RUNS ?? 6);
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

/** Every `*.template.json` of an app's cloud assembly, nested assemblies (stages) included. */
function templatesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name.startsWith('assembly-')) return templatesOf(full);
    return entry.isFile() && entry.name.endsWith('.template.json') ? [full] : [];
  });
}

/**
 * The app as CDK constructs: one stack per template, loaded with cloudformation-include. A state
 * machine defined from a file (`DefinitionBody.fromFile`) points to a JSON file asset of the
 * assembly: that file is added as an Asset again, as the app had it.
 */
function loadApp(dir: string): { app: App; resources: number } {
  const app = new App();
  let resources = 0;
  for (const templateFile of templatesOf(dir)) {
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
    const stack = new Stack(app, path.basename(templateFile, '.template.json').replace(/[^A-Za-z0-9-]/g, '-'));
    new CfnInclude(stack, 'Template', { templateFile, preserveLogicalIds: true });
    resources += Object.keys(template.Resources ?? {}).length;
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      const key = resource?.Properties?.DefinitionS3Location?.Key;
      const file = typeof key === 'string' ? path.join(path.dirname(templateFile), `asset.${key}`) : undefined;
      if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
        new Asset(stack, `DefinitionOf${logicalId}`, { path: file, assetHash: path.basename(key, path.extname(key)) });
      }
    }
  }
  return { app, resources };
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
  const appNames = fs.readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && templatesOf(path.join(corpus, entry.name)).length > 0).map((entry) => entry.name).sort();
  const apps = appNames.map((name) => ({ name, ...loadApp(path.join(corpus, name)) }));
  const resources = apps.reduce((sum, app) => sum + app.resources, 0);

  const findings = apps.flatMap((app) => findingsOf(new ServerlessGuardrailsChecks(), app.name, app.app));
  fs.writeFileSync(path.join(corpus, 'findings.tsv'), ['finding\tapp\tresource', ...findings.map((f) => `${f.finding}\t${f.app}\t${f.resource}`)].join('\n') + '\n');
  const awsSolutionsFindings = apps.reduce((sum, app) => sum + findingsOf(new AwsSolutionsChecks(), app.name, app.app).length, 0);

  // Time: each pack over every app, in alternating blocks of runs (bench/report.ts), as CPU time of
  // this process: on a shared machine, wall time also counts the neighbours' work.
  const packs = [() => new ServerlessGuardrailsChecks(), () => new AwsSolutionsChecks()];
  const validateAll = (pack: () => NagPack) => () => apps.forEach((app) => pack().validateScope(app.app));
  const times = blockedPackTimes(ROUNDS, packs.map(validateAll));
  const [oursCpu, awsSolutionsCpu] = times.cpu;
  const [ours, awsSolutions] = [oursCpu.median, awsSolutionsCpu.median];
  const [oursWall, awsSolutionsWall] = times.wall.map((time) => time.median);

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
  const ratio = ours / awsSolutions;
  console.log(`${apps.length} apps, ${resources} resources, ${findings.length} findings (${unreviewed.length} unreviewed); `
    + `CPU: Guardrails ${ours.toFixed(0)} ms, AwsSolutions ${awsSolutions.toFixed(0)} ms (${ratio.toFixed(2)} ×); `
    + `wall: ${oursWall.toFixed(0)} ms, ${awsSolutionsWall.toFixed(0)} ms (${(oursWall / awsSolutionsWall).toFixed(2)} ×)`);
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
- validateScope over all apps, CPU time of ${ROUNDS * 5} runs of each pack in alternating blocks of 5 (bench/report.ts): median Guardrails ${ours.toFixed(0)} ms, AwsSolutions ${awsSolutions.toFixed(0)} ms: `
  + `**${ratio.toFixed(2)} ×** (goal ≤ 0.5 ×: ${ratio <= 0.5 ? 'met' : 'MISSED'}); best run ${oursCpu.best.toFixed(0)} ms and ${awsSolutionsCpu.best.toFixed(0)} ms `
  + `(${(oursCpu.best / awsSolutionsCpu.best).toFixed(2)} ×); median wall time ${oursWall.toFixed(0)} ms and ${awsSolutionsWall.toFixed(0)} ms (${(oursWall / awsSolutionsWall).toFixed(2)} ×).
`);
}

main();
