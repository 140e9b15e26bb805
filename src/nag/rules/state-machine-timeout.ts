import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS } from '../../core/limits';
import { stateMachineDefinition } from '../../template/asl';
import { literalNumber } from '../../template/cfn-values';
import { IndexedResource } from '../template-index';

/**
 * WF2/WF4: a state machine has a timeout (a STANDARD one otherwise runs up to a year), and an
 * EXPRESS one no longer than 300 s. Findings: `NoTimeoutSeconds`, `ExpressOver300Seconds`.
 */
export function stateMachineTimeout(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = stateMachineDefinition(resource.properties);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  if (definition.TimeoutSeconds === undefined) return ['NoTimeoutSeconds'];
  const timeout = literalNumber(definition.TimeoutSeconds);
  const express = resource.properties.StateMachineType === 'EXPRESS';
  return express && timeout !== undefined && timeout > EXPRESS_STATE_MACHINE_MAX_SECONDS ? ['ExpressOver300Seconds'] : NagRuleCompliance.COMPLIANT;
}
