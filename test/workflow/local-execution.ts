import { StateMachine } from 'aws-local-stepfunctions';

/** What a local execution did: its result or error, and its event log. */
export interface LocalExecution {
  readonly output?: unknown;
  readonly error?: Error;
  readonly events: Array<{ type: string; state?: { name: string; input?: any }; Error?: string; error?: string }>;
}

/**
 * Runs an ASL definition with aws-local-stepfunctions: Task resources replaced by local functions,
 * retry intervals set to 0 ms so retries do not slow the tests.
 */
export async function runLocally(definition: any, input: unknown, handlers: Record<string, (input: any) => unknown>): Promise<LocalExecution> {
  const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
  const retryIntervalOverrides: Record<string, number> = {};
  collectStateNames(definition).forEach((name) => { retryIntervalOverrides[name] = 0; });
  const execution = machine.run(input as any, { overrides: { taskResourceLocalHandlers: handlers as any, retryIntervalOverrides } });
  const events: LocalExecution['events'] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) events.push(event as any);
  })();
  try {
    const output = await execution.result;
    await collecting;
    return { output, events };
  } catch (error) {
    await collecting;
    return { error: error as Error, events };
  }
}

/** A task error with the name Step Functions matches in ErrorEquals. */
export function taskError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function collectStateNames(definition: any): string[] {
  return Object.entries(definition.States ?? {}).flatMap(([name, state]: [string, any]) => [
    name,
    ...(state.Branches ?? []).flatMap(collectStateNames),
    ...(state.ItemProcessor ? collectStateNames(state.ItemProcessor) : []),
  ]);
}
