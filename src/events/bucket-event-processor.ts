import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNotificationsHandler, grantBucketAccess, keyPatternOf } from './bucket-access';
import { BucketEventDelivery, BucketEventProcessorProps } from './bucket-event-processor-props';
import { BucketEventSettings, validateBucketEventProps } from './bucket-event-validation';
import { BUCKET_EVENT_DEFAULTS, FUNCTION_DEFAULTS } from '../core/defaults';
import { EVENT_TARGET_MAX_EVENT_AGE, EVENT_TARGET_RETRY_ATTEMPTS, S3_EVENTBRIDGE_DETAIL_TYPES } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { PropsValidator, secondsOf } from '../core/validation';
import { configureAsyncFailureQueue } from '../function/async-failure-queue';
import { GuardedFunction } from '../function/guarded-function';
import { GuardedFunctionProps } from '../function/guarded-function-props';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { QueueProcessor } from '../messaging/queue-processor';
import { functionKeyMetrics } from '../observability/lambda-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { failureQueueDepthMetric, queueDepthAlarm } from '../observability/sqs-alarms';
import { createFailureQueue } from '../resources/failure-queue';
import { createSecureBucket } from '../resources/secure-bucket';
import { createStreamTable } from '../resources/stream-table';

/**
 * S3 upload → Lambda (the thumbnail pattern, EV2, EV3, FN13): a secure, versioned bucket (or
 * yours) notifies the processor of the chosen events and keys through an SQS queue (a
 * QueueProcessor: batches, partial failures, a DLQ), directly (asynchronous invocation with an
 * on-failure destination) or through EventBridge (a rule with a retry policy and a DLQ). The
 * processor reads exactly the objects that notify it, may write only under `writeKeyPatterns`,
 * which must lie outside the filters (no recursion), and gets an optional metadata table.
 */
export class BucketEventProcessor extends MonitoredConstruct {
  /** The bucket (created or given). */
  public readonly bucket: s3.IBucket;
  /** The bucket that receives the access logs of the bucket the construct created, unless one was given. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The metadata table, when `metadataTableProps` was given. */
  public readonly metadataTable?: dynamodb.ITable;
  /** The processor's guarded function, when the construct created it. */
  public readonly processor?: GuardedFunction;
  /** What is invoked: the guarded function's alias, or the given function. */
  public readonly processorTarget: lambda.IFunction;
  /** The queue processor of `BucketEventDelivery.QUEUE`. */
  public readonly queueProcessor?: QueueProcessor;
  /** The EventBridge rule of `BucketEventDelivery.EVENTBRIDGE`. */
  public readonly rule?: events.Rule;
  /**
   * Where undeliverable or failed events end: the DLQ of the queue (QUEUE), the processor's
   * on-failure destination (DIRECT), or the DLQ of the rule's target (EVENTBRIDGE).
   */
  public readonly failureQueue?: sqs.IQueue;
  /** Fires on processor errors (OBS1). */
  public readonly processorErrorsAlarm: cloudwatch.Alarm;
  /** The metrics of the delivery path: the queue processor's, or the processor's and its failure queues' depth (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the bucket event processor
   * @param id the ID of the bucket event processor, unique within `scope`
   * @param props the bucket (or props to create one), the notifications and the handler
   */
  constructor(scope: Construct, id: string, props: BucketEventProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const settings: BucketEventSettings = {
      delivery: props.delivery ?? BucketEventDelivery.QUEUE,
      eventTypes: props.eventTypes ?? BUCKET_EVENT_DEFAULTS.eventTypes.map((type) => type as s3.EventType),
      filters: props.filters && props.filters.length > 0 ? props.filters : [{}],
      writeKeyPatterns: props.writeKeyPatterns ?? [],
    };
    const validator = new PropsValidator(this);
    validateBucketEventProps(validator, props, settings);
    const targetRetryAttempts = props.eventTargetRetryAttempts ?? BUCKET_EVENT_DEFAULTS.eventTargetRetryAttempts;
    const targetMaxEventAge = props.eventTargetMaxEventAge ?? Duration.seconds(BUCKET_EVENT_DEFAULTS.eventTargetMaxEventAgeSeconds);
    validator.range('eventTargetRetryAttempts', targetRetryAttempts, EVENT_TARGET_RETRY_ATTEMPTS)
      .range('eventTargetMaxEventAge', secondsOf(targetMaxEventAge), EVENT_TARGET_MAX_EVENT_AGE)
      .tokenDurationUnit('eventTargetMaxEventAge', targetMaxEventAge, ['seconds'], EVENT_TARGET_MAX_EVENT_AGE.practice);
    // Invalid bucket or table props never reach aws-cdk-lib (its own errors are not ours); the processor is still checked.
    const created = validator.valid && !props.bucket ? createSecureBucket(this, 'Bucket', props.bucketProps) : undefined;
    const bucket = props.bucket ?? created?.bucket;
    const table = validator.valid && props.metadataTableProps ? createStreamTable(this, 'MetadataTable', props.metadataTableProps) : undefined;
    const processorProps = props.processor && withBucketEnvironment(props.processor, settings.delivery, bucket, table);
    const queueProcessor = settings.delivery !== BucketEventDelivery.QUEUE ? undefined : validator.attempt(() => new QueueProcessor(this, 'Notifications', {
      queueProps: props.queueProps,
      processor: processorProps,
      processorFunction: props.processorFunction,
      alarmTopic: props.alarmTopic,
    }));
    const fn = settings.delivery === BucketEventDelivery.QUEUE ? undefined : validator.attempt(() => guardedOrExistingFunction(this, 'Processor', 'processor', processorProps,
      props.processorFunction, props.alarmTopic));
    validator.throwIfInvalid();

    this.bucket = bucket!;
    this.accessLogsBucket = created?.accessLogsBucket;
    this.metadataTable = table;
    if (queueProcessor) {
      this.queueProcessor = queueProcessor;
      this.processor = queueProcessor.processor;
      this.processorTarget = queueProcessor.processorTarget;
      this.processorErrorsAlarm = queueProcessor.processorErrorsAlarm;
      this.failureQueue = queueProcessor.deadLetterQueue;
      this.notify(settings, new s3n.SqsDestination(queueProcessor.queue));
      this.keyMetrics = queueProcessor.keyMetrics;
    } else {
      this.processor = fn!.guarded;
      this.processorTarget = fn!.target;
      this.processorErrorsAlarm = fn!.errorsAlarm;
      const functionFailureQueue = fn!.guarded?.failureQueue ?? this.configureExistingAsyncInvoke(fn!.target, props);
      if (settings.delivery === BucketEventDelivery.DIRECT) {
        this.failureQueue = functionFailureQueue;
        this.notify(settings, new s3n.LambdaDestination(this.processorTarget));
      } else {
        this.failureQueue = createFailureQueue(this, 'EventTargetDlq');
        queueDepthAlarm(this, 'EventTargetDlqDepthAlarm', this.failureQueue, props.alarmTopic);
        this.rule = this.eventBridgeRule(settings, targetRetryAttempts, targetMaxEventAge);
      }
      this.keyMetrics = [
        ...functionKeyMetrics(this.processorTarget),
        failureQueueDepthMetric('Failure queue depth', functionFailureQueue),
        ...(this.rule ? [failureQueueDepthMetric('Event target DLQ depth', this.failureQueue!)] : []),
      ];
    }

    const grantee = this.processor?.role ?? this.processorTarget;
    grantBucketAccess(this, 'BucketAccessPolicy', this.bucket, grantee, {
      readKeyPatterns: settings.filters.map(keyPatternOf),
      writeKeyPatterns: settings.writeKeyPatterns,
    });
    this.metadataTable?.grantReadWriteData(grantee);
  }

  /** FN9: a function the user brought gets bounded retries and an on-failure queue with an alarm, as a guarded one does. */
  private configureExistingAsyncInvoke(fn: lambda.IFunction, props: BucketEventProcessorProps): sqs.IQueue {
    const queue = configureAsyncFailureQueue(this, 'ProcessorFailureQueue', fn, {
      retryAttempts: FUNCTION_DEFAULTS.asyncRetryAttempts,
      maxEventAge: Duration.seconds(FUNCTION_DEFAULTS.asyncMaxEventAgeSeconds),
    });
    queueDepthAlarm(this, 'ProcessorFailureQueueDepthAlarm', queue, props.alarmTopic);
    return queue;
  }

  /** EV2: one notification per event type and filter. */
  private notify(settings: BucketEventSettings, destination: s3.IBucketNotificationDestination): void {
    for (const type of settings.eventTypes) {
      for (const filter of settings.filters) this.bucket.addEventNotification(type, destination, ...(filter.prefix || filter.suffix ? [filter] : []));
    }
    acknowledgeNotificationsHandler(this);
  }

  /** EV1, EV2: the bucket's events through EventBridge, to the processor with a retry policy and a DLQ. */
  private eventBridgeRule(settings: BucketEventSettings, retryAttempts: number, maxEventAge: Duration): events.Rule {
    this.bucket.enableEventBridgeNotification();
    acknowledgeNotificationsHandler(this);
    const keys = settings.filters.filter((filter) => filter.prefix || filter.suffix).flatMap(keyMatcher);
    return new events.Rule(this, 'Rule', {
      description: `${this.node.path}: the bucket's events to the processor (EV2)`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: settings.eventTypes.map((type) => S3_EVENTBRIDGE_DETAIL_TYPES[type]),
        detail: {
          bucket: { name: [this.bucket.bucketName] },
          ...(keys.length > 0 ? { object: { key: keys } } : {}),
        },
      },
      targets: [new targets.LambdaFunction(this.processorTarget, { retryAttempts, maxEventAge, deadLetterQueue: this.failureQueue })],
    });
  }
}

/**
 * The processor to create, told the names of its bucket and table (unless its own environment
 * names them otherwise), and invoked asynchronously unless through a queue (FN9).
 */
function withBucketEnvironment(processor: GuardedFunctionProps, delivery: BucketEventDelivery, bucket: s3.IBucket | undefined,
  table: dynamodb.ITable | undefined): GuardedFunctionProps {
  return {
    ...processor,
    environment: {
      ...(bucket ? { [BUCKET_EVENT_DEFAULTS.bucketNameVariable]: bucket.bucketName } : {}),
      ...(table ? { [BUCKET_EVENT_DEFAULTS.metadataTableVariable]: table.tableName } : {}),
      ...processor.environment,
    },
    asyncInvocation: delivery === BucketEventDelivery.QUEUE ? processor.asyncInvocation : processor.asyncInvocation ?? {},
  };
}

/** A key filter as an EventBridge content filter: prefix, suffix, or both as a wildcard. */
function keyMatcher(filter: s3.NotificationKeyFilter): any[] {
  if (filter.prefix && filter.suffix) return events.Match.wildcard(`${escapeWildcard(filter.prefix)}*${escapeWildcard(filter.suffix)}`);
  return filter.prefix ? events.Match.prefix(filter.prefix) : events.Match.suffix(filter.suffix!);
}

function escapeWildcard(text: string): string {
  return text.replace(/[\\*]/g, (char) => `\\${char}`);
}
