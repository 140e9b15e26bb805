import * as fs from 'fs';
import * as path from 'path';

// The build and CI set-up that .projenrc.ts generates: each check here failed before its fix
// (issue "A consumer's first hour").
const root = path.join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json');
const tasks = readJson('.projen/tasks.json').tasks;

function execArgsOf(task: string): string[] {
  return tasks[task].steps.flatMap((step: { execArgs?: string[] }) => step.execArgs ?? []);
}

describe('the build', () => {
  test('eslint only checks in the build; fixing is its own task (eslint:fix)', () => {
    expect(execArgsOf('eslint')).not.toContain('--fix');
    expect(tasks.test.steps).toContainEqual({ spawn: 'eslint' });
    expect(execArgsOf('eslint:fix')).toContain('--fix');
  });

  test('jest runs one worker per core, and the unit tests skip the built-in CloudFormation validation start-up', () => {
    expect(pkg.jest.maxWorkers).toBe('100%');
    expect(pkg.jest.setupFiles).toContain('<rootDir>/test/support/jest-cdk-validation.ts');
  });

  test('package.json names the Node versions, the homepage and where to report bugs', () => {
    expect(pkg.engines).toEqual({ node: '>= 20.0.0' });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\/.+\/issues$/);
  });

  test('a release prepends its notes to CHANGELOG.md (projen release, publish:git)', () => {
    expect(tasks.release.steps).toContainEqual({ spawn: 'publish:git' });
    expect(JSON.stringify(tasks['publish:git'])).toContain('CHANGELOG.md');
    expect(fs.existsSync(path.join(root, 'CHANGELOG.md'))).toBe(true);
  });
});

describe('the cdk CLI of `cd examples && npx cdk synth`', () => {
  test('node_modules/.bin/cdk is the top-level aws-cdk, new enough for the assemblies of aws-cdk-lib 2.269 (≥ 2.1144)', () => {
    expect(fs.realpathSync(path.join(root, 'node_modules', '.bin', 'cdk'))).toBe(fs.realpathSync(path.join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk')));
    const [major, minor] = readJson('node_modules/aws-cdk/package.json').version.split('.').map(Number);
    expect(major).toBe(2);
    expect(minor).toBeGreaterThanOrEqual(1144);
  });

  test('examples/cdk.json sets every feature flag to the value aws-cdk-lib recommends', () => {
    const recommended = readJson('node_modules/aws-cdk-lib/recommended-feature-flags.json');
    expect(readJson('examples/cdk.json').context).toEqual(recommended);
  });
});
