import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SecureBucketOptions } from './secure-bucket-options';
import { acknowledgeRule } from '../core/acknowledge';
import { BUCKET_DEFAULTS } from '../core/defaults';
import { S3_NONCURRENT_VERSION_DAYS } from '../core/limits';
import { PropsValidator } from '../core/validation';

/** A secure bucket and the log bucket that receives its access logs, when one was created. */
export interface SecureBucket {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket?: s3.Bucket;
}

/** EV3: the options of a bucket to create, under `prefix` (e.g. `bucketProps.`). */
export function validateSecureBucketOptions(validator: PropsValidator, prefix: string, options: SecureBucketOptions): void {
  const expiration = options.noncurrentVersionExpiration;
  const days = expiration?.isUnresolved() ? undefined : expiration?.toDays({ integral: false });
  validator.range(`${prefix}noncurrentVersionExpiration`, days, S3_NONCURRENT_VERSION_DAYS)
    .tokenDurationUnit(`${prefix}noncurrentVersionExpiration`, expiration, ['days'], S3_NONCURRENT_VERSION_DAYS.practice);
}

/**
 * EV3: what every bucket of the library is: all public access blocked, TLS only, encrypted (SSE-KMS
 * with a bucket key when a key is given, else SSE-S3), objects owned by the bucket owner (no ACLs),
 * versioned so every write is kept and yields an event, noncurrent versions expired, server access
 * logs to a log bucket, and retained with the stack so its objects can be recovered.
 */
export function createSecureBucket(scope: Construct, id: string, options: SecureBucketOptions = {}): SecureBucket {
  const accessLogsBucket = options.accessLogsBucket ? undefined : createAccessLogsBucket(scope, `${id}AccessLogs`);
  const bucket = new s3.Bucket(scope, id, {
    ...lockedDown(options.encryptionKey),
    versioned: true,
    lifecycleRules: [{
      noncurrentVersionExpiration: options.noncurrentVersionExpiration ?? Duration.days(BUCKET_DEFAULTS.noncurrentVersionExpirationDays),
      abortIncompleteMultipartUploadAfter: Duration.days(BUCKET_DEFAULTS.abortIncompleteMultipartUploadDays),
    }],
  });
  logAccessTo(bucket, options.accessLogsBucket ?? accessLogsBucket!, options.accessLogsPrefix);
  return { bucket, accessLogsBucket };
}

/**
 * EV3, SEC2: server access logs of `bucket` go to `logs`, which lets S3's log delivery write them for
 * this bucket and account only (a bucket policy, never the legacy log-delivery ACL, which object
 * ownership "bucket owner enforced" forbids). Set on the L1 so the same holds whatever the app's
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag says.
 */
function logAccessTo(bucket: s3.Bucket, logs: s3.IBucket, prefix: string | undefined): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logs.bucketName, logFilePrefix: prefix };
  logs.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logs.arnForObjects(`${prefix ?? ''}*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': bucket.stack.account } },
  }));
}

/**
 * EV3: the bucket that receives server access logs: locked down like the others (SSE-S3: S3's log
 * delivery cannot write with a customer-managed key), its logs expired after a while, retained.
 */
function createAccessLogsBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...lockedDown(undefined),
    lifecycleRules: [{ expiration: Duration.days(BUCKET_DEFAULTS.accessLogsRetentionDays) }],
  });
  acknowledgeRule(bucket, 'AwsSolutions-S1', 'EV3',
    'this bucket holds the server access logs of another bucket; logging its own access would log every log delivery.');
  return bucket;
}

function lockedDown(key: kms.IKey | undefined): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: key ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
    encryptionKey: key,
    bucketKeyEnabled: key ? true : undefined,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
