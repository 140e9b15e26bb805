import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantPublishToTopic, grantSendToQueue } from './producer-grants';

/**
 * Where failed invocations and discarded batches go, each granted exactly what Lambda uses:
 * `sqs:SendMessage` or `sns:Publish`, plus `kms:GenerateDataKey` and `kms:Decrypt` on a
 * customer-managed key. aws-cdk-lib's `SqsDestination`, `SqsDlq` and `SnsDlq` grant wildcard key
 * actions (`kms:GenerateDataKey*`, `kms:ReEncrypt*`) that AwsSolutions-IAM5 reports and no producer uses.
 */

/** FN9: an SQS queue as the on-failure destination of asynchronous invocations. */
export class FailureQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    grantSendToQueue(fn, this.queue);
    return { destination: this.queue.queueArn };
  }
}

/** ES1, SEC1: the on-failure queue of a stream event source mapping. */
export class ExactSqsOnFailure implements lambda.IEventSourceDlq {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(_mapping: lambda.IEventSourceMapping, target: lambda.IFunction): lambda.DlqDestinationConfig {
    grantSendToQueue(target, this.queue);
    return { destination: this.queue.queueArn };
  }
}

/** ES1, SEC1: the on-failure topic of a stream event source mapping. */
export class ExactSnsOnFailure implements lambda.IEventSourceDlq {
  constructor(private readonly topic: sns.ITopic) {}

  public bind(_mapping: lambda.IEventSourceMapping, target: lambda.IFunction): lambda.DlqDestinationConfig {
    grantPublishToTopic(target, this.topic);
    return { destination: this.topic.topicArn };
  }
}
