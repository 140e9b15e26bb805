import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { literalNumber } from '../references';
import { forEachState, stateMachineDefinition, statesAllNotLast, STATES_THAT_NEED_ERROR_HANDLING } from '../state-machine-definition';
import { IndexedResource } from '../template-index';

/**
 * WF1: every Task, Parallel and Map state retries transient errors; `States.ALL` only as the last
 * retrier; BackoffRate ≥ 1. Findings: `NoRetry:<state>`, `StatesAllNotLast:<state>`,
 * `BackoffRate:<state>`. A definition unknown at synth is not applicable.
 */
export function stateMachineTaskRetry(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = stateMachineDefinition(resource.properties);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  forEachState(definition, (name, state) => {
    if (!STATES_THAT_NEED_ERROR_HANDLING.includes(state.Type ?? '')) return;
    const retriers = Array.isArray(state.Retry) ? state.Retry : [];
    if (retriers.length === 0) findings.push(`NoRetry:${name}`);
    if (statesAllNotLast(retriers)) findings.push(`StatesAllNotLast:${name}`);
    if (retriers.some((retrier) => (literalNumber(retrier?.BackoffRate) ?? 2) < 1)) findings.push(`BackoffRate:${name}`);
  });
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
