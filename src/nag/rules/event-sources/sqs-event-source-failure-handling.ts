import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAbsent, literalNumber } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOf } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';
import { reportsBatchItemFailures } from '../../mapping-settings';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * ES4: an SQS event source keeps failed messages with a redrive policy on the queue (not a
 * destination on the mapping), reports partial batch failures (not asked for with a batch size
 * of 1, or one only known at deploy time: a batch of one message fails whole anyway), and never
 * scales past the function's reserved concurrency (the excess would be throttled and retried).
 */
export const sqsEventSourceFailureHandling: GuardrailsRule = {
  id: 'SqsEventSourceFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'ES4',
  info: 'The SQS event source lacks part of its failure handling (see the finding).',
  explanation: 'SQS keeps failed messages through the queue\'s redrive policy, partial batch responses avoid reprocessing good messages, and a maximum concurrency above the reserved concurrency only causes throttles. Skipped: ReportBatchItemFailures with BatchSize 1 (a batch of one fails whole anyway) or a batch size only known at deploy time; RedrivePolicy of a queue outside the stack.',
  fix: 'Give the queue a RedrivePolicy, set FunctionResponseTypes ReportBatchItemFailures, keep ScalingConfig.MaximumConcurrency ≤ the reserved concurrency.',
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  lookupTypes: [...EVENT_SOURCE_TYPES, ...LOOKUP_TYPES.functionReferencedBy],
  check: (resource, index) => {
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
  },
};
