import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { KMS_PRODUCER_ACTIONS } from '../src/core/limits';

/** An AWS service that publishes to a topic on behalf of resources of this account. */
export interface ServicePublisher {
  /** The service principal, e.g. `cloudwatch.amazonaws.com`. */
  readonly service: string;
  /** The ARN (pattern) of the resources it publishes for: the confused-deputy guard. */
  readonly sourceArn: string;
}

/**
 * MSG3, SEC1: an SSL-only SNS topic encrypted with a customer-managed key of its own, rotated
 * yearly. A key per topic, so the key policy speaks for this topic only. Besides the account
 * (whose IAM policies grant the key: producers with a role get it with their publish grant,
 * `grantPublishToTopic`), the key policy and the topic policy let exactly `publishers` use the
 * key and publish, each only for resources of this account (`aws:SourceAccount`, `aws:SourceArn`).
 */
export function encryptedTopic(scope: Construct, id: string, publishers: ServicePublisher[] = []): sns.Topic {
  const key = new kms.Key(scope, `${id}Key`, { enableKeyRotation: true, description: `Encrypts the SNS topic ${id}` });
  const topic = new sns.Topic(scope, id, { enforceSSL: true, masterKey: key });
  for (const publisher of publishers) {
    const principals = [new iam.ServicePrincipal(publisher.service)];
    const conditions = {
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
      ArnLike: { 'aws:SourceArn': publisher.sourceArn },
    };
    // SNS encrypts each message with a data key it asks for on behalf of the publisher.
    key.addToResourcePolicy(new iam.PolicyStatement({ principals, actions: KMS_PRODUCER_ACTIONS, resources: ['*'], conditions }));
    // The SSL-only topic policy replaces the default one, which let the account's services publish.
    topic.addToResourcePolicy(new iam.PolicyStatement({ principals, actions: ['sns:Publish'], resources: [topic.topicArn], conditions }));
  }
  return topic;
}

/** OBS1: the topic that alarms notify. CloudWatch publishes the alarm actions of this account's alarms. */
export function createAlarmTopic(scope: Construct, id = 'AlarmTopic'): sns.Topic {
  const alarms = Stack.of(scope).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return encryptedTopic(scope, id, [{ service: 'cloudwatch.amazonaws.com', sourceArn: alarms }]);
}
