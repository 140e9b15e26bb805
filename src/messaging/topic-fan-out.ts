import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { validateFilterPolicies } from './filter-policy';
import { QueueProcessor } from './queue-processor';
import { QueueProcessorProps } from './queue-processor-props';
import { FanOutSubscriptionOptions, TopicFanOutProps } from './topic-fan-out-props';
import { SNS_DISPLAY_NAME, SNS_FIFO_TOPIC_NAME, SNS_TOPIC_NAME } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { PropsValidator } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { GuardedFunctionProps } from '../function/guarded-function-props';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import {
  notificationsFailedAlarm, notificationsFailedToRedriveAlarm, notificationsRedrivenAlarm, topicKeyMetrics,
} from '../observability/sns-alarms';
import { failureQueueDepthMetric, queueDepthAlarm } from '../observability/sqs-alarms';
import { createFailureQueue } from '../resources/failure-queue';
import { grantPublishToTopic } from '../resources/producer-grants';

/**
 * SNS fan-out that never drops a message (MSG3, SEC2): a topic (standard or FIFO) encrypted with
 * KMS that accepts publishing over TLS only, and subscribers added by method: a QueueProcessor, a
 * guarded function (invoked asynchronously, with an on-failure queue) or an existing queue. Each
 * subscription redrives what SNS cannot deliver to a DLQ of its own with a depth alarm; queue
 * policies let only this topic send (`aws:SourceArn`); a FIFO topic fans out to FIFO queues only;
 * literal filter policies are checked against SNS's limits; alarms on failed and redriven notifications.
 */
export class TopicFanOut extends MonitoredConstruct {
  /** The topic. */
  public readonly topic: sns.Topic;
  /** The key that encrypts the topic. */
  public readonly encryptionKey: kms.IKey;
  /** Whether the topic is FIFO. */
  public readonly fifo: boolean;
  /** Fires when notifications fail to reach a subscriber (OBS1). */
  public readonly notificationsFailedAlarm: cloudwatch.Alarm;
  /** Fires when notifications are redriven to a subscription DLQ (OBS1). */
  public readonly notificationsRedrivenAlarm: cloudwatch.Alarm;
  /** Fires when notifications cannot be redriven to a subscription DLQ (OBS1). */
  public readonly notificationsFailedToRedriveAlarm: cloudwatch.Alarm;
  private readonly alarmTopic?: sns.ITopic;
  private readonly subscriptionDeadLetterQueues: Array<{ subscriber: string; queue: sqs.IQueue }> = [];

  /**
   * @param scope the construct that holds the topic
   * @param id the ID of the topic, unique within `scope`
   * @param props the topic (standard or FIFO) and its key
   */
  constructor(scope: Construct, id: string, props: TopicFanOutProps = {}) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    this.fifo = props.fifo ?? false;
    new PropsValidator(this)
      .format('topicName', props.topicName, this.fifo ? SNS_FIFO_TOPIC_NAME : SNS_TOPIC_NAME)
      .format('displayName', props.displayName, SNS_DISPLAY_NAME)
      .check(!this.fifo && props.contentBasedDeduplication === true, 'contentBasedDeduplication', 'applies to FIFO topics only (set fifo: true)', true, 'MSG2')
      .throwIfInvalid();
    this.alarmTopic = props.alarmTopic;
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the topic ${this.node.path} (MSG3, SEC1)`,
    });
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName,
      fifo: this.fifo || undefined,
      contentBasedDeduplication: this.fifo ? props.contentBasedDeduplication ?? true : undefined,
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    this.notificationsFailedAlarm = notificationsFailedAlarm(this, 'NotificationsFailedAlarm', this.topic, props.alarmTopic);
    this.notificationsRedrivenAlarm = notificationsRedrivenAlarm(this, 'NotificationsRedrivenAlarm', this.topic, props.alarmTopic);
    this.notificationsFailedToRedriveAlarm = notificationsFailedToRedriveAlarm(this, 'NotificationsFailedToRedriveAlarm', this.topic, props.alarmTopic);
  }

  /** Messages published, notifications delivered, failed and redriven, and the depth of each subscription's DLQ (OBS1). */
  public get keyMetrics(): MonitoredMetric[] {
    return [
      ...topicKeyMetrics(this.topic),
      ...this.subscriptionDeadLetterQueues.map(({ subscriber, queue }) => failureQueueDepthMetric(`Subscription DLQ depth (${subscriber})`, queue)),
    ];
  }

  /** Lets `grantee` publish to the topic and use its key, nothing else (MSG3, SEC1). */
  public grantPublish(grantee: iam.IGrantable): void {
    grantPublishToTopic(grantee, this.topic);
  }

  /**
   * Creates a QueueProcessor under this construct (`id`) and subscribes its queue: the queue
   * policy lets only this topic send (SEC2). The queue is FIFO exactly when the topic is.
   */
  public addQueueProcessor(id: string, props: QueueProcessorProps, options: FanOutSubscriptionOptions = {}): QueueProcessor {
    const validator = this.validateSubscriber(id, options, props.queue?.fifo ?? props.queueProps?.fifo ?? false, 'a QueueProcessor');
    const processor = validator.attempt(() => new QueueProcessor(this, id, { alarmTopic: this.alarmTopic, ...props }));
    validator.throwIfInvalid();
    this.subscribeQueue(id, processor!.queue, options);
    return processor!;
  }

  /**
   * Creates a guarded function under this construct (`id`) and subscribes its alias. SNS invokes
   * it asynchronously: what SNS cannot deliver goes to the subscription's DLQ, what the function
   * fails goes to its on-failure queue (FN9, created unless `asyncInvocation` names one). Standard
   * topics only: a FIFO topic delivers to FIFO queues.
   */
  public addFunction(id: string, props: GuardedFunctionProps, options: FanOutSubscriptionOptions = {}): GuardedFunction {
    const validator = this.validateSubscriber(id, options, false, 'a function')
      .check(options.rawMessageDelivery === true, `${id} rawMessageDelivery`, 'applies to queue subscribers only', true, 'MSG3');
    const fn = validator.attempt(() => new GuardedFunction(this, id, {
      alarmTopic: this.alarmTopic,
      ...props,
      asyncInvocation: props.asyncInvocation ?? {},
    }));
    validator.throwIfInvalid();
    const deadLetterQueue = this.subscriptionDeadLetterQueue(id);
    this.topic.addSubscription(new subscriptions.LambdaSubscription(fn!.alias, {
      deadLetterQueue,
      filterPolicy: options.filterPolicy,
      filterPolicyWithMessageBody: options.filterPolicyWithMessageBody,
    }));
    return fn!;
  }

  /**
   * Subscribes an existing queue: its policy lets only this topic send (SEC2), and its key (if any)
   * lets SNS encrypt for it. The queue is FIFO exactly when the topic is; its consumer is yours.
   */
  public addQueue(id: string, queue: sqs.IQueue, options: FanOutSubscriptionOptions = {}): sns.Subscription {
    this.validateSubscriber(id, options, queue.fifo, 'the queue').throwIfInvalid();
    return this.subscribeQueue(id, queue, options);
  }

  private validateSubscriber(id: string, options: FanOutSubscriptionOptions, subscriberFifo: boolean, what: string): PropsValidator {
    const validator = new PropsValidator(this);
    validator.check(this.fifo !== subscriberFifo, `${id}`,
      this.fifo ? 'a FIFO topic fans out to FIFO queues only (MSG2): give a FIFO queue' : 'a standard topic cannot deliver to a FIFO queue: use a FIFO topic',
      `${what} (${subscriberFifo ? 'FIFO' : 'standard'})`, 'MSG2');
    validateFilterPolicies(validator, `${id} `, options);
    return validator;
  }

  /** aws-cdk-lib's subscription: the queue policy lets SNS send for this topic only (`aws:SourceArn`, SEC2), and its key, if any, lets SNS encrypt. */
  private subscribeQueue(id: string, queue: sqs.IQueue, options: FanOutSubscriptionOptions): sns.Subscription {
    return this.topic.addSubscription(new subscriptions.SqsSubscription(queue, {
      rawMessageDelivery: options.rawMessageDelivery,
      filterPolicy: options.filterPolicy,
      filterPolicyWithMessageBody: options.filterPolicyWithMessageBody,
      deadLetterQueue: this.subscriptionDeadLetterQueue(id),
    }));
  }

  /** MSG3: what SNS cannot deliver to one subscriber: a queue of its own (FIFO for a FIFO topic), with a depth alarm. */
  private subscriptionDeadLetterQueue(id: string): sqs.IQueue {
    const queue = createFailureQueue(this, `${id}DeadLetterQueue`, { fifo: this.fifo || undefined });
    queueDepthAlarm(this, `${id}DeadLetterQueueDepthAlarm`, queue, this.alarmTopic);
    this.subscriptionDeadLetterQueues.push({ subscriber: id, queue });
    return queue;
  }
}
