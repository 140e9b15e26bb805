import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { SQS_DEFAULT_RETENTION_SECONDS } from '../../core/limits';
import { numberOrDefault } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * MSG1: a dead-letter queue keeps messages at least as long as each of its source queues. A
 * message keeps its original enqueue time when it moves, so a shorter DLQ retention deletes failed
 * messages before anybody can look at them. Only queues used as a DLQ are checked.
 */
export function dlqRetention(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::SQS::Queue') return NagRuleCompliance.NOT_APPLICABLE;
  const sources = index.redriveSourcesOf(resource.logicalId);
  if (sources.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  const retention = (queue: IndexedResource) => numberOrDefault(queue.properties.MessageRetentionPeriod, SQS_DEFAULT_RETENTION_SECONDS);
  const own = retention(resource);
  if (own === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const shorter = sources.some((source) => (retention(source) ?? 0) > own);
  return shorter ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
