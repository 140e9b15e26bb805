import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlarmOptions } from '../observability/alarm-options';

/** Properties of a TopicFanOut. */
export interface TopicFanOutProps extends AlarmOptions {
  /**
   * A FIFO topic: it fans out to FIFO queues only (MSG2), in order per message group.
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * Content-based deduplication of a FIFO topic (MSG2). Publishers may still send deduplication IDs.
   * @default true for a FIFO topic
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * The customer-managed KMS key that encrypts the topic (MSG3, SEC1). Publishers are granted
   * exactly `kms:GenerateDataKey` and `kms:Decrypt` on it (`grantPublish`).
   * @default - a new key with yearly rotation, retained when removed from the stack
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * A physical name: 1–256 characters of a-z, A-Z, 0-9, `-` and `_`. A FIFO topic's name ends in
   * `.fifo` (added when missing).
   * @default - generated
   */
  readonly topicName?: string;
  /**
   * A display name for the topic.
   * @default - none
   */
  readonly displayName?: string;
}

/** How a subscriber is subscribed: the filter it applies and, for queues, raw delivery. */
export interface FanOutSubscriptionOptions {
  /**
   * A filter on message attributes: the subscriber receives only the messages whose attributes
   * match. At most 5 keys and 150 combinations of values (MSG3). Mutually exclusive with
   * `filterPolicyWithMessageBody`.
   * @default - every message
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  /**
   * A filter on the JSON message body, possibly nested: at most 5 leaf keys and 150 combinations
   * of values (MSG3). Mutually exclusive with `filterPolicy`.
   * @default - every message
   */
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };
  /**
   * Deliver the message as it was published, without SNS's JSON envelope (queues only).
   * @default false
   */
  readonly rawMessageDelivery?: boolean;
}
