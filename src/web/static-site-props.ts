import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/** Properties of a StaticSite. */
export interface StaticSiteProps {
  /**
   * A local folder whose files are uploaded to the site's bucket at deployment (files no longer in
   * the folder are removed), followed by an invalidation of every path of the distribution.
   * @default - nothing is uploaded: deploy the files yourself
   */
  readonly sourcePath?: string;
  /**
   * Custom domain names of the site. They need `certificate`.
   * @default - the distribution's `*.cloudfront.net` domain
   */
  readonly domainNames?: string[];
  /**
   * The ACM certificate of `domainNames`, in us-east-1 (CloudFront serves only those). Its region is
   * checked when known at synth. Viewers then need TLS 1.2 (TLSv1.2_2021 policy).
   * @default - none
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The Content-Security-Policy header of every response.
   * @default "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
   */
  readonly contentSecurityPolicy?: string;
  /**
   * A single-page app: a path without an object (403 or 404 from the bucket) gets the default root
   * object with status 200, so the app's router handles it.
   * @default false
   */
  readonly singlePageApp?: boolean;
  /**
   * The object served for `/`: an object key without a leading slash.
   * @default 'index.html'
   */
  readonly defaultRootObject?: string;
  /**
   * Which edge locations serve the site.
   * @default PriceClass.PRICE_CLASS_100
   */
  readonly priceClass?: cloudfront.PriceClass;
  /**
   * A WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1):
   * `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`.
   * @default - none (AwsSolutions-CFR2 is acknowledged: a static site of public files)
   */
  readonly webAclArn?: string;
  /**
   * Countries allowed or denied.
   * @default - none (AwsSolutions-CFR1 is acknowledged: the site serves every country)
   */
  readonly geoRestriction?: cloudfront.GeoRestriction;
  /**
   * Code of a CloudFront Function (JavaScript runtime 2.0) run on every viewer request, e.g. to
   * rewrite paths or check a header: the cheap, fast place for viewer-request logic (EV4).
   * @default - none
   */
  readonly viewerRequestFunctionCode?: cloudfront.FunctionCode;
  /**
   * Lambda@Edge functions, only for what a CloudFront Function cannot do (the request body, network
   * calls). Their versions must be of functions created in us-east-1 (e.g. with
   * `cloudfront.experimental.EdgeFunction`); checked when the region is known at synth.
   * @default - none
   */
  readonly edgeLambdas?: cloudfront.EdgeLambda[];
}
