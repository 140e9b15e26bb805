import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { invalidProp } from '../core/validation';

/** The lock files that mark a project root, in NodejsFunction's order. */
const LOCK_FILES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock', 'package-lock.json'];

/**
 * The project root of `entry` bundling, found as NodejsFunction finds it: the folder of
 * `depsLockFilePath`, else of the one lock file nearest above the working directory.
 */
export function projectRootOf(scope: IConstruct, depsLockFilePath: string | undefined): string {
  if (depsLockFilePath !== undefined) {
    if (!fs.existsSync(depsLockFilePath) || !fs.statSync(depsLockFilePath).isFile()) {
      throw invalidProp(scope, 'depsLockFilePath', 'must name an existing lock file', depsLockFilePath, 'FN15');
    }
    return path.dirname(path.resolve(depsLockFilePath));
  }
  const found = nearestLockFiles(process.cwd());
  if (found.length !== 1) {
    throw invalidProp(scope, 'depsLockFilePath', found.length === 0
      ? `is needed: no lock file (${LOCK_FILES.join(', ')}) above ${process.cwd()}`
      : `is needed: several lock files in one folder (${found.join(', ')})`, undefined, 'FN15');
  }
  return path.dirname(found[0]);
}

function nearestLockFiles(directory: string): string[] {
  const found = LOCK_FILES.map((name) => path.join(directory, name)).filter((file) => fs.existsSync(file));
  const parent = path.dirname(directory);
  return found.length > 0 || parent === directory ? found : nearestLockFiles(parent);
}
