import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOf, reportsBatchItemFailures } from './event-source';
import { isAbsent } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * ES1: a DynamoDB or Kinesis stream mapping must not let one poison record block its shard:
 * bisect on error, bounded retries and record age (-1 is infinite), partial batch responses and an
 * on-failure destination. One finding per missing piece.
 */
export function streamFailureHandling(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::EventSourceMapping' || eventSourceOf(resource, index).kind !== 'stream') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const p = resource.properties;
  const unbounded = (value: unknown) => isAbsent(value) || value === -1 || value === '-1';
  const findings = [
    ...(p.BisectBatchOnFunctionError === true || p.BisectBatchOnFunctionError === 'true' ? [] : ['BisectBatchOnFunctionError']),
    ...(unbounded(p.MaximumRetryAttempts) ? ['MaximumRetryAttempts'] : []),
    ...(unbounded(p.MaximumRecordAgeInSeconds) ? ['MaximumRecordAgeInSeconds'] : []),
    ...(reportsBatchItemFailures(resource) ? [] : ['ReportBatchItemFailures']),
    ...(isAbsent(p.DestinationConfig?.OnFailure?.Destination) ? ['OnFailure'] : []),
  ];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
