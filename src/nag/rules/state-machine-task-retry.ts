import { NagRuleResult } from 'cdk-nag';
import { errorHandlingProblems } from '../../template/asl';
import { checkErrorHandlingStates } from '../error-handling-states';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * WF1: every Task state retries transient errors; `States.ALL` only as the last retrier;
 * BackoffRate ≥ 1 (on Parallel and Map states too). A Parallel or Map state needs no Retry of its
 * own: its inner tasks retry, and retrying the whole state would run again the branches or items
 * that had already succeeded (a Parallel or Map whose branch tasks retry their transient errors is
 * compliant). A task on the failure path is checked too: a throttled "send to the failure queue"
 * would lose the failure record. Findings: `NoRetry:<state>`, `StatesAllNotLast:<state>`,
 * `BackoffRate:<state>`. A definition unknown at synth is not applicable.
 */
export function stateMachineTaskRetry(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  return checkErrorHandlingStates(resource, index, (name, state) => {
    const retriers = Array.isArray(state.Retry) ? state.Retry : [];
    const problems = errorHandlingProblems(state).filter((problem) => problem.field.startsWith('Retry'));
    return [
      ...(retriers.length === 0 && state.Type === 'Task' ? [`NoRetry:${name}`] : []),
      ...(problems.some((problem) => problem.kind === 'StatesAllNotLast') ? [`StatesAllNotLast:${name}`] : []),
      ...(problems.some((problem) => problem.kind === 'BackoffRate') ? [`BackoffRate:${name}`] : []),
    ];
  });
}
