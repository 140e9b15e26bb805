import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { AttributeValue, Context, DynamoDBRecord, SQSRecord } from 'aws-lambda';
import * as ts from 'typescript';
import * as guardrails from '../src';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** A fenced code block of README.md: its info string split into words, its code and the line it starts on. */
interface CodeBlock {
  readonly info: string[];
  readonly code: string;
  readonly line: number;
}

function codeBlocks(): CodeBlock[] {
  return [...readme.matchAll(/^```(.*)\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => ({
    info: match[1].trim().split(/\s+/).filter((word) => word !== ''),
    code: match[2],
    line: readme.slice(0, match.index).split('\n').length,
  }));
}

/**
 * The CDK examples: the blocks jsii-rosetta translates into the other jsii languages (first word of
 * the info string `ts` or `typescript`, as in jsii-rosetta's markdown transform), each completed by
 * its fixture (`rosetta/default.ts-fixture`, or `fixture=NAME`, or none with `nofixture`).
 */
const cdkExamples = codeBlocks().filter((block) => block.info[0] === 'ts' || block.info[0] === 'typescript');

/**
 * The handler files: the other blocks whose first line is a comment naming a file (`// src/api.ts: ...`).
 * jsii-rosetta leaves them as they are in every language's README: a handler is TypeScript (or
 * JavaScript) whatever language the CDK app is written in.
 */
const handlerFiles = codeBlocks().flatMap((block) => {
  const file = /^\/\/ ([\w./-]+\.[cm]?[jt]s)\b/.exec(block.code)?.[1];
  return file && !cdkExamples.includes(block) ? [{ file, code: block.code, line: block.line }] : [];
});

function describeExample(example: CodeBlock): string {
  return `README example at line ${example.line}`;
}

/** The example inside its fixture, as jsii-rosetta completes it: the example's imports first, the rest at `/// here`. */
function withFixture(example: CodeBlock): string {
  const parameters = Object.fromEntries(example.info.slice(1).map((word) => word.split('=') as [string, string?]));
  if ('nofixture' in parameters) return example.code;
  const fixture = fs.readFileSync(path.join(root, 'rosetta', `${parameters.fixture ?? 'default'}.ts-fixture`), 'utf8');
  const source = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.Latest, true);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const rest = source.statements.filter((statement) => !ts.isImportDeclaration(statement));
  const body = rest.length === 0 ? '' : example.code.slice(rest[0].getFullStart());
  if (!/^\/\/\/[ \t]*here[ \t]*$/m.test(fixture)) throw new Error('the fixture has no `/// here` line');
  return [...imports.map((statement) => statement.getText()), fixture.replace(/^\/\/\/[ \t]*here[ \t]*$/m, () => body)].join('\n');
}

/** Writes the README's handler files under `dir`, at the paths their first line names. */
function writeHandlerFiles(dir: string): void {
  for (const handler of handlerFiles) {
    fs.mkdirSync(path.dirname(path.join(dir, handler.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, handler.file), handler.code);
  }
}

test('README has CDK examples and the handler files they use', () => {
  expect(cdkExamples.length).toBeGreaterThanOrEqual(6);
  expect(handlerFiles.length).toBeGreaterThanOrEqual(1);
});

test('every file a CDK example points at (`entry`, `Code.fromAsset`) is a handler file the README shows', () => {
  const shown = new Set(handlerFiles.map((handler) => path.normalize(handler.file)));
  const missing = cdkExamples.flatMap((example) => [
    ...[...example.code.matchAll(/entry: '([^']+)'/g)].map((match) => path.normalize(match[1]))
      .filter((file) => !shown.has(file)),
    ...[...example.code.matchAll(/Code\.fromAsset\('([^']+)'\)/g)].map((match) => path.normalize(match[1]))
      .filter((folder) => ![...shown].some((file) => file.startsWith(`${folder}${path.sep}`)))
      .map((folder) => `${folder}/ (no file of it)`),
  ].map((file) => `${describeExample(example)}: ${file}`));
  expect(missing).toEqual([]);
});

test('no handler file is shown twice, and no CDK example is written as a handler file', () => {
  const files = handlerFiles.map((handler) => handler.file);
  expect(files.filter((file, index) => files.indexOf(file) !== index)).toEqual([]);
  // A block that jsii-rosetta translates must not start with a file name: it would be translated.
  expect(cdkExamples.filter((example) => /^\/\/ [\w./-]+\.[cm]?[jt]s\b/.test(example.code)).map(describeExample)).toEqual([]);
});

/*
 * The CDK examples are type-checked by the build, not here: `npx projen rosetta:extract`
 * (jsii-rosetta in strict mode, after jsii) compiles each one inside its fixture against the
 * compiled package, as every language's translation needs, and fails on any error. This file runs
 * them (transpiled only) and type-checks the handler files, which rosetta does not see.
 */
test('every TypeScript handler file compiles in strict mode', () => {
  const dir = fs.mkdtempSync(path.join(root, 'test', '.readme-'));
  try {
    writeHandlerFiles(dir);
    const handlers = handlerFiles.filter((handler) => /\.[cm]?ts$/.test(handler.file));
    const program = ts.createProgram(handlers.map((handler) => path.join(dir, handler.file)), {
      strict: true,
      noEmit: true,
      noImplicitReturns: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      types: ['node'],
    });
    const where = (file: string) => {
      const handler = handlers.find((candidate) => path.join(dir, candidate.file) === file);
      return handler ? `README handler file ${handler.file} at line ${handler.line}` : path.relative(dir, file);
    };
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') +
      (d.file ? ` (${where(d.file.fileName)}, line ${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : ''));
    expect(handlers.length).toBeGreaterThanOrEqual(1);
    expect(diagnostics).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

/** cfn-lint's findings over all templates, in one process (the config is the repo's `.cfnlintrc.yaml`). */
function cfnLint(templates: string[]): string[] {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('cfn-lint is not on the PATH: install it with `pip install cfn-lint`');
  if (templates.length === 0) return [];
  const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').filter((line) => line.trim() !== '');
  return result.status === 0 ? [] : (output.length > 0 ? output : [`cfn-lint exited with ${result.status}`]);
}

/**
 * Runs every CDK example, in README order and as CommonJS with `cdk-serverless-guardrails` mapped to
 * src/, against one App (the fixture's `app`), in a directory that holds the README's handler files:
 * `entry` paths are relative to the working directory, as in a user's project. Then synthesizes it.
 */
describe('the README examples, pasted into one app', () => {
  const failures: string[] = [];
  const stacksOf = new Map<CodeBlock, Stack[]>();
  let dir: string;
  let app: App;
  let cwd: string;

  beforeAll(() => {
    cwd = process.cwd();
    dir = fs.mkdtempSync(path.join(root, 'test', '.readme-run-'));
    writeHandlerFiles(dir);
    process.chdir(dir);
    app = new App({ outdir: path.join(dir, 'cdk.out'), context: { 'aws:cdk:enable-asset-metadata': true } });
    // jest's own require, so the examples share the module instances (aws-cdk-lib, src/) of this test.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const requireFromExample = (name: string) => (name === 'cdk-serverless-guardrails' ? guardrails : require(name));
    for (const example of cdkExamples) {
      const before = new Set(app.node.children);
      try {
        const { outputText } = ts.transpileModule(withFixture(example), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        new Function('exports', 'require', 'app', outputText)({}, requireFromExample, app);
      } catch (error) {
        failures.push(`${describeExample(example)} does not run: ${(error as Error).message}`);
      }
      stacksOf.set(example, app.node.children.filter((child): child is Stack => Stack.isStack(child) && !before.has(child)));
    }
    try {
      app.synth();
    } catch (error) {
      failures.push(`the app does not synthesize: ${(error as Error).message}`);
    }
  }, 600_000);

  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each example adds stacks of its own, they synthesize together, and their templates pass cfn-lint', () => {
    for (const example of cdkExamples) {
      if (example.code.includes('new Stack(') && stacksOf.get(example)?.length === 0) failures.push(`${describeExample(example)} adds no stack`);
    }
    if (failures.length === 0) {
      const assembly = app.synth();
      const templates = new Map([...stacksOf].flatMap(([example, stacks]) =>
        stacks.map((stack) => [assembly.getStackArtifact(stack.artifactId).templateFullPath, example] as const)));
      expect(templates.size).toBeGreaterThanOrEqual(5);
      for (const finding of cfnLint([...templates.keys()])) {
        const example = [...templates].find(([template]) => finding.startsWith(template))?.[1];
        failures.push(example ? `${describeExample(example)}: ${finding.replace(dir, '')}` : finding);
      }
    }
    expect(failures).toEqual([]);
  });

  /** Every guarded function of the app, with the folder of its synthesized code and its `handler`. */
  function guardedFunctions(): Array<{ path: string; assetDir: string; handler: string }> {
    const assembly = app.synth();
    return app.node.findAll().filter((construct): construct is guardrails.GuardedFunction => construct instanceof guardrails.GuardedFunction)
      .map((fn) => {
        const stack = Stack.of(fn);
        const cfnFunction = fn.lambdaFunction.node.defaultChild as lambda.CfnFunction;
        const resource = assembly.getStackArtifact(stack.artifactId).template.Resources[stack.getLogicalId(cfnFunction)];
        return { path: fn.node.path, assetDir: path.join(assembly.directory, resource.Metadata['aws:asset:path']), handler: resource.Properties.Handler };
      });
  }

  /** Loads a file of a function's synthesized code and returns its export, as Lambda's Node.js runtime does with `file.export`. */
  function loadHandler(assetDir: string, handler: string): unknown {
    const [file, exportName] = [handler.slice(0, handler.lastIndexOf('.')), handler.slice(handler.lastIndexOf('.') + 1)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(assetDir, `${file}.js`)) as Record<string, unknown>)[exportName];
  }

  test('the code Lambda runs for each function exports the function its `handler` names', () => {
    const functions = guardedFunctions();
    expect(functions.length).toBeGreaterThanOrEqual(10);
    expect(functions.filter((fn) => typeof loadHandler(fn.assetDir, fn.handler) !== 'function').map((fn) => `${fn.path}: ${fn.handler}`)).toEqual([]);
  });

  function processorHandler(type: typeof guardrails.QueueProcessor | typeof guardrails.TableStreamProcessor) {
    const processor = app.node.findAll()
      .find((construct) => construct instanceof type) as guardrails.QueueProcessor | guardrails.TableStreamProcessor;
    const fn = guardedFunctions().find((candidate) => candidate.path === processor.processor!.node.path)!;
    return loadHandler(fn.assetDir, fn.handler) as (event: unknown, context: Context) => Promise<unknown>;
  }

  const context = { functionName: 'readme', awsRequestId: 'request-1' } as unknown as Context;

  test('ES4/ES5: the queue handler reports the bad message and the later messages of its group, and processes the other groups', async () => {
    const message = (messageId: string, group: string, body: unknown): SQSRecord => ({
      messageId,
      receiptHandle: `receipt-${messageId}`,
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'sender', ApproximateFirstReceiveTimestamp: '1', MessageGroupId: group },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:payments.fifo',
      awsRegion: 'us-east-1',
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const response = await processorHandler(guardrails.QueueProcessor)({
        Records: [
          message('m1', 'payment-p1', { paymentId: 'p1', amount: 'ten' }),
          message('m2', 'payment-p1', { paymentId: 'p1', amount: 20 }),
          message('m3', 'payment-p2', { paymentId: 'p2', amount: 5 }),
        ],
      }, context);
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] });
      expect(log.mock.calls.map(([line]) => JSON.parse(String(line)).key)).toEqual(['payment#p2']);
    } finally {
      log.mockRestore();
    }
  });

  test('ES1/ES5: the stream handler reports exactly the bad record and processes the others', async () => {
    const record = (sequence: string, image: Record<string, AttributeValue>): DynamoDBRecord => ({
      eventID: `event-${sequence}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000',
      dynamodb: { SequenceNumber: sequence, NewImage: image, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const response = await processorHandler(guardrails.TableStreamProcessor)({
        Records: [
          record('100', { pk: { S: 'o1' }, total: { N: '10' } }),
          record('200', { pk: { S: 'o2' } }),
          record('300', { pk: { S: 'o3' }, total: { N: '30' } }),
        ],
      }, context);
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '200' }] });
      expect(log.mock.calls.map(([line]) => JSON.parse(String(line)).key)).toEqual(['order#o1', 'order#o3']);
    } finally {
      log.mockRestore();
    }
  });
});
