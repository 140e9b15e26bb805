import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { DYNAMODB_STREAM_RETENTION_SECONDS } from '../../../core/limits';
import { literalNumber } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOf } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';

/**
 * ES1: a DynamoDB stream keeps records for 24 hours. A mapping whose MaximumRecordAgeInSeconds is
 * above 86,400 never discards a record for its age: the stream trims it first, and the record is
 * lost without reaching the on-failure destination. At most 86,400 s, the mapping discards old
 * records to its destination itself (below it, the record can still be read from the stream).
 *
 * Not reported here: -1 and an absent value (the default -1, "until the record expires"); the
 * finding `Guardrails-StreamFailureHandling[MaximumRetryAttempts]` already reports them next to
 * infinite retries (nothing bounds the retries), and one problem gets one finding. Not applicable: Kinesis mappings (a Kinesis stream's retention is
 * configurable, 24 hours to 365 days), sources the template does not identify as a DynamoDB stream,
 * and a record age only known at deploy time.
 */
export const streamRecordAgeRetention: GuardrailsRule = {
  id: 'StreamRecordAgeRetention',
  level: NagMessageLevel.ERROR,
  practice: 'ES1',
  info: 'A DynamoDB stream mapping\'s MaximumRecordAgeInSeconds is above the stream\'s 24 h retention (86,400 s).',
  explanation: 'The stream trims a record before it reaches that age, so a record that keeps failing is lost instead of being sent to the on-failure destination. Skipped: -1 or no value ("until the record expires": next to infinite retries StreamFailureHandling reports it, one finding per problem; with finite retries the retries end first), Kinesis mappings (their retention is configurable, 24 h to 365 days), a value only known at deploy time.',
  fix: 'Set MaximumRecordAgeInSeconds to at most 86,400 (TableStreamProcessor uses 6 h).',
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  lookupTypes: EVENT_SOURCE_TYPES,
  check: (resource, index) => {
    if (eventSourceOf(resource, index).streamService !== 'dynamodb') return NagRuleCompliance.NOT_APPLICABLE;
    const maxRecordAge = literalNumber(resource.properties.MaximumRecordAgeInSeconds);
    if (maxRecordAge === undefined || maxRecordAge === -1) return NagRuleCompliance.NOT_APPLICABLE;
    return maxRecordAge > DYNAMODB_STREAM_RETENTION_SECONDS ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
