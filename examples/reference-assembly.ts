// The reference app's synthesis into cdk.out/, shared by its consumers: the jest test
// (test/examples/reference-app.test.ts), `npm run example` (examples/check.ts) and the local deploy
// (test/deploy/local-deploy.ts). The first two need the construct tree (the nag packs run on it)
// and synthesize; the deploy only needs the templates and assets and reuses cdk.out/ when it was
// synthesized from the current sources (a stamp holds their fingerprint).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildReferenceApp } from './app';

const ROOT = path.join(__dirname, '..');

/** Where the reference app is synthesized (the `output` of examples/cdk.json). */
export const REFERENCE_OUTDIR = path.join(ROOT, 'cdk.out');

/** The stamp in cdk.out/: the fingerprint of the sources and settings it was synthesized from. */
const STAMP_FILE = 'reference-app.stamp';

/**
 * The context of `cdk synth` in examples/ (cdk.json): the recommended feature flags. Every
 * synthesis of the reference app uses it, so all consumers check the same templates.
 */
export function referenceContext(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'cdk.json'), 'utf8')).context ?? {};
}

/** One synthesis of the reference app: its construct tree and its cloud assembly. */
export interface ReferenceSynthesis {
  readonly app: App;
  readonly stacks: Stack[];
  readonly assembly: CloudAssembly;
}

/**
 * Builds the reference app and synthesizes it into `outdir` (emptied first), with aws-cdk-lib's
 * built-in CloudFormation validation on even where the environment turns it off (the unit tests
 * do): with the recommended flag `@aws-cdk/core:validateAgainstDefaultRules` its errors fail the
 * synthesis. Stamps the result with the fingerprint of its sources.
 */
export function synthesizeReferenceApp(outdir: string = REFERENCE_OUTDIR): ReferenceSynthesis {
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: referenceContext() });
  const stacks = buildReferenceApp(app);
  const validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true';
  let assembly: CloudAssembly;
  try {
    assembly = app.synth();
  } finally {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
  }
  fs.writeFileSync(path.join(outdir, STAMP_FILE), stampOf(outdir));
  return { app, stacks, assembly };
}

/**
 * The reference app's cloud assembly: cdk.out/ as it is when it was synthesized from the current
 * sources and settings into `env` (the account and region of every stack), else a new synthesis
 * (the app takes its environment from CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION).
 */
export function referenceAssembly(env: { account: string; region: string }): { assembly: CloudAssembly; reused: boolean } {
  const stamp = path.join(REFERENCE_OUTDIR, STAMP_FILE);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === stampOf(REFERENCE_OUTDIR)) {
    const assembly = new CloudAssembly(REFERENCE_OUTDIR);
    if (assembly.stacks.every((stack) => stack.environment.account === env.account && stack.environment.region === env.region)) {
      return { assembly, reused: true };
    }
  }
  return { assembly: synthesizeReferenceApp().assembly, reused: false };
}

/**
 * What a synthesis in `outdir` depends on: every file of src/ and examples/ (the app, its
 * handlers, cdk.json) and the lock file; plus the manifest it wrote, so that another synthesis
 * into the same folder (`cdk synth`) invalidates the stamp.
 */
function stampOf(outdir: string): string {
  const hash = crypto.createHash('sha256');
  const files = [...filesUnder(path.join(ROOT, 'src')), ...filesUnder(__dirname), path.join(ROOT, 'package-lock.json'), path.join(outdir, 'manifest.json')];
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0');
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '(missing)').update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
      return entry.isFile() ? [full] : [];
    });
}
