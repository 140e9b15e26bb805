import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS } from '../../core/limits';
import { literalNumber } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * WF2/WF4: a STANDARD state machine has a timeout (it otherwise runs up to a year), and an EXPRESS
 * one no longer than 300 s. An EXPRESS machine without TimeoutSeconds is compliant: Step Functions
 * stops it at 300 s anyway. Findings: `NoTimeoutSeconds`, `ExpressOver300Seconds`.
 */
export function stateMachineTimeout(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = index.stateMachineDefinitionOf(resource);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const express = resource.properties.StateMachineType === 'EXPRESS';
  if (definition.TimeoutSeconds === undefined) return express ? NagRuleCompliance.COMPLIANT : ['NoTimeoutSeconds'];
  const timeout = literalNumber(definition.TimeoutSeconds);
  return express && timeout !== undefined && timeout > EXPRESS_STATE_MACHINE_MAX_SECONDS ? ['ExpressOver300Seconds'] : NagRuleCompliance.COMPLIANT;
}
