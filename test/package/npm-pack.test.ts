import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** The files `npm pack` puts into the package tarball (a dry run: nothing is written). */
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
  return pack.files.map((file) => file.path).sort();
}

/** What the package may hold: the library (compiled code, jsii assembly), its docs, and what npm always adds. */
const ALLOWED = [
  /^lib\/.+\.(js|d\.ts)$/,
  /^\.jsii$/,
  // jsii-rosetta's tablet and fixture: the README examples in every jsii language (Construct Hub).
  /^\.jsii\.tabl\.json$/,
  /^rosetta\/[\w-]+\.ts-fixture$/,
  /^API\.md$/,
  /^CHANGELOG\.md$/,
  /^docs\/.+\.md$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^package\.json$/,
];

describe('the npm package', () => {
  // It ships the compiled library: `npx projen build` compiles (lib/, .jsii) and translates the README
  // examples (.jsii.tabl.json, for Construct Hub's languages) before it tests.
  test('ships only the library and its docs: no tests, examples, benchmarks, CI scripts, configs or cdk.out', () => {
    const files = packedFiles();
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', '.jsii', '.jsii.tabl.json', 'rosetta/default.ts-fixture', 'API.md', 'README.md', 'LICENSE', 'package.json']));
  }, 60_000);
});
