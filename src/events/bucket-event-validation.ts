import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketEventDelivery, BucketEventProcessorProps } from './bucket-event-processor-props';
import { keyPatternOverlapsFilter } from '../core/key-patterns';
import { S3_EVENTBRIDGE_DETAIL_TYPES, S3_FILTER_VALUE, S3_KEY_PATTERN } from '../core/limits';
import { PropsValidator } from '../core/validation';
import { validateSecureBucketOptions } from '../resources/secure-bucket';
import { validateStreamTableProps } from '../resources/stream-table';

/** The notification settings after the library's defaults. */
export interface BucketEventSettings {
  readonly delivery: BucketEventDelivery;
  readonly eventTypes: s3.EventType[];
  /** One filter that matches every object when none was given. */
  readonly filters: s3.NotificationKeyFilter[];
  readonly writeKeyPatterns: string[];
}

/** EV2, EV3, FN13: every rule of the props of a BucketEventProcessor except those of its processor and queue. */
export function validateBucketEventProps(validator: PropsValidator, props: BucketEventProcessorProps, settings: BucketEventSettings): void {
  validator.atMostOne({ bucket: props.bucket, bucketProps: props.bucketProps }, '`bucket` (existing) or `bucketProps`', 'EV3');
  validateExistingBucket(validator, props.bucket);
  validateSecureBucketOptions(validator, 'bucketProps.', props.bucketProps ?? {});
  validator.check(settings.eventTypes.length === 0, 'eventTypes', 'must name at least one event type', '[]', 'EV2');
  settings.filters.forEach((filter, i) => {
    validator.format(`filters[${i}].prefix`, filter.prefix, S3_FILTER_VALUE).format(`filters[${i}].suffix`, filter.suffix, S3_FILTER_VALUE);
  });
  validateNoOverlap(validator, settings);
  validator.check(props.queueProps !== undefined && settings.delivery !== BucketEventDelivery.QUEUE, 'queueProps',
    'applies to BucketEventDelivery.QUEUE only', settings.delivery, 'EV2');
  const targetProps = { eventTargetRetryAttempts: props.eventTargetRetryAttempts, eventTargetMaxEventAge: props.eventTargetMaxEventAge };
  for (const [prop, given] of Object.entries(targetProps)) {
    validator.check(given !== undefined && settings.delivery !== BucketEventDelivery.EVENTBRIDGE, prop,
      'applies to BucketEventDelivery.EVENTBRIDGE only (the rule\'s target)', settings.delivery, 'EV1');
  }
  if (settings.delivery === BucketEventDelivery.EVENTBRIDGE) {
    for (const type of settings.eventTypes) {
      validator.check(S3_EVENTBRIDGE_DETAIL_TYPES[type] === undefined, 'eventTypes',
        `must be event kinds EventBridge delivers (${Object.keys(S3_EVENTBRIDGE_DETAIL_TYPES).join(', ')}), not sub-types`, type, 'EV2');
    }
  }
  settings.writeKeyPatterns.forEach((pattern, i) => validator.format(`writeKeyPatterns[${i}]`, pattern, S3_KEY_PATTERN));
  validateRecursionGuard(validator, settings);
  if (props.metadataTableProps) validateStreamTableProps(validator, 'metadataTableProps.', props.metadataTableProps);
}

/** EV2: a bucket the app defines must be versioned, so that every write (an overwrite too) is kept and yields an event. */
function validateExistingBucket(validator: PropsValidator, bucket: s3.IBucket | undefined): void {
  if (!(bucket instanceof s3.Bucket)) return;
  const versioning = (bucket.node.defaultChild as s3.CfnBucket).versioningConfiguration as s3.CfnBucket.VersioningConfigurationProperty | undefined;
  // A configuration or status from a token is only known at deploy time.
  if (Token.isUnresolved(versioning) || Token.isUnresolved(versioning?.status)) return;
  validator.check(versioning?.status !== 'Enabled', 'bucket', 'must be versioned (versioned: true), so that every write is kept and yields an event',
    bucket.node.path, 'EV2');
}

/**
 * FN13: a key the processor may write must match no filter, or its own write triggers it again,
 * for ever. Tokens skip the check (their value is only known at deploy time).
 */
function validateRecursionGuard(validator: PropsValidator, settings: BucketEventSettings): void {
  settings.writeKeyPatterns.forEach((pattern, i) => {
    if (Token.isUnresolved(pattern)) return;
    const overlapping = settings.filters.find((filter) => !hasToken(filter) && keyPatternOverlapsFilter(pattern, filter));
    validator.check(overlapping !== undefined, `writeKeyPatterns[${i}]`,
      `must match no key of the trigger's filter ${describeFilter(overlapping)}: the processor would trigger itself (write outside the filter, e.g. trigger \`uploads/\`, write \`thumbnails/*\`)`,
      pattern, 'FN13');
  });
}

/** EV2: S3 rejects two notifications whose event types and filters (prefixes and suffixes) both overlap. */
function validateNoOverlap(validator: PropsValidator, settings: BucketEventSettings): void {
  if (settings.delivery === BucketEventDelivery.EVENTBRIDGE) return;
  const rules = settings.eventTypes.flatMap((type) => settings.filters.map((filter, i) => ({ type, filter, i })));
  rules.forEach((a, first) => rules.slice(first + 1).forEach((b) => {
    if (hasToken(a.filter) || hasToken(b.filter)) return;
    validator.check(typesOverlap(a.type, b.type) && affixesOverlap(a.filter.prefix, b.filter.prefix, (x, y) => x.startsWith(y))
      && affixesOverlap(a.filter.suffix, b.filter.suffix, (x, y) => x.endsWith(y)), `filters[${b.i}]`,
    `must not overlap filters[${a.i}] ${describeFilter(a.filter)} for ${a.type} / ${b.type}: S3 rejects overlapping notifications`, describeFilter(b.filter), 'EV2');
  }));
}

function typesOverlap(a: string, b: string): boolean {
  const covers = (wide: string, narrow: string) => wide.endsWith('*') && narrow.startsWith(wide.slice(0, -1));
  return a === b || covers(a, b) || covers(b, a);
}

function affixesOverlap(a: string | undefined, b: string | undefined, extends_: (x: string, y: string) => boolean): boolean {
  return extends_(a ?? '', b ?? '') || extends_(b ?? '', a ?? '');
}

function hasToken(filter: s3.NotificationKeyFilter): boolean {
  return Token.isUnresolved(filter.prefix) || Token.isUnresolved(filter.suffix);
}

function describeFilter(filter: s3.NotificationKeyFilter | undefined): string {
  if (!filter) return '';
  const parts = [filter.prefix !== undefined ? `prefix ${JSON.stringify(filter.prefix)}` : '', filter.suffix !== undefined ? `suffix ${JSON.stringify(filter.suffix)}` : ''];
  return `(${parts.filter(Boolean).join(', ') || 'every key'})`;
}
