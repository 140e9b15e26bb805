import { awscdk, javascript, release } from 'projen';

/**
 * cdk-serverless-guardrails — see README.md.
 * Toolchain pins (jsii ~6.0, TypeScript ~6.0, aws-cdk-lib 2.269.0) are explained in the README.
 */
const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-serverless-guardrails',
  description: 'AWS CDK L3 constructs and a cdk-nag pack that apply serverless best practices by default.',
  author: 'cdk-serverless-guardrails maintainers',
  authorAddress: 'maintainers@cdk-serverless-guardrails.dev',
  repositoryUrl: 'https://github.com/cdk-serverless-guardrails/cdk-serverless-guardrails.git',
  homepage: 'https://github.com/cdk-serverless-guardrails/cdk-serverless-guardrails#readme',
  bugsUrl: 'https://github.com/cdk-serverless-guardrails/cdk-serverless-guardrails/issues',
  license: 'Apache-2.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'serverless', 'cdk-nag'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  // engines: what a consumer needs (aws-cdk-lib 2.269 needs Node 20). Development and CI: the Node
  // LTS lines 22 and 24; Node 20 still builds (README: Toolchain notes).
  minNodeVersion: '20.0.0',
  workflowNodeVersion: '24.x',
  // `npx projen release` bumps the version from the conventional commits, builds, and prepends the
  // release's notes to CHANGELOG.md (publish:git commits and tags it). See CONTRIBUTING.md.
  releaseTrigger: release.ReleaseTrigger.manual({ changelog: true, changelogPath: 'CHANGELOG.md' }),

  // Lowest versions proven by our tests: granular cdk-nag acknowledgements with several `::`
  // (IAM4 policy ARNs) need aws-cdk-lib 2.269.0.
  cdkVersion: '2.269.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // Do not set typescriptVersion: projen would ask npm for @types/node@ts6.0, which does not exist.
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: [
    'cdk-nag@^3.0.2',
    'typescript@~6.0.0',
    // The `cdk` command of `cd examples && npx cdk synth`: reads cloud assembly schema 54 (aws-cdk-lib
    // 2.269) from 2.1126.0 on. Hoisted above integ-runner's own aws-cdk 2.1115 (schema 53).
    'aws-cdk@^2.1148.1',
    '@types/node@^22',
    'esbuild@^0.28.0',
    'asl-validator@^4.0.0',
    'aws-local-stepfunctions@^3.0.0',
    'fast-check@^4.0.0',
    '@aws-lambda-powertools/batch@^2.30.0',
    // IdempotencyTable's example handler and its moto test (ES5).
    '@aws-lambda-powertools/idempotency@^2.30.0',
    '@aws-sdk/lib-dynamodb@^3.1100.0',
    // The pre-traffic hook example (FN11).
    '@aws-sdk/client-codedeploy@^3.1100.0',
    '@types/aws-lambda@^8.10.0',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    // integ-runner's runner modules check the integ snapshots (test/integ/integ-runner.ts). Its CLI
    // bundles a toolkit that reads cloud assembly schema 53 only; the unbundled runner modules
    // resolve the toolkit-lib below (schema 54, aws-cdk-lib 2.269) and integ-runner's other
    // runtime modules from here. toolkit-lib 1.43 needs a cloud-assembly-api the registry lacks.
    '@aws-cdk/integ-runner@2.197.10',
    '@aws-cdk/toolkit-lib@~1.40.1',
    'chalk@^4',
    'chokidar@^4',
    'fs-extra@^9',
    'workerpool@^6',
    // The local CloudFormation deploy against moto (test/deploy/).
    '@aws-sdk/client-cloudformation@^3.1100.0',
    '@aws-sdk/client-dynamodb@^3.1100.0',
    '@aws-sdk/client-dynamodb-streams@^3.1100.0',
    '@aws-sdk/client-lambda@^3.1100.0',
    '@aws-sdk/client-s3@^3.1100.0',
    '@aws-sdk/client-sfn@^3.1100.0',
    '@aws-sdk/client-sqs@^3.1100.0',
    'adm-zip@^0.6.0',
    '@types/adm-zip@^0.5.0',
  ],

  jestOptions: {
    // No jest snapshots: the integ snapshots (one per app) are checked by integ-runner; `--updateSnapshot` stays off.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // One worker per core (jest's default leaves one core idle: 1 worker on 2 cores). A worker
      // peaks at about 1.5 GB (RSS) here, so memory allows it on any machine with 2 GB per core (bench/README.md: Build times).
      maxWorkers: '100%',
      setupFiles: ['<rootDir>/test/support/jest-setup.ts', '<rootDir>/test/support/jest-cdk-validation.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/.venv/'],
      watchPathIgnorePatterns: ['/cdk.out/', '/.venv/'],
      modulePathIgnorePatterns: ['<rootDir>/cdk.out/', '<rootDir>/.venv/'],
    },
  },

  // jsii targets for the other languages are configured; the build packages JavaScript only, CI also
  // generates the code of the other four (see package:languages below).
  publishToPypi: { distName: 'cdk-serverless-guardrails', module: 'cdk_serverless_guardrails' },
  publishToMaven: {
    javaPackage: 'dev.guardrails.cdk',
    mavenGroupId: 'dev.guardrails',
    mavenArtifactId: 'cdk-serverless-guardrails',
  },
  publishToNuget: { dotNetNamespace: 'Guardrails.Cdk', packageId: 'Guardrails.Cdk.ServerlessGuardrails' },
  publishToGo: { moduleName: 'github.com/cdk-serverless-guardrails/cdk-serverless-guardrails-go' },

  // The build only checks; `npx projen eslint:fix` (below) fixes.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'projenrc'], commandOptions: { fix: false } },
  gitignore: ['cdk.out/', '/examples/cdk.out/', '.bench-out/', 'test/.readme-*/', 'bench/solutions/*/node_modules/',
    // integ-runner's working output, left behind when a deploy fails.
    'test/integ/cdk-integ.out.*/',
    // The project-local Python tools (scripts/python-tools.sh).
    '/.venv/',
    // jsii-rosetta's tablet: the README examples translated into each jsii language (rosetta:extract).
    '.jsii.tabl.json'],
});

// The machines that build this package reach the npm registry only: `npx projen build` packages
// JavaScript; the other targets are packaged by the release workflow that has their toolchains.
const packageJs = project.tasks.tryFind('package:js');
if (packageJs) {
  project.packageTask.reset();
  project.packageTask.spawn(packageJs);
}

// The eslint task with --fix: fixing a contributor's files is a command of its own, never part of the build.
const eslintTask = project.tasks.tryFind('eslint')!;
project.addTask('eslint:fix', {
  description: 'Run eslint and fix what it can (the build only checks)',
  env: eslintTask.envVars,
  receiveArgs: true,
  steps: eslintTask.steps.map((step) => step.execArgs ? { ...step, execArgs: [step.execArgs[0], '--fix', ...step.execArgs.slice(1)] } : step),
});

// esbuild bundles `entry` in process (src/function/esbuild-resolution.ts): the user's project's own
// esbuild first, then this optional dependency. Optional, not a dependency or peer: jsii treats those
// as jsii assemblies, and a bundled esbuild would ship one platform's binary only. Its range is the
// tested minor (ESBUILD_TESTED_VERSION there): esbuild 0.x minors change output bytes, so asset hashes.
project.package.addField('optionalDependencies', { esbuild: '~0.28.0' });

// The npm package holds the library only: compiled code, its jsii assembly and the docs (an
// allow-list: nothing new in the repository reaches the package by accident). npm adds
// package.json, README.md and LICENSE. test/package/npm-pack.test.ts checks the list.
// The rosetta tablet and fixtures let Construct Hub show the README examples in every language.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', '.jsii.tabl.json', 'rosetta/*.ts-fixture', 'API.md', 'CHANGELOG.md', 'docs/']);

// The README's ```ts examples, translated into Python, Java, C# and Go by jsii-rosetta in strict
// mode: an example that does not compile (inside rosetta/default.ts-fixture) fails the build. The
// tablet it writes (.jsii.tabl.json) is what jsii-pacmak puts into each language's README and what
// Construct Hub shows. `jsiiRosetta.strict` marks the package strict for every rosetta run.
project.package.addField('jsiiRosetta', { strict: true });
const rosettaExtract = project.addTask('rosetta:extract', {
  description: 'Translate the README examples into every jsii language (strict: an example that does not compile fails)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosettaExtract);

// Not in the build (it stays within its time budget): CI generates the Python, Java, .NET and Go
// code with the README examples from the tablet (one missing fails), builds the Python wheel and
// checks that its README's python blocks are Python. Needs the build's .jsii and tablet.
project.addTask('package:languages', {
  description: 'Generate the Python, Java, .NET and Go code (jsii-pacmak --code-only), build the Python wheel, check its README is Python (CI; after the build)',
  exec: 'bash scripts/package-languages.sh',
});

// The registry these machines reach lacks some platform bindings of unrs-resolver 1.13 (used by
// eslint-import-resolver-typescript), which makes `npm ci` reject the lock file; 1.12.2 is complete.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

project.addTask('example', {
  description: 'Synthesize the reference app, run the nag packs and cfn-lint, print a summary per stack',
  exec: 'ts-node --project examples/tsconfig.json examples/check.ts',
});

project.addTask('deploy:local', {
  description: 'Deploy the reference app to moto_server on 127.0.0.1 and check what was created (needs moto_server)',
  exec: 'ts-node --project examples/tsconfig.json test/deploy/local-deploy.ts',
});

// integ-runner's snapshots are the cloud assemblies it writes (templates, assets, manifests).
project.gitattributes.addAttributes('/test/integ/*.snapshot/**', 'linguist-generated');

project.addTask('integ:update', {
  description: 'Write the integ tests\' snapshots (test/integ/*.snapshot) with integ-runner, without deploying',
  exec: 'ts-node --project test/tsconfig.json test/integ/integ-runner.ts update',
  receiveArgs: true,
});

project.addTask('integ:deploy', {
  description: 'Run the integ tests for real with integ-runner: deploy, assert, destroy, write the snapshots (needs AWS credentials)',
  exec: 'ts-node --project test/tsconfig.json test/integ/integ-runner.ts deploy',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Run the benchmarks and write their tables to bench/README.md (on demand, not in CI)',
  exec: 'bash bench/run.sh',
});

project.synth();
