import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOf } from './event-source';
import { DYNAMODB_STREAM_RETENTION_SECONDS } from '../../core/limits';
import { literalNumber } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * ES1: a DynamoDB stream keeps records for 24 hours. A mapping whose MaximumRecordAgeInSeconds is
 * above 86,400 never discards a record for its age: the stream trims it first, and the record is
 * lost without reaching the on-failure destination. At most 86,400 s, the mapping discards old
 * records to its destination itself (below it, the record can still be read from the stream).
 *
 * Not reported here: -1 and an absent value (the default -1, "until the record expires"); the
 * finding `Guardrails-StreamFailureHandling[MaximumRecordAgeInSeconds]` already reports them, and
 * one problem gets one finding. Not applicable: Kinesis mappings (a Kinesis stream's retention is
 * configurable, 24 hours to 365 days), sources the template does not identify as a DynamoDB stream,
 * and a record age only known at deploy time.
 */
export function streamRecordAgeRetention(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::EventSourceMapping' || eventSourceOf(resource, index).streamService !== 'dynamodb') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const maxRecordAge = literalNumber(resource.properties.MaximumRecordAgeInSeconds);
  if (maxRecordAge === undefined || maxRecordAge === -1) return NagRuleCompliance.NOT_APPLICABLE;
  return maxRecordAge > DYNAMODB_STREAM_RETENTION_SECONDS ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
