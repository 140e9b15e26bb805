// A CodeDeploy pre-traffic hook (FN11): before any traffic reaches the new version, it invokes that
// version (its ARN is in VERSION_UNDER_TEST; the hook may invoke nothing else) with a smoke payload
// and reports Succeeded or Failed for its lifecycle event (it may report for its own deployment
// group only). Anything that goes wrong — an error of the version, a wrong answer, a failed
// invocation, a missing variable — is Failed: CodeDeploy then stops the deployment and rolls back.
// A hook must always report: without a status the deployment waits for the hook's timeout.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export type HookStatus = 'Succeeded' | 'Failed';

/** What CodeDeploy sends a lifecycle hook. */
export interface LifecycleHookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

/** The answer of the version under test to one invocation. */
export interface VersionAnswer {
  /** Set by Lambda when the function threw ('Unhandled') or failed otherwise. */
  readonly functionError?: string;
  readonly payload?: unknown;
}

/** The two calls the hook makes, injected so that its logic is tested without AWS. */
export interface HookClients {
  invokeVersion(versionArn: string, payload: unknown): Promise<VersionAnswer>;
  reportStatus(event: LifecycleHookEvent, status: HookStatus): Promise<void>;
}

/** The smoke test: a payload and what the answer must look like. */
export interface SmokeTest {
  readonly payload: unknown;
  passes(answer: unknown): boolean;
}

/** The reference app's hello function must greet by name. */
export const HELLO_SMOKE_TEST: SmokeTest = {
  payload: { name: 'smoke-test' },
  passes: (answer) => typeof answer === 'object' && answer !== null && (answer as { message?: unknown }).message === 'Hello, smoke-test',
};

export function makePreTrafficHook(clients: HookClients, versionArn: string | undefined, smokeTest: SmokeTest = HELLO_SMOKE_TEST) {
  return async (event: LifecycleHookEvent): Promise<HookStatus> => {
    const status = await smokeTestStatus(clients, versionArn, smokeTest);
    await clients.reportStatus(event, status);
    return status;
  };
}

async function smokeTestStatus(clients: HookClients, versionArn: string | undefined, smokeTest: SmokeTest): Promise<HookStatus> {
  try {
    if (!versionArn) throw new Error('VERSION_UNDER_TEST is not set');
    const answer = await clients.invokeVersion(versionArn, smokeTest.payload);
    if (answer.functionError !== undefined) throw new Error(`the version returned an error (${answer.functionError})`);
    if (!smokeTest.passes(answer.payload)) throw new Error(`unexpected answer ${JSON.stringify(answer.payload)}`);
    return 'Succeeded';
  } catch (error) {
    console.error(JSON.stringify({ message: 'smoke test failed', versionArn, error: String(error) }));
    return 'Failed';
  }
}

const lambdaClient = new LambdaClient({});

/** The clients of the deployed hook: Lambda and CodeDeploy (both from the runtime's AWS SDK v3). */
export const awsClients: HookClients = {
  async invokeVersion(versionArn, payload) {
    const request = new InvokeCommand({ FunctionName: versionArn, Payload: new TextEncoder().encode(JSON.stringify(payload)) });
    const result = await lambdaClient.send(request);
    const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    return { functionError: result.FunctionError, payload: text ? JSON.parse(text) : undefined };
  },
  async reportStatus(event, status) {
    // Provided by the Lambda runtime; typed by client-codedeploy.d.ts until it is a dev dependency.
    // eslint-disable-next-line import/no-unresolved
    const { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } = await import('@aws-sdk/client-codedeploy');
    await new CodeDeployClient({}).send(new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
    }));
  },
};

export const handler = makePreTrafficHook(awsClients, process.env.VERSION_UNDER_TEST);
