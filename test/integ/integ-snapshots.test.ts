import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { integAppFiles } from './integ-apps';
import { IntegTest, discoverIntegTests, runIntegTest, snapshotCheckEngine, verifySnapshot } from './integ-runner';

// Each check synthesizes an app in a child process (ts-node for the integ apps).
const SYNTH_TIMEOUT_MS = 180_000;

/**
 * integ-runner checks the committed snapshots (`integ.*.ts.snapshot/`) without deploying; see
 * integ-runner.ts for why through its runner modules. After a deliberate change to a template,
 * update them with `npx projen integ:update`.
 */
describe('integ-runner snapshots', () => {
  const names = integAppFiles().map((file) => path.basename(file));

  test('integ-runner finds one integ app per pattern', async () => {
    const tests = await discoverIntegTests();
    expect(tests.map((test) => test.absoluteFileName)).toEqual(integAppFiles());
    expect(names).toEqual([
      'integ.cognito-rest-api.ts', 'integ.event-processors.ts', 'integ.guarded-function.ts', 'integ.resilient-state-machine.ts', 'integ.web-identity.ts',
    ]);
  });

  test.each(names)('%s matches its committed snapshot', async (name) => {
    const tests = await discoverIntegTests(undefined, [name]);
    expect(tests).toHaveLength(1);
    expect(await verifySnapshot(tests[0])).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  describe('on an app of its own', () => {
    let directory: string;
    let queueApp: string;
    let queueTest: IntegTest;

    /** A plain JavaScript app (no ts-node) whose only setting that varies is the retention. */
    function writeQueueApp(retentionDays: number): void {
      fs.writeFileSync(queueApp, [
        `const { App, Duration, Stack } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});`,
        `const sqs = require(${JSON.stringify(require.resolve('aws-cdk-lib/aws-sqs'))});`,
        `const { IntegTest } = require(${JSON.stringify(require.resolve('@aws-cdk/integ-tests-alpha'))});`,
        'const app = new App();',
        "const stack = new Stack(app, 'IntegQueue');",
        `new sqs.Queue(stack, 'Queue', { retentionPeriod: Duration.days(${retentionDays}) });`,
        "new IntegTest(app, 'Queue', { testCases: [stack] });",
        'app.synth();',
      ].join('\n'));
    }

    beforeEach(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-runner-'));
      queueApp = path.join(directory, 'integ.queue.js');
      writeQueueApp(4);
      queueTest = new IntegTest({ fileName: queueApp, discoveryRoot: directory, appCommand: 'node {filePath}' });
    });

    afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

    test('a missing snapshot is reported', async () => {
      expect(await verifySnapshot(queueTest)).toEqual([expect.objectContaining({ reason: 'NO_SNAPSHOT' })]);
    });

    test('a dry run writes the snapshot without deploying, and a template that drifts from it is reported', async () => {
      expect(await runIntegTest(queueTest, { dryRun: true })).toEqual([]);
      expect(fs.existsSync(path.join(queueTest.snapshotDir, 'IntegQueue.template.json'))).toBe(true);
      expect(await verifySnapshot(queueTest)).toEqual([]);

      writeQueueApp(14);
      const problems = await verifySnapshot(queueTest);
      expect(problems).toEqual([expect.objectContaining({ reason: 'SNAPSHOT_FAILED' })]);
      expect(problems[0].message).toContain('MessageRetentionPeriod');
    }, SYNTH_TIMEOUT_MS);

    test('a snapshot check synthesizes the app once (integ-runner alone synthesizes it twice)', async () => {
      expect(await runIntegTest(queueTest, { dryRun: true })).toEqual([]);
      const engine = snapshotCheckEngine(queueTest);
      try {
        expect(await verifySnapshot(queueTest, engine)).toEqual([]);
        expect(engine.synthCount).toBe(1);
      } finally {
        engine.dispose();
      }
    }, SYNTH_TIMEOUT_MS);
  });
});
