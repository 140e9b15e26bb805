import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Read access to what aws-cdk-lib keeps private on a state: its retriers, catchers and nested
 * graphs. Needed to add defaults only where the user set none; kept in this one file.
 */
interface StateInternals {
  readonly retries?: sfn.RetryProps[];
  readonly catches?: unknown[];
  readonly branches?: sfn.StateGraph[];
  /** Parallel branches not yet bound to a graph (aws-cdk-lib binds them when the machine is built). */
  readonly _branches?: sfn.IChainable[];
  readonly iteration?: sfn.StateGraph;
  readonly processor?: sfn.StateGraph;
}

function internals(state: sfn.State): StateInternals {
  return state as unknown as StateInternals;
}

export function hasRetry(state: sfn.State): boolean {
  return (internals(state).retries?.length ?? 0) > 0;
}

export function hasCatch(state: sfn.State): boolean {
  return (internals(state).catches?.length ?? 0) > 0;
}

/**
 * Parallel and (inline or distributed) Map states. They get a Catch but no default Retry (WF1): a
 * retry of the whole state would run again the branches or items that had already succeeded (a
 * second notification, a second charge) because of one inner error that the inner task's own
 * retrier has already retried.
 */
export function isComposite(state: sfn.State): state is sfn.Parallel | sfn.Map | sfn.DistributedMap {
  return state instanceof sfn.Parallel || state instanceof sfn.Map || state instanceof sfn.DistributedMap;
}

/** A state that can fail on its own and so needs a Catch (WF1). */
export function needsCatch(state: sfn.State): state is sfn.TaskStateBase | sfn.Parallel | sfn.Map | sfn.DistributedMap {
  return state instanceof sfn.TaskStateBase || isComposite(state);
}

/** A state that needs a Retry of its transient errors (WF1): a Task; composites retry through their inner tasks. */
export function needsRetry(state: sfn.State): state is sfn.TaskStateBase {
  return state instanceof sfn.TaskStateBase;
}

/** The start states of the graphs nested in a state (Parallel branches, Map item processor). */
export function nestedStartStates(state: sfn.State): sfn.State[] {
  const i = internals(state);
  const graphs = [...(i.branches ?? []), i.iteration, i.processor].filter((graph): graph is sfn.StateGraph => graph !== undefined);
  return [...graphs.map((graph) => graph.startState), ...(i._branches ?? []).map((branch) => branch.startState)];
}

/** The states reachable from `start` (error handlers included), without descending into nested graphs. */
export function statesOf(start: sfn.State): sfn.State[] {
  return sfn.State.findReachableStates(start, { includeErrorHandlers: true });
}

/** Every state reachable from `start`, error handlers and the states of nested graphs included. */
export function allStatesOf(start: sfn.State): sfn.State[] {
  return statesOf(start).flatMap((state) => [state, ...nestedStartStates(state).flatMap(allStatesOf)]);
}
