import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { LAMBDA_PACKAGE_MAX_UNZIPPED_BYTES, LAMBDA_PACKAGE_MAX_ZIPPED_BYTES } from '../core/limits';

/** FN15 limits; injectable so the check can be tested without writing hundreds of megabytes. */
export interface PackageLimits {
  readonly maxZippedBytes: number;
  readonly maxUnzippedBytes: number;
}

export const LAMBDA_PACKAGE_LIMITS: PackageLimits = {
  maxZippedBytes: LAMBDA_PACKAGE_MAX_ZIPPED_BYTES,
  maxUnzippedBytes: LAMBDA_PACKAGE_MAX_UNZIPPED_BYTES,
};

/**
 * FN15: what is wrong with the size of a local deployment package, as human sentences (empty when
 * it fits). A directory is measured file by file; its zipped size is only estimated (deflate, as
 * zip does) when the unzipped size is over the zipped limit, so small packages cost one `stat` a
 * file. An archive is checked against the zipped limit by its file size.
 */
export function packageSizeProblems(assetPath: string, limits: PackageLimits = LAMBDA_PACKAGE_LIMITS): string[] {
  const stat = fs.statSync(assetPath);
  if (stat.isFile()) {
    return stat.size > limits.maxZippedBytes ? [`archive is ${mb(stat.size)} zipped, over the ${mb(limits.maxZippedBytes)} limit`] : [];
  }
  const files = listFiles(assetPath);
  const unzipped = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const problems: string[] = [];
  if (unzipped > limits.maxUnzippedBytes) {
    problems.push(`package is ${mb(unzipped)} unzipped, over the ${mb(limits.maxUnzippedBytes)} limit`);
  }
  if (unzipped > limits.maxZippedBytes) {
    const zipped = files.reduce((sum, file) => sum + zlib.deflateRawSync(fs.readFileSync(file)).length, 0);
    if (zipped > limits.maxZippedBytes) {
      problems.push(`package is about ${mb(zipped)} zipped, over the ${mb(limits.maxZippedBytes)} limit`);
    }
  }
  return problems;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
