// integ-runner, driven through its own runner modules: discovery of `integ.*.ts`, snapshot
// verification without deploying, snapshot updates (dry run) and real runs against an AWS account.
//
// Why not the `integ-runner` command: its CLI (2.197.10, the newest on npm) bundles a toolkit that
// reads cloud assembly schema 53 only, and aws-cdk-lib 2.269 writes schema 54. The unbundled runner
// modules below are the same code the CLI's workers run; they load @aws-cdk/toolkit-lib from our
// devDependencies (1.40, schema 54). Once an integ-runner built on such a toolkit is on npm, replace
// this file with `integ-runner --language typescript --directory test/integ`.
//
//   npx projen integ:update               write the snapshots (synthesizes, never deploys)
//   npx projen integ:deploy [names]       deploy, run the assertions, destroy, then write the snapshots
//                                         (needs AWS credentials; AWS_REGION, AWS_PROFILE honoured;
//                                         --disable-update-workflow as with the integ-runner CLI)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DeployOptions, DestroyOptions, ICdk, ListOptions, SynthOptions, WatchEvents } from '@aws-cdk/integ-runner/lib/engines/cdk-interface';
import { IntegrationTests, IntegSnapshotRunner, IntegTest, IntegTestRunner } from '@aws-cdk/integ-runner/lib/runner';
import { makeEngine } from '@aws-cdk/integ-runner/lib/runner/engine';

export { IntegTest };

/** The folder holding the integ apps and their `*.snapshot` folders. */
export const INTEG_DIRECTORY = __dirname;

/**
 * Environment of the integ apps' synthesis: ts-node only transpiles, which halves the time of
 * each synthesis. The same apps are type-checked where `npm run example` loads them to lint
 * their templates.
 */
const APP_ENV = { TS_NODE_TRANSPILE_ONLY: 'true' };

/**
 * Environment of the synthesis that only checks a snapshot: also without aws-cdk-lib's built-in
 * CloudFormation validation, whose engine takes about 10 s of CPU to start in each app and whose
 * findings are warnings only (cfn-lint checks these templates in `npm run example`). The snapshot
 * check compares templates, which the validation does not change; `integ:update` and `integ:deploy`
 * keep it, so the snapshots' validation-report.json stays as written.
 */
const CHECK_ENV = { ...APP_ENV, CDK_VALIDATION: 'false' };

/**
 * integ-runner's engine, synthesizing each app once per context. `IntegSnapshotRunner.testSnapshot`
 * synthesizes the same app twice with the same context and environment (once to read its integ
 * manifest, which it then deletes, once for the templates): the second time gets a copy of the first.
 */
export class SynthOnceEngine implements ICdk {
  private readonly kept = new Map<string, string>();
  /** How many times an app was really synthesized. */
  public synthCount = 0;

  constructor(private readonly engine: ICdk, private readonly directory: string) {}

  public async synth(options: SynthOptions): Promise<void> {
    const key = JSON.stringify([options.app, options.context ?? {}, options.env ?? {}]);
    const output = path.resolve(this.directory, options.output ?? 'cdk.out');
    const kept = this.kept.get(key);
    if (kept) {
      fs.rmSync(output, { recursive: true, force: true });
      fs.cpSync(kept, output, { recursive: true });
      return;
    }
    await this.engine.synth(options);
    this.synthCount++;
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-synth-'));
    fs.cpSync(output, copy, { recursive: true });
    this.kept.set(key, copy);
  }

  public list(options: ListOptions): Promise<string[]> { return this.engine.list(options); }
  public deploy(options: DeployOptions): Promise<void> { return this.engine.deploy(options); }
  public destroy(options: DestroyOptions): Promise<void> { return this.engine.destroy(options); }
  public watch(options: DeployOptions, events?: WatchEvents): Promise<void> { return this.engine.watch(options, events); }

  /** Removes the kept copies. */
  public dispose(): void {
    this.kept.forEach((copy) => fs.rmSync(copy, { recursive: true, force: true }));
    this.kept.clear();
  }
}

/** The integ apps of a folder, found by integ-runner's TypeScript preset (`integ.*.ts`). */
export async function discoverIntegTests(directory: string = INTEG_DIRECTORY, names?: string[]): Promise<IntegTest[]> {
  return new IntegrationTests(directory).fromCliOptions({ language: ['typescript'], tests: names?.length ? names : undefined });
}

/** One problem integ-runner reports for a test (a template diff, a missing snapshot, an error). */
export interface SnapshotProblem {
  readonly reason: string;
  readonly message: string;
}

/** The region of a synthesis that must not depend on one (cloud-assembly-api's UNKNOWN_REGION, as integ-runner's snapshot runner). */
const UNKNOWN_REGION = 'unknown-region';

/** The engine of a snapshot check: synthesizes once, without the built-in validation, in no region (as integ-runner's). */
export function snapshotCheckEngine(test: IntegTest): SynthOnceEngine {
  return new SynthOnceEngine(makeEngine({ test, env: CHECK_ENV, region: UNKNOWN_REGION }), test.directory);
}

/** Synthesizes the test and compares it with its committed snapshot, as `integ-runner` does. */
export async function verifySnapshot(test: IntegTest, engine?: SynthOnceEngine): Promise<SnapshotProblem[]> {
  const cdk = engine ?? snapshotCheckEngine(test);
  try {
    const runner = new IntegSnapshotRunner({ test, env: CHECK_ENV, cdk });
    if (!runner.hasSnapshot()) {
      return [{ reason: 'NO_SNAPSHOT', message: `${test.testName} has no snapshot (${test.snapshotDir}): run npx projen integ:update` }];
    }
    const { diagnostics } = await runner.testSnapshot();
    return diagnostics.map(({ reason, message }) => ({ reason, message }));
  } finally {
    if (!engine) cdk.dispose();
  }
}

/** How to run an integ test. */
export interface RunOptions {
  /** Only synthesize and write the snapshot; never deploy. */
  readonly dryRun: boolean;
  /**
   * Deploy the committed snapshot first, then update it to the current app (integ-runner's default:
   * it catches changes that fail as updates). Needs the snapshot at the git merge-base with origin.
   * @default true
   */
  readonly updateWorkflow?: boolean;
  /** @default AWS_REGION, else us-east-1 */
  readonly region?: string;
  /** @default AWS_PROFILE */
  readonly profile?: string;
}

/** Runs every test case of a test; returns the failed assertions. */
export async function runIntegTest(test: IntegTest, options: RunOptions): Promise<string[]> {
  const runner = new IntegTestRunner({
    test,
    env: APP_ENV,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    profile: options.profile ?? process.env.AWS_PROFILE,
  });
  const testCases = Object.keys((await runner.actualTests()) ?? {});
  if (testCases.length === 0) throw new Error(`${test.testName} defines no test case`);
  const failures: string[] = [];
  for (const testCaseName of testCases) {
    const results = await runner.runIntegTestCase({ testCaseName, dryRun: options.dryRun, updateWorkflow: options.updateWorkflow });
    for (const [assertion, result] of Object.entries(results ?? {})) {
      if (result.status === 'fail') failures.push(`${testCaseName} ${assertion}: ${result.message}`);
    }
  }
  return failures;
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const flags = rest.filter((arg) => arg.startsWith('--'));
  const names = rest.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.filter((flag) => flag !== '--disable-update-workflow');
  if ((command !== 'update' && command !== 'deploy') || unknown.length > 0) {
    throw new Error(`usage: integ-runner.ts update|deploy [--disable-update-workflow] [integ.name.ts ...]${unknown.length ? ` (unknown: ${unknown.join(' ')})` : ''}`);
  }
  let failed = 0;
  for (const test of await discoverIntegTests(INTEG_DIRECTORY, names)) {
    const failures = await runIntegTest(test, { dryRun: command === 'update', updateWorkflow: !flags.includes('--disable-update-workflow') });
    failures.forEach((failure) => console.error(`FAIL ${test.testName} ${failure}`));
    failed += failures.length;
    console.log(`${failures.length ? 'FAILED ' : 'ok     '} ${test.testName} → ${path.relative(process.cwd(), test.snapshotDir)}`);
  }
  if (failed > 0) process.exitCode = 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
