import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageSizeProblems } from '../../src/function/package-size';

describe('packageSizeProblems (FN15)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a directory under both limits has no problem', () => {
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = 1;');
    expect(packageSizeProblems(dir, { maxZippedBytes: 1000, maxUnzippedBytes: 2000 })).toEqual([]);
  });

  test('a compressible directory over the zipped limit unzipped, but not zipped, has no problem', () => {
    fs.writeFileSync(path.join(dir, 'a.js'), 'a'.repeat(1500));
    expect(packageSizeProblems(dir, { maxZippedBytes: 1000, maxUnzippedBytes: 2000 })).toEqual([]);
  });

  test('incompressible content over the zipped limit is reported', () => {
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'random.bin'), crypto.randomBytes(1500));
    expect(packageSizeProblems(dir, { maxZippedBytes: 1000, maxUnzippedBytes: 2000 })).toEqual([expect.stringMatching(/zipped, over the/)]);
  });

  test('over the unzipped limit is reported', () => {
    fs.writeFileSync(path.join(dir, 'a.js'), 'a'.repeat(2500));
    expect(packageSizeProblems(dir, { maxZippedBytes: 1000, maxUnzippedBytes: 2000 })).toEqual([expect.stringMatching(/unzipped, over the/)]);
  });

  test('an archive is checked by its size', () => {
    const archive = path.join(dir, 'code.zip');
    fs.writeFileSync(archive, Buffer.alloc(1001));
    expect(packageSizeProblems(archive, { maxZippedBytes: 1000, maxUnzippedBytes: 2000 })).toHaveLength(1);
    expect(packageSizeProblems(archive, { maxZippedBytes: 1001, maxUnzippedBytes: 2000 })).toEqual([]);
  });
});
