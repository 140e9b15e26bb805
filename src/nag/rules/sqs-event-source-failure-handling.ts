import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOf, reportsBatchItemFailures } from './event-source';
import { isAbsent, literalNumber } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * ES4: an SQS event source keeps failed messages with a redrive policy on the queue (not a
 * destination on the mapping), reports partial batch failures (not asked for with a batch size
 * of 1, or one only known at deploy time: a batch of one message fails whole anyway), and never
 * scales past the function's reserved concurrency (the excess would be throttled and retried).
 */
export function sqsEventSourceFailureHandling(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::EventSourceMapping') return NagRuleCompliance.NOT_APPLICABLE;
  const source = eventSourceOf(resource, index);
  if (source.kind !== 'sqs') return NagRuleCompliance.NOT_APPLICABLE;
  const fn = index.functionReferencedBy(resource.properties.FunctionName);
  const maxConcurrency = literalNumber(resource.properties.ScalingConfig?.MaximumConcurrency);
  const reserved = literalNumber(fn?.properties.ReservedConcurrentExecutions);
  const batchSize = resource.properties.BatchSize;
  const multiMessageBatches = isAbsent(batchSize) || (literalNumber(batchSize) ?? 1) > 1;
  const findings = [
    ...(source.queue && source.queue.properties.RedrivePolicy === undefined ? ['RedrivePolicy'] : []),
    ...(multiMessageBatches && !reportsBatchItemFailures(resource) ? ['ReportBatchItemFailures'] : []),
    ...(maxConcurrency !== undefined && reserved !== undefined && maxConcurrency > reserved ? ['MaximumConcurrency'] : []),
  ];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
