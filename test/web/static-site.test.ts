import * as path from 'path';
import { Stack, App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StaticSite, StaticSiteProps } from '../../src';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack } from '../support/stacks';

const SITE = path.join(__dirname, 'site');
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';

function synthSite(props: StaticSiteProps = {}) {
  const { stack } = newStack();
  const site = new StaticSite(stack, 'Site', props);
  return { stack, site, template: Template.fromStack(stack) };
}

describe('StaticSite defaults', () => {
  test('EV3: a private, TLS-only, SSE-S3, versioned, retained bucket that only the distribution reads, through OAC', () => {
    const { stack, site, template } = synthSite();
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.anyValue(),
      }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const bucketId = stack.getLogicalId(site.bucket.node.defaultChild as never);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
        })]),
      },
    });
    expectNoUnacknowledgedFindings(stack);
  });

  test('EV4: HTTPS redirect, GET/HEAD, compression, HTTP/3, index.html, price class 100, access logs, TLS 1.2 policy', () => {
    const { template } = synthSite();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        HttpVersion: 'http2and3',
        PriceClass: 'PriceClass_100',
        Logging: { Bucket: Match.anyValue() },
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true, AllowedMethods: ['GET', 'HEAD'] }),
      }),
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0];
    expect(distribution.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
  });

  test('EV4: security headers: HSTS two years, nosniff, DENY frames, strict referrer policy, a strict CSP', () => {
    const { template } = synthSite();
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'", Override: true },
        },
      }),
    });
  });
});

describe('StaticSite options', () => {
  test('singlePageApp: 403 and 404 become the root object with 200', () => {
    const { template } = synthSite({ singlePageApp: true, defaultRootObject: 'app.html' });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/app.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/app.html', ErrorCachingMinTTL: 0 },
        ],
      }),
    });
  });

  test('a custom domain with a us-east-1 certificate gets TLSv1.2_2021 and no CFR4 acknowledgement is needed', () => {
    const { stack, template } = synthSite({
      domainNames: ['notes.example.com'],
      certificate: acm.Certificate.fromCertificateArn(new Stack(), 'Cert', CERTIFICATE),
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3',
      geoRestriction: cloudfront.GeoRestriction.allowlist('DE', 'FR'),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['notes.example.com'],
        ViewerCertificate: { AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3',
        Restrictions: { GeoRestriction: { Locations: ['DE', 'FR'], RestrictionType: 'whitelist' } },
      }),
    });
    expectNoUnacknowledgedFindings(stack);
  });

  test('without a certificate, no TLS policy is set that CloudFront would ignore (no synth warning about it)', () => {
    const { stack, template } = synthSite();
    const viewer = Object.values<any>(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig.ViewerCertificate;
    expect(viewer).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('minimumProtocolVersion'));
  });

  test('without a certificate, WAF or geo restriction, the findings the defaults cause are acknowledged, each with its reason', () => {
    const { site } = synthSite();
    expect(acknowledgementsUnder(site.distribution).map((a) => a.id).sort()).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
    const custom = synthSite({
      domainNames: ['notes.example.com'],
      certificate: acm.Certificate.fromCertificateArn(new Stack(), 'Cert', CERTIFICATE),
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3',
      geoRestriction: cloudfront.GeoRestriction.denylist('AQ'),
    });
    expect(acknowledgementsUnder(custom.site.distribution)).toEqual([]);
  });

  test('a viewer-request CloudFront Function (JS 2.0) and a local folder deployed with an invalidation of every path', () => {
    const { stack, site, template } = synthSite({
      sourcePath: SITE,
      viewerRequestFunctionCode: cloudfront.FunctionCode.fromInline('function handler(event) { return event.request; }'),
    });
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }) });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })] }),
      }),
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: stack.getLogicalId(site.bucket.node.defaultChild as never) },
      DistributionId: { Ref: stack.getLogicalId(site.distribution.node.defaultChild as never) },
      DistributionPaths: ['/*'],
    });
    expectNoUnacknowledgedFindings(stack);
  });
});

describe('StaticSite validation (EV4)', () => {
  test('a certificate outside us-east-1, known from its ARN or its stack, is refused', () => {
    expectValidationError(() => synthSite({
      domainNames: ['notes.example.com'],
      certificate: acm.Certificate.fromCertificateArn(new Stack(), 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'),
    }), { path: 'TestStack/Site', prop: 'certificate', rule: /must be in us-east-1/, value: '"eu-west-1"', practice: 'EV4' });
    const { stack } = newStack();
    const certificate = new acm.Certificate(stack, 'Cert', { domainName: 'notes.example.com' });
    expectValidationError(() => new StaticSite(stack, 'Site', { domainNames: ['notes.example.com'], certificate }),
      { path: 'TestStack/Site', prop: 'certificate', rule: /must be in us-east-1/, value: '"eu-west-1"', practice: 'EV4' });
  });

  test('a Lambda@Edge version outside us-east-1 is refused', () => {
    const { stack } = newStack();
    const edge = new lambda.Function(stack, 'Edge', { code: lambda.Code.fromInline('exports.handler = async (e) => e'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
    expectValidationError(() => new StaticSite(stack, 'Site', {
      edgeLambdas: [{ functionVersion: edge.currentVersion, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST }],
    }), { path: 'TestStack/Site', prop: 'edgeLambdas', rule: /us-east-1/, value: '"eu-west-1"', practice: 'EV4' });
    const imported = lambda.Version.fromVersionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:edge:1');
    expectValidationError(() => new StaticSite(stack, 'Site2', {
      edgeLambdas: [{ functionVersion: imported, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST }],
    }), { path: 'TestStack/Site2', prop: 'edgeLambdas', rule: /us-east-1/, value: '"eu-west-1"', practice: 'EV4' });
  });

  test('an EdgeFunction (its function in us-east-1 whatever the stack\'s region) and a us-east-1 version are accepted', () => {
    const { stack } = newStack();
    const edge = new cloudfront.experimental.EdgeFunction(stack, 'Edge', {
      code: lambda.Code.fromInline('exports.handler = async (e) => e'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X,
    });
    const imported = lambda.Version.fromVersionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:edge:1');
    expect(() => new StaticSite(stack, 'Site', {
      edgeLambdas: [
        { functionVersion: edge.currentVersion, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST },
        { functionVersion: imported, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST },
      ],
    })).not.toThrow();
  });

  test('every failed rule in one error: domain without certificate, empty CSP, a leading slash, a regional web ACL', () => {
    expectOneErrorFor(() => synthSite({
      domainNames: ['notes.example.com'],
      contentSecurityPolicy: ' ',
      defaultRootObject: '/index.html',
      webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/site/a1b2c3',
    }), 'TestStack/Site', [
      { prop: 'defaultRootObject', practice: 'EV4' },
      { prop: 'certificate', practice: 'EV4' },
      { prop: 'contentSecurityPolicy', practice: 'EV4' },
      { prop: 'webAclArn', practice: 'EV4' },
    ]);
    expectOneErrorFor(() => synthSite({ certificate: acm.Certificate.fromCertificateArn(new Stack(new App(), 'Other'), 'Cert', CERTIFICATE) }),
      'TestStack/Site', [{ prop: 'domainNames', practice: 'EV4' }]);
  });
});
