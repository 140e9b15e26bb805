import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantSendToQueue } from '../core/producer-grants';

/**
 * FN9: an SQS queue as the on-failure destination of asynchronous invocations, granted exactly
 * what Lambda uses: `sqs:SendMessage`, plus `kms:GenerateDataKey` and `kms:Decrypt` on the queue's
 * customer-managed key. aws-cdk-lib's `SqsDestination` grants `queue.grantSendMessages`, whose key
 * actions are wildcards (`kms:GenerateDataKey*`, `kms:ReEncrypt*`) that AwsSolutions-IAM5 reports.
 */
export class FailureQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    grantSendToQueue(fn, this.queue);
    return { destination: this.queue.queueArn };
  }
}
