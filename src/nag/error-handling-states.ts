import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IndexedResource } from './template-index';
import { AslState, forEachState, stateMachineDefinition, STATES_THAT_NEED_ERROR_HANDLING } from '../template/asl';

/**
 * Runs `check` on every Task, Parallel and Map state of a state machine resource and collects its
 * findings: NOT_APPLICABLE for other resources and for definitions unknown at synth.
 */
export function checkErrorHandlingStates(resource: IndexedResource, check: (name: string, state: AslState) => string[]): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = stateMachineDefinition(resource.properties);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  forEachState(definition, (name, state) => {
    if (STATES_THAT_NEED_ERROR_HANDLING.includes(state.Type ?? '')) findings.push(...check(name, state));
  });
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
