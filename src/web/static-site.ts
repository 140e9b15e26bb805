import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { StaticSiteProps } from './static-site-props';
import { acknowledgeRule } from '../core/acknowledge';
import { BUCKET_DEFAULTS, STATIC_SITE_DEFAULTS } from '../core/defaults';
import {
  ACM_CERTIFICATE_ARN, CLOUDFRONT_CERTIFICATE_REGION, CLOUDFRONT_DEFAULT_ROOT_OBJECT, LAMBDA_EDGE_REGION, regionOfArn, WAFV2_CLOUDFRONT_WEB_ACL_ARN,
} from '../core/limits';
import { PropsValidator } from '../core/validation';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { createSecureBucket } from '../resources/secure-bucket';
import { asArray, flattenToString } from '../template/cfn-values';

/**
 * EV3, EV4: a static site: a private, versioned, retained bucket (SSE-S3, access logs) that only
 * the CloudFront distribution reads, through origin access control (never the legacy OAI); HTTPS
 * only (HTTP redirects), TLS 1.2 on custom domains, security headers on every response, compression,
 * HTTP/2 and HTTP/3, access logs; optionally a single-page-app fallback, a web ACL, geo
 * restriction, viewer-request logic in a CloudFront Function, and the upload of a local folder
 * with an invalidation.
 */
export class StaticSite extends MonitoredConstruct {
  /** The site's bucket (EV3): private, read by the distribution only. */
  public readonly bucket: s3.Bucket;
  /** The distribution. */
  public readonly distribution: cloudfront.Distribution;
  /** The response headers policy with the security headers (HSTS, CSP, nosniff, frame and referrer policy). */
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The bucket of the distribution's access logs. */
  public readonly accessLogsBucket: s3.Bucket;
  /**
   * The upload of `sourcePath`.
   * @default - none without `sourcePath`
   */
  public readonly deployment?: s3deploy.BucketDeployment;
  /**
   * Requests and the 4XX and 5XX error rates (OBS1). CloudFront publishes them in us-east-1 only,
   * which is why the site creates no alarms: alarm on them from a us-east-1 stack.
   */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the site
   * @param id the ID of the site, unique within `scope`
   * @param props StaticSiteProps: every prop is optional
   */
  constructor(scope: Construct, id: string, props: StaticSiteProps = {}) {
    super(scope, id);
    validateStaticSiteProps(this, props);
    const defaultRootObject = props.defaultRootObject ?? STATIC_SITE_DEFAULTS.defaultRootObject;
    // SSE-S3: with SSE-KMS the key policy would have to let CloudFront decrypt (EV3).
    this.bucket = createSecureBucket(this, 'Bucket').bucket;
    this.accessLogsBucket = createDistributionLogsBucket(this);
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of a StaticSite (EV4)',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(STATIC_SITE_DEFAULTS.strictTransportSecurityDays), includeSubdomains: true, override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy ?? STATIC_SITE_DEFAULTS.contentSecurityPolicy, override: true },
      },
    });
    const functionAssociations = props.viewerRequestFunctionCode ? [{
      eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
      function: new cloudfront.Function(this, 'ViewerRequest', { code: props.viewerRequestFunctionCode, runtime: cloudfront.FunctionRuntime.JS_2_0 }),
    }] : undefined;
    const spaFallback = (httpStatus: number): cloudfront.ErrorResponse =>
      ({ httpStatus, responseHttpStatus: 200, responsePagePath: `/${defaultRootObject}`, ttl: Duration.seconds(0) });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations,
        edgeLambdas: props.edgeLambdas,
      },
      defaultRootObject,
      // Without an object the bucket answers 403 (CloudFront may not list it), a missing page 404.
      errorResponses: props.singlePageApp ? [spaFallback(403), spaFallback(404)] : undefined,
      domainNames: props.domainNames,
      certificate: props.certificate,
      // Only with a certificate of the site's own: on the default *.cloudfront.net certificate
      // CloudFront fixes the policy, and aws-cdk-lib warns on every synth that the setting is ignored.
      minimumProtocolVersion: props.certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      webAclId: props.webAclArn,
      geoRestriction: props.geoRestriction,
    });
    if (props.sourcePath) {
      this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
        sources: [s3deploy.Source.asset(props.sourcePath)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      acknowledgeDeploymentHandler(this.deployment);
    }
    this.keyMetrics = [
      { label: 'Requests', metric: this.distribution.metricRequests() },
      { label: '4XX error rate (%)', metric: this.distribution.metric4xxErrorRate() },
      { label: '5XX error rate (%)', metric: this.distribution.metric5xxErrorRate() },
    ];
    this.acknowledgeDeliberateExceptions(props);
  }

  private acknowledgeDeliberateExceptions(props: StaticSiteProps): void {
    if (!props.certificate) {
      acknowledgeRule(this.distribution, 'AwsSolutions-CFR4', 'EV4',
        'the default *.cloudfront.net certificate, whose security policy CloudFront fixes; give domainNames and a certificate for TLS 1.2 only.');
    }
    if (!props.webAclArn) {
      acknowledgeRule(this.distribution, 'AwsSolutions-CFR2', 'EV4', 'a static site of public files, read only (GET and HEAD); set webAclArn for a web ACL.');
    }
    if (!props.geoRestriction) {
      acknowledgeRule(this.distribution, 'AwsSolutions-CFR1', 'EV4', 'the site serves every country; set geoRestriction to limit them.');
    }
  }
}

/**
 * EV4: BucketDeployment's handler is a singleton function of aws-cdk-lib, run by CloudFormation at
 * deployment only; its role and runtime are aws-cdk-lib's, not the app's. The acknowledgements sit
 * on that function (the scope of its role), so no other function or policy is covered.
 */
function acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment): void {
  const handler = deployment.handlerRole.node.scope!;
  const reason = 'the deployment handler of aws-cdk-lib\'s BucketDeployment, run by CloudFormation at deployment only';
  acknowledgeRule(handler, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'EV4',
    `${reason}: AWS's policy for writing its own logs.`);
  for (const wildcard of wildcardsOf(deployment.handlerRole)) {
    acknowledgeRule(handler, `AwsSolutions-IAM5[${wildcard}]`, 'EV4',
      `${reason}: aws-cdk-lib grants it to read the CDK asset bucket, write and prune the site's bucket and invalidate the distribution (CloudFront invalidations take no resource ARN).`);
  }
  acknowledgeRule(handler, 'AwsSolutions-L1', 'EV4', `${reason}: aws-cdk-lib chooses and updates its runtime.`);
  acknowledgeRule(handler, 'Serverless-LambdaLatestVersion', 'EV4', `${reason}: aws-cdk-lib chooses and updates its runtime.`);
  acknowledgeRule(handler, 'Serverless-LambdaDLQ', 'EV4', `${reason}: invoked synchronously by CloudFormation, which reports a failure as a failed deployment.`);
  acknowledgeRule(handler, 'Serverless-LambdaTracing', 'EV4', `${reason}: a deployment step, not a request path worth tracing.`);
}

/**
 * The wildcards of the role's default policy as AwsSolutions-IAM5 names them (`Action::s3:List*`,
 * `Resource::<Bucket.Arn>/*`): exactly those the BucketDeployment granted, nothing an app adds later.
 */
function wildcardsOf(role: iam.IRole): string[] {
  const policy = role.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  const document = policy ? Stack.of(role).resolve(policy.document) as { Statement?: Array<{ Action?: unknown; Resource?: unknown }> } : {};
  const wildcards = new Set<string>();
  for (const statement of document.Statement ?? []) {
    for (const action of asArray(statement.Action)) if (flattenToString(action).includes('*')) wildcards.add(`Action::${flattenToString(action)}`);
    for (const resource of asArray(statement.Resource)) if (flattenToString(resource).includes('*')) wildcards.add(`Resource::${flattenToString(resource)}`);
  }
  return [...wildcards];
}

/**
 * EV3: the bucket of CloudFront's standard access logs: private, TLS only, SSE-S3, logs expired,
 * retained. CloudFront's standard logging writes with an ACL, so objects stay owned by the bucket
 * owner through "bucket owner preferred" (not "enforced", which refuses ACLs).
 */
function createDistributionLogsBucket(scope: Construct): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(BUCKET_DEFAULTS.accessLogsRetentionDays) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeRule(bucket, 'AwsSolutions-S1', 'EV3', 'this bucket holds the access logs of the distribution; logging its own access would log every log delivery.');
  return bucket;
}

/** EV4: every rule of a StaticSite's props, in one error. */
function validateStaticSiteProps(scope: Construct, props: StaticSiteProps): void {
  const validator = new PropsValidator(scope)
    .format('defaultRootObject', props.defaultRootObject, CLOUDFRONT_DEFAULT_ROOT_OBJECT)
    .check(!!props.domainNames?.length && !props.certificate, 'certificate', 'is required with domainNames (a us-east-1 ACM certificate)', undefined, 'EV4')
    .check(!!props.certificate && !props.domainNames?.length, 'domainNames', 'must list the names of the certificate', 0, 'EV4')
    .check(props.contentSecurityPolicy !== undefined && props.contentSecurityPolicy.trim() === '', 'contentSecurityPolicy',
      'must not be empty: leave it out for the default policy', props.contentSecurityPolicy, 'EV4')
    .format('webAclArn', props.webAclArn, WAFV2_CLOUDFRONT_WEB_ACL_ARN);
  if (props.certificate) {
    const arn = props.certificate.certificateArn;
    validator.format('certificate', arn, { ...ACM_CERTIFICATE_ARN, practice: 'EV4' });
    const region = regionOf(arn, props.certificate);
    validator.check(region !== undefined && region !== CLOUDFRONT_CERTIFICATE_REGION, 'certificate',
      `must be in ${CLOUDFRONT_CERTIFICATE_REGION}: CloudFront serves only certificates of that region`, region, 'EV4');
  }
  for (const edgeLambda of props.edgeLambdas ?? []) {
    const region = edgeRegionOf(edgeLambda.functionVersion);
    validator.check(region !== undefined && region !== LAMBDA_EDGE_REGION, 'edgeLambdas',
      `must be versions of functions in ${LAMBDA_EDGE_REGION} (Lambda@Edge replicates them from there): use cloudfront.experimental.EdgeFunction`, region, 'EV4');
  }
  validator.throwIfInvalid();
}

/** The region of a certificate: from its literal ARN, or the stack of a certificate this app creates. */
function regionOf(arn: string, certificate: acm.ICertificate): string | undefined {
  if (!Token.isUnresolved(arn)) return ACM_CERTIFICATE_ARN.test(arn) ? regionOfArn(arn) : undefined;
  return certificate instanceof acm.Certificate ? known(Stack.of(certificate).region) : undefined;
}

/**
 * The region of an edge function's version, when the app knows it: none for an EdgeFunction (it
 * puts its function in us-east-1 whatever the stack's region), the region of a literal ARN, or of
 * the stack of a version this app creates.
 */
function edgeRegionOf(version: lambda.IVersion): string | undefined {
  if (version instanceof cloudfront.experimental.EdgeFunction) return undefined;
  const arn = version.functionArn;
  if (!Token.isUnresolved(arn)) return regionOfArn(arn);
  return version instanceof lambda.Version ? known(Stack.of(version).region) : undefined;
}

function known(value: string): string | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}
