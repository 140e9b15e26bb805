import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { grantPublishToTopic, grantSendToQueue } from '../core/producer-grants';

/**
 * ES1, SEC1: the on-failure queue of a stream mapping. Unlike aws-cdk-lib's `SqsDlq`, it grants
 * the function's role only `sqs:SendMessage` and, for a customer-managed key, exactly
 * `kms:GenerateDataKey` and `kms:Decrypt` on that key: no wildcard key actions to acknowledge.
 */
export class ExactSqsOnFailure implements lambda.IEventSourceDlq {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(_mapping: lambda.IEventSourceMapping, target: lambda.IFunction): lambda.DlqDestinationConfig {
    grantSendToQueue(target, this.queue);
    return { destination: this.queue.queueArn };
  }
}

/** ES1, SEC1: the on-failure topic of a stream mapping, granted like {@link ExactSqsOnFailure}. */
export class ExactSnsOnFailure implements lambda.IEventSourceDlq {
  constructor(private readonly topic: sns.ITopic) {}

  public bind(_mapping: lambda.IEventSourceMapping, target: lambda.IFunction): lambda.DlqDestinationConfig {
    grantPublishToTopic(target, this.topic);
    return { destination: this.topic.topicArn };
  }
}
