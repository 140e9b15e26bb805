import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import * as guardrails from '../src';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** One ```ts block of README.md and the line it starts on. */
interface Example {
  readonly code: string;
  readonly line: number;
}

/** The ```ts blocks of README.md, each compiled and run as its own module against src/ and the peer deps. */
function readmeExamples(): Example[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => ({ code: match[1], line: readme.slice(0, match.index).split('\n').length + 1 }));
}

function describeExample(example: Example, index: number): string {
  return `README example ${index} (README.md line ${example.line})`;
}

test('README has TypeScript examples', () => {
  expect(readmeExamples().length).toBeGreaterThanOrEqual(1);
});

test('every README example compiles', () => {
  const dir = fs.mkdtempSync(path.join(root, 'test', '.readme-'));
  try {
    const files = readmeExamples().map((example, index) => {
      const file = path.join(dir, `example-${index}.ts`);
      fs.writeFileSync(file, example.code);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      paths: { 'cdk-serverless-guardrails': [path.join(root, 'src', 'index.ts')] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') +
      (d.file ? ` (${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : ''));
    expect(diagnostics).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The handler files and prebuilt code folders the examples name (`entry: '...'`,
 * `Code.fromAsset('...')`), created in the working directory the examples run in. Each handler
 * exports every handler name the README uses, so bundling sees a real module.
 */
function createHandlerFixtures(dir: string): void {
  const handlerNames = new Set(['handler', ...[...readme.matchAll(/handler: '(\w+)'/g)].map((match) => match[1])]);
  const source = [...handlerNames].map((name) => `export const ${name} = async (event: unknown): Promise<unknown> => event;`).join('\n');
  for (const [, entry] of readme.matchAll(/entry: '([^']+)'/g)) {
    fs.mkdirSync(path.dirname(path.join(dir, entry)), { recursive: true });
    fs.writeFileSync(path.join(dir, entry), `${source}\n`);
  }
  for (const [, asset] of readme.matchAll(/Code\.fromAsset\('([^']+)'\)/g)) {
    fs.mkdirSync(path.join(dir, asset), { recursive: true });
    fs.writeFileSync(path.join(dir, asset, 'index.js'), 'exports.handler = async (event) => event;\n');
  }
}

/**
 * Runs an example as CommonJS with `cdk-serverless-guardrails` mapped to src/, and synthesizes the
 * `app` it declares into `outdir`. Returns the paths of its templates.
 */
function synthesizeExample(example: Example, outdir: string): string[] {
  const { outputText } = ts.transpileModule(example.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  // jest's own require, so the example shares the module instances (aws-cdk-lib, src/) of this test.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFromExample = (name: string) => (name === 'cdk-serverless-guardrails' ? guardrails : require(name));
  const run = new Function('exports', 'require', `${outputText}\nreturn typeof app === 'undefined' ? undefined : app;`);
  const previousOutdir = process.env.CDK_OUTDIR;
  process.env.CDK_OUTDIR = outdir;
  try {
    const app = run({}, requireFromExample) as unknown;
    if (!App.isApp(app)) throw new Error('the example declares no `const app = new App()`');
    return app.synth().stacksRecursively.map((stack) => stack.templateFullPath);
  } finally {
    if (previousOutdir === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = previousOutdir;
  }
}

/** cfn-lint's findings over all templates, in one process (the config is the repo's `.cfnlintrc.yaml`). */
function cfnLint(templates: string[]): string[] {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('cfn-lint is not on the PATH: install it with `pip install cfn-lint`');
  if (templates.length === 0) return [];
  const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').filter((line) => line.trim() !== '');
  return result.status === 0 ? [] : (output.length > 0 ? output : [`cfn-lint exited with ${result.status}`]);
}

test('every README example runs, synthesizes, and its templates pass cfn-lint', () => {
  const examples = readmeExamples();
  const dir = fs.mkdtempSync(path.join(root, 'test', '.readme-run-'));
  const cwd = process.cwd();
  try {
    createHandlerFixtures(dir);
    // `entry` paths are relative to the working directory, as in a user's project.
    process.chdir(dir);
    const failures: string[] = [];
    const templates = examples.flatMap((example, index) => {
      try {
        return synthesizeExample(example, path.join(dir, `cdk.out-${index}`));
      } catch (error) {
        failures.push(`${describeExample(example, index)} does not synthesize: ${(error as Error).message}`);
        return [];
      }
    });
    expect(templates.length).toBeGreaterThan(0);
    for (const finding of cfnLint(templates)) {
      const index = Number(/cdk\.out-(\d+)/.exec(finding)?.[1]);
      failures.push(Number.isNaN(index) ? finding : `${describeExample(examples[index], index)}: ${finding.replace(dir, '')}`);
    }
    expect(failures).toEqual([]);
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
