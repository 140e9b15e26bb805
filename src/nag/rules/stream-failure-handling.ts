import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOf, isUnbounded, reportsBatchItemFailures } from './event-source';
import { isAbsent, literalNumber } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * ES1: a DynamoDB or Kinesis stream mapping must not let one poison record block its shard:
 * bisect on error, bounded retries (-1 is infinite), partial batch responses and an on-failure
 * destination. One finding per missing piece.
 *
 * Not asked for: bisect and partial batch responses with a batch size of 1 (a batch of one record
 * cannot be split or partly fail); a record age when retries are finite (the retries already end
 * the blocking, so `MaximumRecordAgeInSeconds` is only reported next to infinite retries); those
 * pieces when the batch size is only known at deploy time.
 */
export function streamFailureHandling(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::EventSourceMapping' || eventSourceOf(resource, index).kind !== 'stream') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const p = resource.properties;
  const multiRecordBatches = isAbsent(p.BatchSize) || (literalNumber(p.BatchSize) ?? 1) > 1;
  const retriesUnbounded = isUnbounded(p.MaximumRetryAttempts);
  const findings = [
    ...(multiRecordBatches && p.BisectBatchOnFunctionError !== true && p.BisectBatchOnFunctionError !== 'true' ? ['BisectBatchOnFunctionError'] : []),
    ...(retriesUnbounded ? ['MaximumRetryAttempts'] : []),
    ...(retriesUnbounded && isUnbounded(p.MaximumRecordAgeInSeconds) ? ['MaximumRecordAgeInSeconds'] : []),
    ...(multiRecordBatches && !reportsBatchItemFailures(resource) ? ['ReportBatchItemFailures'] : []),
    ...(isAbsent(p.DestinationConfig?.OnFailure?.Destination) ? ['OnFailure'] : []),
  ];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
