import { NagMessageLevel } from 'cdk-nag';
import { errorHandlingProblems } from '../../../template/asl';
import { checkErrorHandlingStates } from '../../check-error-handling-states';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * WF1: every Task state retries transient errors; `States.ALL` only as the last retrier;
 * BackoffRate ≥ 1 (on Parallel and Map states too). A Parallel or Map state needs no Retry of its
 * own: its inner tasks retry, and retrying the whole state would run again the branches or items
 * that had already succeeded (a Parallel or Map whose branch tasks retry their transient errors is
 * compliant). A task on the failure path is checked too: a throttled "send to the failure queue"
 * would lose the failure record. Findings: `NoRetry:<state>`, `StatesAllNotLast:<state>`,
 * `BackoffRate:<state>`. A definition unknown at synth is not applicable.
 */
export const stateMachineTaskRetry: GuardrailsRule = {
  id: 'StateMachineTaskRetry',
  level: NagMessageLevel.ERROR,
  practice: 'WF1',
  info: 'A Task state has no Retry, or a Task, Parallel or Map state has States.ALL before its last retrier or a BackoffRate below 1.',
  explanation: 'Transient errors (throttles, service exceptions) should be retried by the state machine, not handled in code. Skipped: a Parallel or Map state without Retry of its own (its branch tasks retry; retrying the whole state would run the branches that succeeded again), definitions unknown at synth (a DefinitionS3Location outside the app; DefinitionBody.fromFile is read).',
  fix: 'Add Retry with the service\'s transient errors (ResilientStateMachine does), States.ALL last, BackoffRate ≥ 1.',
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  lookupTypes: LOOKUP_TYPES.stateMachineDefinitionOf,
  check: (resource, index) => checkErrorHandlingStates(resource, index, (name, state) => {
    const retriers = Array.isArray(state.Retry) ? state.Retry : [];
    const problems = errorHandlingProblems(state).filter((problem) => problem.field.startsWith('Retry'));
    return [
      ...(retriers.length === 0 && state.Type === 'Task' ? [`NoRetry:${name}`] : []),
      ...(problems.some((problem) => problem.kind === 'StatesAllNotLast') ? [`StatesAllNotLast:${name}`] : []),
      ...(problems.some((problem) => problem.kind === 'BackoffRate') ? [`BackoffRate:${name}`] : []),
    ];
  }),
};
