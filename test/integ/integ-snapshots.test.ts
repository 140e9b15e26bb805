import * as path from 'path';
import { integAppFiles, synthIntegApp } from './integ-apps';

/**
 * The integ apps' templates, checked against committed snapshots without deploying (what
 * integ-runner does; integ-runner 2.197 cannot read aws-cdk-lib 2.269's cloud assembly, see README).
 * Update after a deliberate change with `npx projen test:update`.
 */
describe('integration test apps', () => {
  const files = integAppFiles();

  test('there is one per pattern', () => {
    expect(files.map((file) => path.basename(file))).toEqual([
      'integ.cognito-rest-api.ts', 'integ.event-processors.ts', 'integ.guarded-function.ts', 'integ.resilient-state-machine.ts',
    ]);
  });

  test.each(files.map((file) => [path.basename(file), file]))('%s matches its snapshot', (_name, file) => {
    const stacks = synthIntegApp(file);
    expect(stacks.length).toBeGreaterThanOrEqual(2); // the test case and its assertions stack
    for (const stack of stacks) {
      expect({ stack: stack.stackName, ...stack.template }).toMatchSnapshot(stack.stackName);
    }
  });
});
