import { HookClients, HookStatus, LifecycleHookEvent, makePreTrafficHook, VersionAnswer } from '../../examples/handlers/pre-traffic-hook';

const event: LifecycleHookEvent = { DeploymentId: 'd-123', LifecycleEventHookExecutionId: 'hook-1' };
const versionArn = 'arn:aws:lambda:eu-west-1:123456789012:function:hello:7';

/** Clients that answer with `answer` (or throw it) and record every call. */
function recordingClients(answer: VersionAnswer | Error) {
  const invoked: Array<{ versionArn: string; payload: unknown }> = [];
  const reported: Array<{ event: LifecycleHookEvent; status: HookStatus }> = [];
  const clients: HookClients = {
    async invokeVersion(arn, payload) {
      invoked.push({ versionArn: arn, payload });
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async reportStatus(e, status) {
      reported.push({ event: e, status });
    },
  };
  return { clients, invoked, reported };
}

describe('pre-traffic hook (FN11)', () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => { consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); });
  afterEach(() => consoleError.mockRestore());

  test('the version under test answers correctly: it is invoked with the smoke payload, and Succeeded is reported', async () => {
    const { clients, invoked, reported } = recordingClients({ payload: { message: 'Hello, smoke-test' } });
    await expect(makePreTrafficHook(clients, versionArn)(event)).resolves.toBe('Succeeded');
    expect(invoked).toEqual([{ versionArn, payload: { name: 'smoke-test' } }]);
    expect(reported).toEqual([{ event, status: 'Succeeded' }]);
  });

  test('a failing smoke test (wrong answer) reports Failed', async () => {
    const { clients, reported } = recordingClients({ payload: { message: 'Hello, world' } });
    await expect(makePreTrafficHook(clients, versionArn)(event)).resolves.toBe('Failed');
    expect(reported).toEqual([{ event, status: 'Failed' }]);
  });

  test('the version throws (FunctionError): Failed', async () => {
    const { clients, reported } = recordingClients({ functionError: 'Unhandled', payload: { errorMessage: 'boom' } });
    await makePreTrafficHook(clients, versionArn)(event);
    expect(reported).toEqual([{ event, status: 'Failed' }]);
  });

  test('the invocation itself fails (e.g. AccessDenied): Failed, still reported', async () => {
    const { clients, reported } = recordingClients(new Error('AccessDeniedException'));
    await makePreTrafficHook(clients, versionArn)(event);
    expect(reported).toEqual([{ event, status: 'Failed' }]);
  });

  test('without VERSION_UNDER_TEST nothing is invoked and Failed is reported', async () => {
    const { clients, invoked, reported } = recordingClients({ payload: { message: 'Hello, smoke-test' } });
    await makePreTrafficHook(clients, undefined)(event);
    expect(invoked).toEqual([]);
    expect(reported).toEqual([{ event, status: 'Failed' }]);
  });
});
