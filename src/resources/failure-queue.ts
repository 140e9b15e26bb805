import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { secureQueueProps } from './secure-queue';
import { acknowledgeRule } from '../core/acknowledge';
import { FAILURE_QUEUE_RETENTION_DAYS } from '../core/defaults';

/** The options of a failure queue. */
export interface FailureQueueOptions {
  /** A FIFO queue, as the DLQ of a FIFO queue must be (MSG2). */
  readonly fifo?: boolean;
  /** A customer-managed key; SQS-managed encryption without one. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * Creates the terminal queue of an asynchronous path (a DLQ or an on-failure destination):
 * encrypted, SSL only, 14 days of retention (MSG1), retained on stack deletion so failed events
 * can still be redriven.
 */
export function createFailureQueue(scope: Construct, id: string, props: FailureQueueOptions = {}): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    ...secureQueueProps(props.encryptionKey),
    retentionPeriod: Duration.days(FAILURE_QUEUE_RETENTION_DAYS),
    fifo: props.fifo,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const reason = 'this queue is itself the end of a failure path (DLQ or on-failure destination); a queue for it would never be read. Its depth has an alarm (OBS1).';
  acknowledgeRule(queue, 'AwsSolutions-SQS3', 'MSG1', reason);
  acknowledgeRule(queue, 'Serverless-SQSRedrivePolicy', 'MSG1', reason);
  return queue;
}
