import { NagRuleResult } from 'cdk-nag';
import { errorHandlingProblems } from '../../template/asl';
import { checkErrorHandlingStates } from '../error-handling-states';
import { IndexedResource } from '../template-index';

/**
 * WF1: every Task, Parallel and Map state catches errors into a failure path; `States.ALL` only as
 * the last catcher. Findings: `NoCatch:<state>`, `StatesAllNotLast:<state>`.
 */
export function stateMachineTaskCatch(resource: IndexedResource): NagRuleResult {
  return checkErrorHandlingStates(resource, (name, state) => {
    const catchers = Array.isArray(state.Catch) ? state.Catch : [];
    return [
      ...(catchers.length === 0 ? [`NoCatch:${name}`] : []),
      ...(errorHandlingProblems(state).some((problem) => problem.field === 'Catch') ? [`StatesAllNotLast:${name}`] : []),
    ];
  });
}
