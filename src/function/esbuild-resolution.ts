import * as path from 'path';

/** An error or warning of an esbuild build, as esbuild reports it. */
export interface EsbuildMessage {
  readonly text: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number } | null;
}

/** A file esbuild built (with `write: false`). */
export interface EsbuildOutputFile {
  readonly path: string;
  readonly contents: Uint8Array;
}

/** What `buildSync` returns, as far as the in-process bundler reads it. */
export interface EsbuildBuildResult {
  readonly outputFiles?: EsbuildOutputFile[];
  readonly metafile?: unknown;
}

/**
 * The part of esbuild's JavaScript API that the in-process bundler calls. esbuild's own types never
 * reach the library's public API (jsii), nor its declaration files: a user need not have esbuild's
 * types to compile against the library.
 */
export interface EsbuildApi {
  readonly version: string;
  buildSync(options: { [option: string]: unknown }): EsbuildBuildResult;
}

/**
 * The esbuild minor the in-process bundler is tested with (the range of the library's optional
 * dependency in .projenrc.ts). esbuild 0.x minors change output bytes, and so asset hashes: an esbuild
 * of another minor is not used, so that upgrading a project's esbuild never changes asset hashes.
 */
export const ESBUILD_TESTED_VERSION = { major: 0, minor: 28 } as const;

/** The esbuild that bundles in process, or why none can. */
export type EsbuildResolution =
  | { readonly esbuild: EsbuildApi; readonly from: string }
  | { readonly esbuild?: undefined; readonly reason: string };

const resolutions = new Map<string, EsbuildResolution>();

/**
 * esbuild for a project: the project's own (resolved from `projectRoot`) when it is of the tested
 * minor, else the library's optional dependency. Memoized per project root: one load a process.
 */
export function resolveEsbuild(projectRoot: string): EsbuildResolution {
  let resolution = resolutions.get(projectRoot);
  if (!resolution) {
    resolution = findEsbuild([projectRoot, __dirname]);
    resolutions.set(projectRoot, resolution);
  }
  return resolution;
}

function findEsbuild(searchFrom: string[]): EsbuildResolution {
  const rejected: string[] = [];
  for (const from of searchFrom) {
    const modulePath = tryResolve(from);
    if (!modulePath || rejected.some((line) => line.includes(modulePath))) continue;
    const esbuild = load(modulePath);
    if (esbuild && isTestedVersion(esbuild.version)) return { esbuild, from: modulePath };
    rejected.push(`esbuild ${esbuild?.version ?? '(unloadable)'} at ${modulePath}`);
  }
  const tested = `${ESBUILD_TESTED_VERSION.major}.${ESBUILD_TESTED_VERSION.minor}.x`;
  return {
    reason: rejected.length === 0
      ? `esbuild is not installed (install esbuild@~${ESBUILD_TESTED_VERSION.major}.${ESBUILD_TESTED_VERSION.minor}.0 in the project)`
      : `no esbuild ${tested} found (${rejected.join('; ')})`,
  };
}

function tryResolve(from: string): string | undefined {
  try {
    return require.resolve('esbuild', { paths: [from] });
  } catch {
    return undefined;
  }
}

function load(modulePath: string): EsbuildApi | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require(modulePath) as Partial<EsbuildApi>;
    return typeof esbuild.buildSync === 'function' && typeof esbuild.version === 'string' ? esbuild as EsbuildApi : undefined;
  } catch {
    return undefined;
  }
}

function isTestedVersion(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major === ESBUILD_TESTED_VERSION.major && minor === ESBUILD_TESTED_VERSION.minor;
}

/** The project-relative POSIX form of `file`, as it appears in source maps and cache keys. */
export function projectRelative(projectRoot: string, file: string): string {
  return path.relative(projectRoot, file).split(path.sep).join('/');
}
