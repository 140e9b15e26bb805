import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';

/** DB1: the capacity of a provisioned table, scaled between min and max by utilization. */
export interface ProvisionedCapacity {
  /** Minimum read capacity units, 1–40,000 (RCU = reads/s × ceil(item KB / 4), eventual ÷ 2, transactional × 2). */
  readonly minReadCapacity: number;
  /** Maximum read capacity units, from the minimum to 40,000. */
  readonly maxReadCapacity: number;
  /** Minimum write capacity units, 1–40,000 (WCU = writes/s × ceil(item KB / 1)). */
  readonly minWriteCapacity: number;
  /** Maximum write capacity units, from the minimum to 40,000. */
  readonly maxWriteCapacity: number;
  /**
   * Target utilization of the auto scaling, 10–90 % (what Application Auto Scaling accepts for
   * DynamoDB). It must be a literal number: aws-cdk-lib compares it at synth.
   * @default 70
   */
  readonly targetUtilizationPercent?: number;
}

/** A DynamoDB table with a stream, created by the TableStreamProcessor (DB1–DB6). */
export interface StreamTableProps {
  /** The partition key: choose one with high cardinality (DB6). */
  readonly partitionKey: dynamodb.Attribute;
  /**
   * The sort key.
   * @default - none
   */
  readonly sortKey?: dynamodb.Attribute;
  /**
   * Provisioned capacity with auto scaling, for a known workload (DB1).
   * @default - on-demand capacity
   */
  readonly provisionedCapacity?: ProvisionedCapacity;
  /**
   * A customer-managed KMS key (DB3).
   * @default - encryption with an AWS owned key
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What each stream record holds (DB4). Records are not back-filled: choose before data arrives.
   * @default StreamViewType.NEW_AND_OLD_IMAGES
   */
  readonly streamViewType?: dynamodb.StreamViewType;
  /**
   * A Number attribute with an expiry time in epoch seconds (DB5), a name of 1–255 characters.
   * Expired items may be read until deleted (up to 48 h later): filter them in queries.
   * @default - no TTL
   */
  readonly timeToLiveAttribute?: string;
  /**
   * Global secondary indexes (they can also be added later).
   * @default - none
   */
  readonly globalSecondaryIndexes?: dynamodb.GlobalSecondaryIndexProps[];
  /**
   * Local secondary indexes: only at creation, at most 5 (DB6).
   * @default - none
   */
  readonly localSecondaryIndexes?: dynamodb.LocalSecondaryIndexProps[];
  /**
   * A physical name: 3–255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
   * @default - generated
   */
  readonly tableName?: string;
}
