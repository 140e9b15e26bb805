import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/**
 * The app of an integ test. Without the stack traces aws-cdk-lib records by default (of each
 * element's creation and of each warning), the snapshots hold no absolute paths of the machine
 * that wrote them.
 */
export function newIntegApp(): App {
  return new App({ stackTraces: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
}

/** The integration test apps (`integ.*.ts` in this folder), each exporting its `app`. */
export function integAppFiles(): string[] {
  return fs.readdirSync(__dirname).filter((file) => /^integ\..+\.ts$/.test(file)).sort().map((file) => path.join(__dirname, file));
}

/** Synthesizes one integ app and returns its stacks. */
export function synthIntegApp(file: string): CloudFormationStackArtifact[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { app } = require(file) as { app: App };
  return app.synth().stacks;
}
