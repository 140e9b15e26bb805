import { CfnValue, literalNumber } from './cfn-values';

/** A state of an Amazon States Language definition. */
export interface AslState {
  readonly Type?: string;
  readonly Retry?: Array<{ ErrorEquals?: string[]; BackoffRate?: unknown; MaxAttempts?: unknown }>;
  readonly Catch?: Array<{ ErrorEquals?: string[]; Next?: string; ResultPath?: unknown }>;
  readonly [key: string]: unknown;
}

/** An Amazon States Language definition (or a branch / item processor of one). */
export interface AslDefinition {
  readonly StartAt?: unknown;
  readonly States?: { [name: string]: AslState };
  readonly TimeoutSeconds?: unknown;
  readonly [key: string]: unknown;
}

/**
 * A number that parses as JSON wherever a deploy-time value stands: inside a JSON string it is
 * just a character, in a value position a number. Rules never compare against it.
 */
const DEPLOY_TIME_PLACEHOLDER = '0';

/**
 * The definition of an AWS::StepFunctions::StateMachine from its resolved properties: `Definition`
 * (an object), or `DefinitionString` as a string, an Fn::Join (CDK's form when the definition
 * holds references) or an Fn::Sub. Undefined when it cannot be known at synth (S3 location,
 * other intrinsics, invalid JSON).
 */
export function stateMachineDefinition(properties: { [key: string]: any }): AslDefinition | undefined {
  if (properties.Definition !== null && typeof properties.Definition === 'object') return properties.Definition;
  const text = definitionText(properties.DefinitionString);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function definitionText(value: CfnValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const join = (value as { 'Fn::Join'?: unknown })['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : DEPLOY_TIME_PLACEHOLDER)).join(join[0]);
  }
  const sub = (value as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  if (typeof template === 'string') return template.replace(/\$\{[^}]*\}/g, DEPLOY_TIME_PLACEHOLDER);
  return undefined;
}

/** Where a state stands in its definition, as far as error handling goes. */
export interface StateContext {
  /** A Parallel or Map state around it has a Catch: an error the state does not catch reaches that one. */
  readonly enclosingCatch: boolean;
  /**
   * The state is part of a failure path: no transition but a Catch leads to it, or every path from
   * it ends in a Fail state (in its own definition or branch, or for a Parallel or Map around it),
   * e.g. "send to the failure queue" before a Fail state.
   */
  readonly failurePath: boolean;
}

/** Visits every state, including those in Parallel branches and Map item processors. */
export function forEachState(definition: AslDefinition, visit: (name: string, state: AslState, context: StateContext) => void,
  context: StateContext = { enclosingCatch: false, failurePath: false }): void {
  const normal = reachableWithoutCatch(definition);
  const failing = leadingOnlyToFail(definition);
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (state === null || typeof state !== 'object') continue;
    const own = { enclosingCatch: context.enclosingCatch, failurePath: context.failurePath || !normal.has(name) || failing.has(name) };
    visit(name, state, own);
    const inner = { enclosingCatch: own.enclosingCatch || (Array.isArray(state.Catch) && state.Catch.length > 0), failurePath: own.failurePath };
    for (const branch of Array.isArray(state.Branches) ? state.Branches : []) forEachState(branch as AslDefinition, visit, inner);
    for (const processor of [state.ItemProcessor, state.Iterator]) {
      if (processor !== null && typeof processor === 'object') forEachState(processor as AslDefinition, visit, inner);
    }
  }
}

/** The states of one definition (or branch) reached from StartAt through Next, Default and Choices, never through a Catch. */
function reachableWithoutCatch(definition: AslDefinition): Set<string> {
  const states = definition.States ?? {};
  const reached = new Set<string>();
  const pending = typeof definition.StartAt === 'string' ? [definition.StartAt] : Object.keys(states);
  while (pending.length > 0) {
    const name = pending.pop()!;
    const state = states[name];
    if (reached.has(name) || state === null || typeof state !== 'object') continue;
    reached.add(name);
    pending.push(...successors(state));
  }
  return reached;
}

/** The states a state moves on to without an error: Next, or a Choice's Choices and Default. */
function successors(state: AslState): string[] {
  const choices = Array.isArray(state.Choices) ? state.Choices : [];
  return [state.Next, state.Default, ...choices.map((choice: { Next?: unknown }) => choice?.Next)]
    .filter((next): next is string => typeof next === 'string');
}

/**
 * The states of one definition (or branch) from which every path without an error ends in a Fail
 * state: the execution fails whatever they do, so their own errors need no Catch.
 */
function leadingOnlyToFail(definition: AslDefinition): Set<string> {
  const states = definition.States ?? {};
  const verdicts = new Map<string, boolean>();
  const visit = (name: string): boolean => {
    if (verdicts.has(name)) return verdicts.get(name)!;
    verdicts.set(name, false); // a loop does not end in a Fail state
    const state = states[name];
    const next = state !== null && typeof state === 'object' ? successors(state) : [];
    const failing = state?.Type === 'Fail' || (state?.End !== true && next.length > 0 && next.every(visit));
    verdicts.set(name, failing);
    return failing;
  };
  return new Set(Object.keys(states).filter(visit));
}

/** The states that can fail on their own and so need a Catch (WF1); of these, Task states also need a Retry. */
export const STATES_THAT_NEED_ERROR_HANDLING = ['Task', 'Parallel', 'Map'];

/** Step Functions' BackoffRate when a retrier leaves it out. */
const DEFAULT_BACKOFF_RATE = 2;

/** A WF1 problem of a state's retriers or catchers, as construct validation and nag rules both judge them. */
export interface ErrorHandlingProblem {
  /** `StatesAllNotLast`: `States.ALL` is not alone in the last entry; `BackoffRate`: below 1, or not a finite number. */
  readonly kind: 'StatesAllNotLast' | 'BackoffRate';
  /** Where: `Retry`, `Catch`, or `Retry[i].BackoffRate`. */
  readonly field: string;
  readonly value: unknown;
}

/**
 * WF1: what is wrong with the retriers and catchers of one state: `States.ALL` anywhere but alone in
 * the last entry, and a BackoffRate below 1 (a NaN or Infinity rate renders as `null`). Values
 * only known at deploy time are not judged.
 */
export function errorHandlingProblems(state: AslState): ErrorHandlingProblem[] {
  const retriers = Array.isArray(state.Retry) ? state.Retry : [];
  const catchers = Array.isArray(state.Catch) ? state.Catch : [];
  const problems: ErrorHandlingProblem[] = [];
  retriers.forEach((retrier, index) => {
    const rate = retrier?.BackoffRate;
    if (rate === null || (literalNumber(rate) ?? DEFAULT_BACKOFF_RATE) < 1) problems.push({ kind: 'BackoffRate', field: `Retry[${index}].BackoffRate`, value: rate });
  });
  if (statesAllNotLast(retriers)) problems.push({ kind: 'StatesAllNotLast', field: 'Retry', value: 'States.ALL' });
  if (statesAllNotLast(catchers)) problems.push({ kind: 'StatesAllNotLast', field: 'Catch', value: 'States.ALL' });
  return problems;
}

/** Whether `States.ALL` appears anywhere but alone in the last entry of retriers or catchers. */
function statesAllNotLast(entries: Array<{ ErrorEquals?: string[] }>): boolean {
  return entries.some((entry, index) => {
    const errors = Array.isArray(entry?.ErrorEquals) ? entry.ErrorEquals : [];
    return errors.includes('States.ALL') && (index !== entries.length - 1 || errors.length > 1);
  });
}
