import { Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import { KinesisStreamProcessorProps, ProcessedStreamProps } from './kinesis-stream-processor-props';
import { StreamRetention } from './stream-mapping';
import { KINESIS_DEFAULTS } from '../core/defaults';
import { KINESIS_NAME, KINESIS_RETENTION_HOURS, KINESIS_SHARD_COUNT, STREAM_MAX_RECORD_AGE_SECONDS } from '../core/limits';
import { knownNumber, outsideRange, PropsValidator, secondsOf } from '../core/validation';

/** What the processor needs to know of its stream, when the app knows it. */
export interface KinesisStreamFacts {
  /** How long the stream keeps records; undefined when a token. */
  readonly retentionHours?: number;
  /** The shards of a provisioned stream; undefined when on-demand, a token or imported. */
  readonly shardCount?: number;
}

/** ES1, ES2: the facts of the stream to create or the stream given (an imported stream's retention is not known at synth). */
export function kinesisStreamFacts(props: KinesisStreamProcessorProps): KinesisStreamFacts {
  if (props.stream instanceof kinesis.Stream) {
    const cfn = props.stream.node.defaultChild as kinesis.CfnStream;
    return { retentionHours: knownNumber(cfn.retentionPeriodHours ?? KINESIS_DEFAULTS.retentionHours), shardCount: validShards(cfn.shardCount) };
  }
  if (props.stream) return {};
  const retention = secondsOf(props.streamProps?.retentionPeriod ?? Duration.hours(KINESIS_DEFAULTS.retentionHours));
  return {
    retentionHours: retention === undefined ? undefined : Duration.seconds(retention).toHours({ integral: false }),
    shardCount: validShards(props.streamProps?.shardCount),
  };
}

/** A shard count known at synth and in range (an invalid one is reported, and reserves nothing). */
function validShards(shards: number | undefined): number | undefined {
  const known = knownNumber(shards);
  return known === undefined || outsideRange(known, KINESIS_SHARD_COUNT) ? undefined : known;
}

/**
 * ES1, OBS1: records older than the stream's retention are trimmed, so neither the record age nor
 * the iterator age alarm may exceed it; Lambda also caps a Kinesis mapping's record age at 7 days.
 */
export function kinesisRetention(facts: KinesisStreamFacts): StreamRetention {
  const hours = facts.retentionHours ?? KINESIS_RETENTION_HOURS.max;
  const seconds = Duration.hours(hours).toSeconds();
  const unit = facts.retentionHours === undefined
    ? 's (the stream\'s retention is not known at synth: a token or an imported stream)'
    : `s (the stream keeps records ${hours} h)`;
  return {
    maxRecordAge: { ...STREAM_MAX_RECORD_AGE_SECONDS, max: Math.min(STREAM_MAX_RECORD_AGE_SECONDS.max, seconds), unit },
    iteratorAgeAlarm: { min: 1, max: seconds, unit, practice: 'OBS1' },
  };
}

/** ES1, ES2: the stream given or the props of the one to create, and the consumer's name. */
export function validateKinesisStreamProps(validator: PropsValidator, props: KinesisStreamProcessorProps, facts: KinesisStreamFacts): void {
  validator.atMostOne({ stream: props.stream, streamProps: props.streamProps }, '`stream` (existing) or `streamProps`', 'ES2');
  if (props.stream instanceof kinesis.Stream) {
    const cfn = props.stream.node.defaultChild as kinesis.CfnStream;
    validator.check(cfn.streamEncryption === undefined, 'stream', 'must be encrypted (StreamEncryption.MANAGED or KMS)', props.stream.node.path, 'ES2');
  }
  const streamProps = props.streamProps ?? {};
  validator.range('streamProps.shardCount', streamProps.shardCount, KINESIS_SHARD_COUNT)
    .range('streamProps.retentionPeriod', props.stream ? undefined : facts.retentionHours, KINESIS_RETENTION_HOURS)
    .format('streamProps.streamName', streamProps.streamName, KINESIS_NAME)
    .format('consumerName', props.consumerName, KINESIS_NAME)
    .check(props.consumerName !== undefined && !props.enhancedFanOut, 'consumerName', 'applies to an enhanced fan-out consumer only (enhancedFanOut: true)', props.consumerName, 'ES2');
}

/** ES1, ES2: an on-demand (or provisioned) stream, KMS-encrypted, retained (props checked with {@link validateKinesisStreamProps}). */
export function createKinesisStream(scope: Construct, id: string, props: ProcessedStreamProps): kinesis.Stream {
  const provisioned = props.shardCount !== undefined;
  return new kinesis.Stream(scope, id, {
    streamName: props.streamName,
    streamMode: provisioned ? kinesis.StreamMode.PROVISIONED : kinesis.StreamMode.ON_DEMAND,
    shardCount: props.shardCount,
    retentionPeriod: props.retentionPeriod ?? Duration.hours(KINESIS_DEFAULTS.retentionHours),
    encryption: props.encryptionKey ? kinesis.StreamEncryption.KMS : kinesis.StreamEncryption.MANAGED,
    encryptionKey: props.encryptionKey,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
}

/** ES2: an enhanced fan-out consumer of `stream`, named `name` or after the construct's path. */
export function createStreamConsumer(scope: Construct, stream: kinesis.IStream, name: string | undefined): kinesis.StreamConsumer {
  const streamConsumerName = name ?? Names.uniqueResourceName(scope, { maxLength: 128, allowedSpecialCharacters: '-_.' });
  return new kinesis.StreamConsumer(scope, 'Consumer', { stream, streamConsumerName });
}

