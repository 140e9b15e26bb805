import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { isComposite } from './transient-errors';

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

/** A state that can fail on its own and so needs Retry and Catch (WF1). */
export function needsErrorHandling(state: sfn.State): state is sfn.TaskStateBase | sfn.Parallel | sfn.Map | sfn.DistributedMap {
  return state instanceof sfn.TaskStateBase || isComposite(state);
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
