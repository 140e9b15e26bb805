import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { grantSendToQueue } from '../resources/producer-grants';

/**
 * SEC1: aws-cdk-lib's SqsSendMessage target grants `kms:GenerateDataKey*` (a wildcard action that
 * AwsSolutions-IAM5 reports); this one grants exactly what a producer uses.
 */
export class ExactSqsSendMessage extends targets.SqsSendMessage {
  constructor(private readonly targetQueue: sqs.IQueue, props: targets.SqsSendMessageProps) {
    super(targetQueue, props);
  }

  protected addTargetActionToRole(role: iam.IRole): void {
    grantSendToQueue(role, this.targetQueue);
  }
}
