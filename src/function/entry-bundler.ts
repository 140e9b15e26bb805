/**
 * How a guarded function's `entry` is bundled (FN15). Both run esbuild with the same options and
 * produce the same `index.js`.
 */
export enum EntryBundler {
  /**
   * esbuild's JavaScript API inside the synth process: no process started per function, a
   * fraction of NodejsFunction's time (bench/README.md). Needs esbuild 0.28 (the user's project's
   * own, else the library's optional dependency); an error when it cannot run.
   */
  IN_PROCESS = 'in-process',
  /**
   * aws-cdk-lib's `NodejsFunction`: esbuild run as a command per function (or in Docker), with every
   * option of `NodejsFunction` (`nodeModules`, `commandHooks`, `preCompilation`, Docker options).
   */
  NODEJS_FUNCTION = 'nodejs-function',
}
