import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AssetStaging, FileSystem, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { EntryBundler, GuardedFunction, GuardedFunctionProps } from '../../src';
import * as resolution from '../../src/function/esbuild-resolution';
import { portableSourceMap } from '../../src/function/in-process-bundling';
import { FIXTURES, expectValidationError } from '../support/stacks';

// The module object itself (not an import's copy), so that its functions can be spied on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = require('child_process') as typeof import('child_process');
const BUNDLING_FIXTURES = path.join(FIXTURES, 'bundling');
const temporaryFolders: string[] = [];
afterAll(() => temporaryFolders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function temporaryFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
}

/** A stack in an app writing to its own output folder (aws-cdk-lib caches bundles per output folder). */
function newApp(options: { outdir?: string; context?: Record<string, unknown> } = {}): { app: App; stack: Stack } {
  const app = new App({ outdir: options.outdir ?? temporaryFolder('cdk-out-'), context: options.context });
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { app, stack };
}

/** A project of its own (lock file, handler, the file it imports) under `parent`, at `depth` folders down. */
function copyProject(parent: string, depth = 0): string {
  const root = path.join(parent, ...Array.from({ length: depth }, (_, i) => `level${i}`), 'project');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'project', dependencies: { 'left-pad': '1.3.0' } }));
  fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}');
  for (const file of ['handler.ts', 'greeting.ts', 'defined.ts']) fs.copyFileSync(path.join(BUNDLING_FIXTURES, file), path.join(root, file));
  return root;
}

function projectFunction(stack: Stack, id: string, project: string, props: Partial<GuardedFunctionProps> = {}): GuardedFunction {
  return new GuardedFunction(stack, id, { entry: path.join(project, 'handler.ts'), depsLockFilePath: path.join(project, 'package-lock.json'), ...props });
}

function stagingOf(fn: GuardedFunction): AssetStaging {
  return fn.lambdaFunction.node.findChild('Code').node.findChild('Stage') as AssetStaging;
}

function bundleOf(fn: GuardedFunction, file = 'index.js'): string {
  return fs.readFileSync(path.join(stagingOf(fn).absoluteStagedPath, file), 'utf8');
}

/** The template with every asset hash and every hash-derived logical ID masked. */
function maskedTemplate(stack: Stack): string {
  return JSON.stringify(Template.fromStack(stack).toJSON())
    .replace(/[0-9a-f]{64}/g, '<hash>')
    .replace(/CurrentVersion[0-9A-Fa-f]{40}/g, 'CurrentVersion<hash>');
}

/** esbuild as resolved, with its buildSync counted. */
function countBuilds(): jest.Mock {
  const real = resolution.resolveEsbuild(path.resolve(__dirname, '..', '..'));
  if (!real.esbuild) throw new Error(real.reason);
  const esbuild = real.esbuild;
  const buildSync = jest.fn((options: { [option: string]: unknown }) => esbuild.buildSync(options));
  jest.spyOn(resolution, 'resolveEsbuild').mockReturnValue({ esbuild: { version: esbuild.version, buildSync }, from: real.from });
  return buildSync;
}

afterEach(() => jest.restoreAllMocks());

describe('in-process bundling of entry (FN15)', () => {
  test('parity with NodejsFunction: the same template but for asset hashes, the same index.js bytes', () => {
    const entry = path.join(BUNDLING_FIXTURES, 'handler.ts');
    const inProcess = newApp();
    const viaNodejs = newApp();
    const fast = new GuardedFunction(inProcess.stack, 'Fn', { entry });
    const reference = new GuardedFunction(viaNodejs.stack, 'Fn', { entry, bundler: EntryBundler.NODEJS_FUNCTION });

    expect(fast.lambdaFunction).not.toBeInstanceOf(nodejs.NodejsFunction);
    expect(reference.lambdaFunction).toBeInstanceOf(nodejs.NodejsFunction);
    expect(maskedTemplate(inProcess.stack)).toEqual(maskedTemplate(viaNodejs.stack));
    Template.fromStack(inProcess.stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
    });
    const bundle = bundleOf(fast);
    expect(bundle).toEqual(bundleOf(reference));
    expect(bundle).toContain('hello, ');
    expect(bundle.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
  });

  test('the user\'s NODE_OPTIONS are kept, with source maps enabled once', () => {
    const entry = path.join(BUNDLING_FIXTURES, 'handler.ts');
    const { stack } = newApp();
    const own = new GuardedFunction(stack, 'Own', { entry, environment: { NODE_OPTIONS: '--max-old-space-size=256' } });
    const already = new GuardedFunction(stack, 'Already', { entry, environment: { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=256' } });
    const optionsOf = (fn: GuardedFunction) => stack.resolve((fn.lambdaFunction.node.defaultChild as lambda.CfnFunction).environment)
      .variables.NODE_OPTIONS;
    expect(optionsOf(own)).toBe('--max-old-space-size=256 --enable-source-maps');
    expect(optionsOf(already)).toBe('--enable-source-maps --max-old-space-size=256');
  });

  test('the bundled handler loads and answers when called', async () => {
    const fn = new GuardedFunction(newApp().stack, 'Fn', { entry: path.join(BUNDLING_FIXTURES, 'handler.ts') });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(path.join(stagingOf(fn).absoluteStagedPath, 'index.js')) as { handler: (event: unknown) => Promise<unknown> };
    await expect(bundled.handler({ name: 'guardrails' })).resolves.toEqual({ message: 'hello, guardrails' });
  });

  test('the asset hash is the same for two checkouts at different paths and two output folders at different depths', () => {
    const shallow = copyProject(temporaryFolder('checkout-a-'));
    const deep = copyProject(temporaryFolder('checkout-b-'), 3);
    const first = projectFunction(newApp({ outdir: temporaryFolder('out-') }).stack, 'Fn', shallow);
    const second = projectFunction(newApp({ outdir: path.join(temporaryFolder('out-'), 'x', 'y', 'cdk.out') }).stack, 'Fn', deep);

    expect(stagingOf(first).assetHash).toEqual(stagingOf(second).assetHash);
    const map = JSON.parse(bundleOf(first, 'index.js.map')) as { sources: string[] };
    expect(map.sources.sort()).toEqual(['greeting.ts', 'handler.ts']);
  });

  test('a changed imported file gives a new asset hash', () => {
    const project = copyProject(temporaryFolder('checkout-'));
    const before = stagingOf(projectFunction(newApp().stack, 'Fn', project)).assetHash;
    fs.writeFileSync(path.join(project, 'greeting.ts'), 'export function greeting(name: string): string {\n  return `hi, ${name}`;\n}\n');
    const after = projectFunction(newApp().stack, 'Fn', project);

    expect(stagingOf(after).assetHash).not.toEqual(before);
    expect(bundleOf(after)).toContain('hi, ');
  });

  test('the project and its node_modules are never fingerprinted: only the bundle is', () => {
    const project = copyProject(temporaryFolder('checkout-'));
    const outdir = temporaryFolder('out-');
    const fingerprint = jest.spyOn(FileSystem, 'fingerprint');
    projectFunction(newApp({ outdir }).stack, 'Fn', project);

    const fingerprinted = fingerprint.mock.calls.map(([file]) => file);
    expect(fingerprinted.length).toBeGreaterThan(0);
    expect(fingerprinted.filter((file) => !file.startsWith(outdir))).toEqual([]);
  });

  test('no child process is started from the synth thread (NodejsFunction starts esbuild for each function)', () => {
    const entry = path.join(BUNDLING_FIXTURES, 'handler.ts');
    const calls = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].map((name) =>
      jest.spyOn(childProcess, name as 'spawnSync'));
    const started = () => calls.reduce((sum, spy) => sum + spy.mock.calls.length, 0);

    const { stack } = newApp();
    new GuardedFunction(stack, 'Fn', { entry });
    new GuardedFunction(stack, 'Other', { entry, bundling: { define: { 'process.env.STAGE': '"test"' } } });
    expect(started()).toBe(0);

    new GuardedFunction(newApp().stack, 'Fn', { entry, bundler: EntryBundler.NODEJS_FUNCTION });
    expect(started()).toBeGreaterThan(0);
  });

  test('two functions with different `define` get two assets; equal options share one bundle', () => {
    const entry = path.join(BUNDLING_FIXTURES, 'defined.ts');
    const { stack } = newApp();
    const builds = countBuilds();
    const sweet = new GuardedFunction(stack, 'Sweet', { entry, bundling: { define: { FLAVOUR: '"sweet"' } } });
    const sour = new GuardedFunction(stack, 'Sour', { entry, bundling: { define: { FLAVOUR: '"sour"' } } });
    const sourAgain = new GuardedFunction(stack, 'SourAgain', { entry, bundling: { define: { FLAVOUR: '"sour"' } } });

    expect(stagingOf(sweet).assetHash).not.toEqual(stagingOf(sour).assetHash);
    expect(bundleOf(sweet)).toContain('"sweet"');
    expect(bundleOf(sour)).toContain('"sour"');
    expect(stagingOf(sourAgain).assetHash).toEqual(stagingOf(sour).assetHash);
    expect(builds).toHaveBeenCalledTimes(2);
  });

  test.each([
    ['cdk ls (no stack bundled)', []],
    ['deploying another stack', ['OtherStack']],
  ])('a stack excluded from bundling is not bundled: %s', (_, bundlingStacks) => {
    const builds = countBuilds();
    const project = copyProject(temporaryFolder('checkout-'));
    const { stack } = newApp({ context: { 'aws:cdk:bundling-stacks': bundlingStacks } });
    const fn = projectFunction(stack, 'Fn', project);

    expect(builds).not.toHaveBeenCalled();
    expect(stagingOf(fn).absoluteStagedPath).toEqual(project);
  });

  test('a syntax error in entry is our error, naming the construct, the file and the line', () => {
    const project = copyProject(temporaryFolder('checkout-'));
    fs.writeFileSync(path.join(project, 'broken.ts'), 'export const handler = async (event: unknown => event;\n');
    const { stack } = newApp();
    expectValidationError(() => projectFunction(stack, 'Fn', project, { entry: path.join(project, 'broken.ts') }),
      { path: 'TestStack/Fn', prop: 'entry', rule: /esbuild failed: broken\.ts:1:\d+: /, value: '"broken.ts"', practice: 'FN15' });
  });

  test('esbuild-level options map onto the build: ESM output, no source map, a banner', () => {
    const { stack } = newApp();
    const entry = path.join(BUNDLING_FIXTURES, 'handler.ts');
    const esm = new GuardedFunction(stack, 'Esm', { entry, bundling: { format: nodejs.OutputFormat.ESM, sourceMap: false, banner: '/* guarded */' } });
    expect(fs.readdirSync(stagingOf(esm).absoluteStagedPath)).toEqual(['index.mjs']);
    expect(bundleOf(esm, 'index.mjs').startsWith('/* guarded */')).toBe(true);
    expect(bundleOf(esm, 'index.mjs')).toMatch(/export\s*\{/);
  });

  test('@aws-sdk/* stays external by default; bundleAwsSDK bundles it', () => {
    const project = copyProject(temporaryFolder('checkout-'));
    const sdk = path.join(project, 'node_modules', '@aws-sdk', 'client-fake');
    fs.mkdirSync(sdk, { recursive: true });
    fs.writeFileSync(path.join(sdk, 'index.js'), 'exports.marker = () => "inlined-sdk-marker";');
    fs.writeFileSync(path.join(project, 'sdk.ts'), 'import { marker } from \'@aws-sdk/client-fake\';\nexport const handler = async () => marker();\n');
    const { stack } = newApp();
    const entry = path.join(project, 'sdk.ts');
    const external = projectFunction(stack, 'External', project, { entry });
    const bundled = projectFunction(stack, 'Bundled', project, { entry, bundling: { bundleAwsSDK: true } });
    expect(bundleOf(external)).toContain('require("@aws-sdk/client-fake")');
    expect(bundleOf(external)).not.toContain('inlined-sdk-marker');
    expect(bundleOf(bundled)).toContain('inlined-sdk-marker');
  });

  test('source maps: sources outside the project or with backslashes become project-relative POSIX paths', () => {
    const root = path.resolve('/work/project');
    const map = { version: 3, sources: [path.join(root, 'src', 'a.ts'), 'src\\b.ts', 'c.ts'], mappings: '' };
    const portable = JSON.parse(Buffer.from(portableSourceMap(root, Buffer.from(JSON.stringify(map)))).toString()) as { sources: string[] };
    expect(portable.sources).toEqual(['src/a.ts', 'src/b.ts', 'c.ts']);
    const clean = Buffer.from(JSON.stringify({ ...map, sources: ['c.ts'] }));
    expect(portableSourceMap(root, clean)).toBe(clean);
  });
});

describe('NodejsFunction stays available (FN15)', () => {
  const skipBundling = { context: { 'aws:cdk:bundling-stacks': [] } };
  const infoOf = (stack: Stack) => Annotations.fromStack(stack).findInfo('/TestStack/Fn', Match.anyValue()).map((info) => String(info.entry.data));

  test('chosen explicitly: NodejsFunction, without a note', () => {
    const { stack } = newApp(skipBundling);
    const fn = new GuardedFunction(stack, 'Fn', { entry: path.join(BUNDLING_FIXTURES, 'handler.ts'), bundler: EntryBundler.NODEJS_FUNCTION });
    expect(fn.lambdaFunction).toBeInstanceOf(nodejs.NodejsFunction);
    expect(infoOf(stack)).toEqual([]);
  });

  test.each<[string, nodejs.BundlingOptions]>([
    ['nodeModules', { nodeModules: ['left-pad'] }],
    ['commandHooks', { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: () => [] } }],
    ['preCompilation', { preCompilation: true }],
    ['network', { network: 'host' }],
    ['esbuildArgs', { esbuildArgs: { '--log-limit': '0' } }],
  ])('an option only NodejsFunction knows (%s): NodejsFunction, with an info note naming it', (option, bundling) => {
    const { stack } = newApp(skipBundling);
    const fn = projectFunction(stack, 'Fn', copyProject(temporaryFolder('checkout-')), { bundling });
    expect(fn.lambdaFunction).toBeInstanceOf(nodejs.NodejsFunction);
    expect(infoOf(stack)).toEqual([expect.stringContaining(`not in process: bundling.${option} only NodejsFunction supports`)]);
  });

  test('esbuild cannot be resolved: NodejsFunction, with an info note saying why', () => {
    jest.spyOn(resolution, 'resolveEsbuild').mockReturnValue({ reason: 'esbuild is not installed' });
    const { stack } = newApp(skipBundling);
    const fn = new GuardedFunction(stack, 'Fn', { entry: path.join(BUNDLING_FIXTURES, 'handler.ts') });
    expect(fn.lambdaFunction).toBeInstanceOf(nodejs.NodejsFunction);
    expect(infoOf(stack)).toEqual([expect.stringContaining('not in process: esbuild is not installed')]);
  });

  test('in process chosen explicitly but impossible: an error, not a silent fallback', () => {
    const entry = path.join(BUNDLING_FIXTURES, 'handler.ts');
    expectValidationError(() => new GuardedFunction(newApp().stack, 'Fn', { entry, bundler: EntryBundler.IN_PROCESS, bundling: { nodeModules: ['left-pad'] } }),
      { path: 'TestStack/Fn', prop: 'bundling', rule: /cannot bundle in process.*bundling\.nodeModules/, value: '"nodeModules"', practice: 'FN15' });
    jest.spyOn(resolution, 'resolveEsbuild').mockReturnValue({ reason: 'esbuild is not installed' });
    expectValidationError(() => new GuardedFunction(newApp().stack, 'Fn', { entry, bundler: EntryBundler.IN_PROCESS }),
      { path: 'TestStack/Fn', prop: 'bundler', rule: /cannot bundle in process.*esbuild is not installed/, value: '"in-process"', practice: 'FN15' });
  });
});

describe('esbuild resolution', () => {
  /** A project whose node_modules holds a stand-in esbuild of `version`. */
  function projectWithEsbuild(version: string): string {
    const root = temporaryFolder('project-');
    const esbuild = path.join(root, 'node_modules', 'esbuild');
    fs.mkdirSync(esbuild, { recursive: true });
    fs.writeFileSync(path.join(esbuild, 'package.json'), JSON.stringify({ name: 'esbuild', version, main: 'main.js' }));
    fs.writeFileSync(path.join(esbuild, 'main.js'), `exports.version = ${JSON.stringify(version)}; exports.buildSync = () => ({ outputFiles: [] });`);
    return root;
  }

  test('the project\'s own esbuild of the tested minor comes first', () => {
    const project = projectWithEsbuild('0.28.99');
    const found = resolution.resolveEsbuild(project);
    expect(found.esbuild?.version).toBe('0.28.99');
    expect(found.esbuild && found.from.startsWith(project)).toBe(true);
  });

  test('an esbuild of another minor in the project: the library\'s own, so that asset hashes do not change with it', () => {
    const project = projectWithEsbuild('0.27.1');
    const found = resolution.resolveEsbuild(project);
    expect(found.esbuild?.version).toMatch(/^0\.28\./);
    expect(found.esbuild && found.from.startsWith(project)).toBe(false);
  });

});
