/** AWS KMS: the key actions services need (MSG1, MSG3, SEC1). */

/**
 * MSG1/MSG3, SEC1: what a producer needs on the customer-managed key of an encrypted SQS queue or
 * SNS topic: a data key to encrypt the message (`kms:GenerateDataKey`) and `kms:Decrypt`, which
 * SQS and SNS call to reuse a cached data key. Exactly these two: the L2 grants add
 * `kms:GenerateDataKey*`, `kms:ReEncrypt*` and `kms:Encrypt`, wildcards that would need an
 * acknowledgement and that no producer uses.
 */
export const KMS_PRODUCER_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/**
 * SEC1: what CloudWatch Logs needs on the customer-managed key of a log group, as the CloudWatch
 * Logs User Guide ("Encrypt log data in CloudWatch Logs using AWS KMS") writes its key policy.
 */
export const KMS_LOGS_SERVICE_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];
