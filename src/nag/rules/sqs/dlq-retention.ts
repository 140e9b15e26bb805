import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SQS_DEFAULT_RETENTION_SECONDS } from '../../../core/limits';
import { numberOrDefault } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { IndexedResource, LOOKUP_TYPES } from '../../template-index';

/**
 * MSG1: a dead-letter queue keeps messages at least as long as each of its source queues. A
 * message keeps its original enqueue time when it moves, so a shorter DLQ retention deletes failed
 * messages before anybody can look at them. Only queues used as a DLQ are checked.
 */
export const dlqRetention: GuardrailsRule = {
  id: 'DlqRetention',
  level: NagMessageLevel.ERROR,
  practice: 'MSG1',
  info: 'The dead-letter queue keeps messages for less time than one of its source queues.',
  explanation: 'A message keeps its original enqueue time when it moves to the DLQ, so it may expire there before anybody looks. Skipped: queues no queue of the stack uses as its DLQ, retentions only known at deploy time.',
  fix: 'Give the DLQ the maximum retention (14 days), longer than its sources.',
  resourceTypes: ['AWS::SQS::Queue'],
  lookupTypes: LOOKUP_TYPES.redriveSourcesOf,
  check: (resource, index) => {
    const sources = index.redriveSourcesOf(resource.logicalId);
    if (sources.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const own = retentionOf(resource);
    if (own === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const shorter = sources.some((source) => (retentionOf(source) ?? 0) > own);
    return shorter ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

function retentionOf(queue: IndexedResource): number | undefined {
  return numberOrDefault(queue.properties.MessageRetentionPeriod, SQS_DEFAULT_RETENTION_SECONDS);
}
