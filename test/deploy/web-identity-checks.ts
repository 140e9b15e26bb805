// The local deploy's checks of the GuardrailsWeb stack (StaticSite, SecureUserPool, UserIdentityPool
// and the per-user notes table), called once from local-deploy.ts. Handler-free: no Lambda runs;
// the pieces moto's CloudFormation cannot create are created here through their service APIs,
// each from its synthesized properties, and every setting is read back from the emulated service
// where moto applies it, else from the template moto holds (said so in the check's name).
//
// What moto (5.2.1) cannot show, and this check therefore does not claim:
// - IAM is not enforced: moto evaluates no policy and no condition. That the authenticated role may
//   touch only the items whose partition key is the caller's identity ID (`dynamodb:LeadingKeys` =
//   `${cognito-identity.amazonaws.com:sub}`) is read back as the policy document IAM stores; a
//   request for another identity's items would succeed here (AWS denies it). The unit tests
//   (test/identity) and the nag rule Guardrails-IdentityPoolRowLevelAccess check the condition;
//   only a real account shows it deny;
// - the roles' trust conditions (`cognito-identity.amazonaws.com:aud` = the pool, `amr` =
//   authenticated) are neither enforced nor even resolved: the pool does not exist for moto's
//   CloudFormation, so the `aud` condition is read from the template moto holds;
// - moto's CloudFormation models no Cognito type: the user pool, its client and the identity pool
//   are created here through cognito-idp and cognito-identity, and moto stores their settings as
//   given (MFA, the PLUS tier's threat protection, token validities are not enforced); moto's
//   cognito-identity has no role attachment API (SetIdentityPoolRoles), so the attachment is read
//   from the template and its role ARNs are checked against the roles IAM holds; GetId hands out an
//   identity ID without checking the login token;
// - CloudFront is not modelled at all (distribution, origin access control, response headers
//   policy, functions): its settings are read from the template, and nothing is served, so neither
//   HTTPS redirect, security headers, the single-page-app fallback nor the bucket policy that lets
//   only this distribution read (moto skips bucket policies) can be exercised;
// - of the bucket settings, moto's CloudFormation applies the encryption only: the public access
//   block, versioning, logging and retention are read from the template;
// - the BucketDeployment custom resource needs its handler (Docker): it is left out (moto-compat.ts)
//   and its one effect is made here, the source zip unpacked into the site bucket; the
//   invalidation it would ask for has no distribution to go to.
import { GetTemplateCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetBucketEncryptionCommand, GetObjectCommand, GetPublicAccessBlockCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import AdmZip from 'adm-zip';

type Check = (what: string, ok: boolean, detail: unknown) => void;

export interface WebIdentityContext {
  readonly endpoint: string;
  readonly region: string;
  /** The CloudFormation, S3 and DynamoDB clients of the local deploy. */
  readonly clients: { cfn: any; s3: any; ddb: any };
  readonly resources: StackResourceSummary[];
  /** The stack's template as synthesized (the BucketDeployment's properties are in it, not in moto's copy). */
  readonly template: any;
  readonly check: Check;
  readonly stackName: string;
}

const LEADING_KEYS_CONDITION = { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] } };

export async function checkWebIdentity(c: WebIdentityContext): Promise<void> {
  console.log('\n== read back: web front end and per-user data');
  const held = JSON.parse((await c.clients.cfn.send(new GetTemplateCommand({ StackName: c.stackName }))).TemplateBody ?? '{}');
  const heldResources: Record<string, any> = held.Resources ?? {};
  const physical = (logicalId: string) => {
    const found = c.resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
    if (!found) throw new Error(`${logicalId} was not created`);
    return found;
  };

  await checkSiteBucket(c, heldResources, physical);
  const { userPoolId, clientId } = await createUserPool(c, heldResources);
  const identityPoolId = await createIdentityPool(c, heldResources, userPoolId, clientId);
  await checkRoles(c, heldResources, physical);
  await checkNotesTable(c, heldResources, physical, identityPoolId);
}

/** EV3: the site's bucket is encrypted (moto applies it), private and retained (template); the site is uploaded. */
async function checkSiteBucket(c: WebIdentityContext, held: Record<string, any>, physical: (id: string) => string): Promise<void> {
  const [distributionId, distribution] = onlyOfType(held, 'AWS::CloudFront::Distribution');
  const config = distribution.Properties.DistributionConfig;
  const origin = config.Origins[0];
  const siteBucketId: string = origin.DomainName['Fn::GetAtt'][0];
  const bucket = physical(siteBucketId);
  const encryption = await c.clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))
    .then((answer: any) => answer.ServerSideEncryptionConfiguration, (error: Error) => error.name);
  c.check('the site bucket is encrypted at rest (EV3)',
    encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm === 'AES256', encryption);
  let block: any;
  try {
    block = (await c.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
  } catch {
    block = held[siteBucketId].Properties.PublicAccessBlockConfiguration;
  }
  c.check('the site bucket blocks every public access (EV3; moto keeps it in the template only)',
    ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every((setting) => block?.[setting] === true), block);
  c.check('the site bucket is versioned and retained (EV3; template)',
    held[siteBucketId].Properties.VersioningConfiguration?.Status === 'Enabled' && held[siteBucketId].DeletionPolicy === 'Retain', held[siteBucketId].DeletionPolicy);

  // CloudFront: from the template only (moto models none of it).
  const oac = held[origin.OriginAccessControlId?.['Fn::GetAtt']?.[0]];
  c.check(`${distributionId} reads the bucket through origin access control, not an OAI (EV4; CloudFront is in the template only)`,
    oac?.Type === 'AWS::CloudFront::OriginAccessControl' && oac.Properties.OriginAccessControlConfig.SigningBehavior === 'always'
      && origin.S3OriginConfig?.OriginAccessIdentity === '', origin);
  const headers = held[config.DefaultCacheBehavior.ResponseHeadersPolicyId?.Ref]?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  c.check('the distribution redirects HTTP to HTTPS and adds HSTS, nosniff, frame and referrer policy and a CSP (EV4; template only)',
    config.DefaultCacheBehavior.ViewerProtocolPolicy === 'redirect-to-https' && !!headers?.StrictTransportSecurity && !!headers?.ContentTypeOptions
      && headers?.FrameOptions?.FrameOption === 'DENY' && !!headers?.ReferrerPolicy && !!headers?.ContentSecurityPolicy, headers);

  // The BucketDeployment's one effect, made here: the source zip unpacked into the site bucket.
  const [, deployment] = onlyOfType(c.template.Resources, 'Custom::CDKBucketDeployment');
  const props = deployment.Properties;
  c.check('the deployment uploads into the site bucket and invalidates this distribution (EV4)',
    props.DestinationBucketName?.Ref === siteBucketId && props.DistributionId?.Ref === distributionId, props);
  for (const [i, sourceBucket] of props.SourceBucketNames.entries()) {
    const object = await c.clients.s3.send(new GetObjectCommand({ Bucket: sourceBucket, Key: props.SourceObjectKeys[i] }));
    const zip = new AdmZip(Buffer.from(await object.Body.transformToByteArray()));
    for (const entry of zip.getEntries().filter((e) => !e.isDirectory)) {
      await c.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: entry.entryName, Body: entry.getData() }));
    }
  }
  const keys = ((await c.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o: any) => o.Key);
  c.check(`the site bucket holds the default root object ${config.DefaultRootObject} of the local site folder`, keys.includes(config.DefaultRootObject), keys);
}

/** ID1, ID2: the user pool and its client, created through cognito-idp from their synthesized properties. */
async function createUserPool(c: WebIdentityContext, held: Record<string, any>): Promise<{ userPoolId: string; clientId: string }> {
  const [poolId, pool] = onlyOfType(held, 'AWS::Cognito::UserPool');
  const { UserPoolName, ...poolSettings } = pool.Properties;
  const created = await cognitoCall(c, 'cognito-idp', 'AWSCognitoIdentityProviderService.CreateUserPool', { PoolName: UserPoolName ?? `${c.stackName}-${poolId}`, ...poolSettings });
  const userPoolId: string = created.UserPool.Id;
  const described = (await cognitoCall(c, 'cognito-idp', 'AWSCognitoIdentityProviderService.DescribeUserPool', { UserPoolId: userPoolId })).UserPool;
  c.check('the user pool requires MFA, 12-character passwords and has deletion protection (ID1; moto stores them, enforces none)',
    described.MfaConfiguration === 'ON' && described.Policies?.PasswordPolicy?.MinimumLength === 12 && described.DeletionProtection === 'ACTIVE'
      && held[poolId].DeletionPolicy === 'Retain', { mfa: described.MfaConfiguration, policies: described.Policies, deletion: described.DeletionProtection });

  const [, client] = onlyOfType(held, 'AWS::Cognito::UserPoolClient');
  const clientProps = { ...client.Properties, UserPoolId: userPoolId };
  const clientId: string = (await cognitoCall(c, 'cognito-idp', 'AWSCognitoIdentityProviderService.CreateUserPoolClient', clientProps)).UserPoolClient.ClientId;
  const appClient = (await cognitoCall(c, 'cognito-idp', 'AWSCognitoIdentityProviderService.DescribeUserPoolClient', { UserPoolId: userPoolId, ClientId: clientId })).UserPoolClient;
  c.check('the app client signs in with SRP, has no secret and 1-hour tokens (ID2)',
    JSON.stringify([...appClient.ExplicitAuthFlows].sort()) === JSON.stringify(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'])
      && appClient.ClientSecret === undefined && appClient.IdTokenValidity === 60 && appClient.AccessTokenValidity === 60, appClient);
  return { userPoolId, clientId };
}

/** ID3: the identity pool on that user pool and client, created through cognito-identity; no guest access. */
async function createIdentityPool(c: WebIdentityContext, held: Record<string, any>, userPoolId: string, clientId: string): Promise<string> {
  const [logicalId, pool] = onlyOfType(held, 'AWS::Cognito::IdentityPool');
  const props = pool.Properties;
  const [clientLogicalId] = onlyOfType(held, 'AWS::Cognito::UserPoolClient');
  const [poolLogicalId] = onlyOfType(held, 'AWS::Cognito::UserPool');
  const provider = props.CognitoIdentityProviders;
  c.check('the identity pool has one provider: the stack\'s user pool and its app client, tokens checked server-side (ID3)',
    provider.length === 1 && provider[0].ClientId?.Ref === clientLogicalId && JSON.stringify(provider[0].ProviderName).includes(`{"Ref":"${poolLogicalId}"}`)
      && provider[0].ServerSideTokenCheck === true && props.AllowClassicFlow === false, provider);
  const providerName = `cognito-idp.${c.region}.amazonaws.com/${userPoolId}`;
  const created = await cognitoCall(c, 'cognito-identity', 'AWSCognitoIdentityService.CreateIdentityPool', {
    IdentityPoolName: props.IdentityPoolName ?? logicalId,
    AllowUnauthenticatedIdentities: props.AllowUnauthenticatedIdentities,
    AllowClassicFlow: props.AllowClassicFlow,
    CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: clientId, ServerSideTokenCheck: provider[0].ServerSideTokenCheck }],
  });
  const described = await cognitoCall(c, 'cognito-identity', 'AWSCognitoIdentityService.DescribeIdentityPool', { IdentityPoolId: created.IdentityPoolId });
  c.check('the identity pool allows no guest access (ID3, AwsSolutions-COG7)', described.AllowUnauthenticatedIdentities === false, described);
  return created.IdentityPoolId;
}

/** ID3, DB7: the role attachment, the roles' trust and the authenticated role's only policy: own items only. */
async function checkRoles(c: WebIdentityContext, held: Record<string, any>, physical: (id: string) => string): Promise<void> {
  const [, attachment] = onlyOfType(held, 'AWS::Cognito::IdentityPoolRoleAttachment');
  const authenticatedId: string = attachment.Properties.Roles.authenticated['Fn::GetAtt'][0];
  const unauthenticatedId: string = attachment.Properties.Roles.unauthenticated['Fn::GetAtt'][0];
  const authenticated = await iamCall(c, 'GetRole', { RoleName: physical(authenticatedId) });
  c.check('the role attachment names the authenticated role, which IAM holds (ID3; moto has no attachment API: template)',
    authenticated.includes(`<RoleName>${physical(authenticatedId)}</RoleName>`), authenticatedId);
  const trust = held[authenticatedId].Properties.AssumeRolePolicyDocument.Statement[0];
  c.check('the authenticated role is assumable only by this pool\'s authenticated identities (ID3; template: moto cannot resolve the pool)',
    trust.Principal?.Federated === 'cognito-identity.amazonaws.com' && trust.Action === 'sts:AssumeRoleWithWebIdentity'
      && trust.Condition?.StringEquals?.['cognito-identity.amazonaws.com:aud']?.Ref === attachment.Properties.IdentityPoolId?.Ref
      && trust.Condition?.['ForAnyValue:StringLike']?.['cognito-identity.amazonaws.com:amr'] === 'authenticated', trust);

  const policyNames = xmlValues(await iamCall(c, 'ListRolePolicies', { RoleName: physical(authenticatedId) }), 'member');
  const attached = xmlValues(await iamCall(c, 'ListAttachedRolePolicies', { RoleName: physical(authenticatedId) }), 'PolicyArn');
  c.check('the authenticated role has one inline policy and no managed policy (it started with none; ID3)', policyNames.length === 1 && attached.length === 0, { policyNames, attached });
  const document = policyDocument(await iamCall(c, 'GetRolePolicy', { RoleName: physical(authenticatedId), PolicyName: policyNames[0] }));
  const statements: any[] = [document.Statement].flat();
  const notesArn = statements[0]?.Resource;
  c.check('IAM holds the item actions on the notes table with dynamodb:LeadingKeys = ${cognito-identity.amazonaws.com:sub} (DB7; moto does not enforce it)',
    statements.length === 1 && JSON.stringify([statements[0].Action].flat().sort()) === JSON.stringify(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'])
      && typeof notesArn === 'string' && notesArn.endsWith(`:table/${physical(notesTableId(held))}`)
      && JSON.stringify(statements[0].Condition) === JSON.stringify(LEADING_KEYS_CONDITION), document);
  c.check('no statement of the authenticated role allows a Scan or any action without the condition (DB7)',
    statements.every((s) => !JSON.stringify(s.Action).includes('Scan') && !JSON.stringify(s.Action).includes('*') && s.Condition !== undefined), statements);

  const guestPolicies = xmlValues(await iamCall(c, 'ListRolePolicies', { RoleName: physical(unauthenticatedId) }), 'member');
  const guestAttached = xmlValues(await iamCall(c, 'ListAttachedRolePolicies', { RoleName: physical(unauthenticatedId) }), 'PolicyArn');
  c.check('the unauthenticated role has no permissions (ID3)', guestPolicies.length === 0 && guestAttached.length === 0, { guestPolicies, guestAttached });
}

/** DB7: the notes table is keyed by the identity ID; an item of an identity is found by that ID. */
async function checkNotesTable(c: WebIdentityContext, held: Record<string, any>, physical: (id: string) => string,
  identityPoolId: string): Promise<void> {
  const logicalId = notesTableId(held);
  const tableName = physical(logicalId);
  const table = (await c.clients.ddb.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  c.check('the notes table\'s partition key is identityId, its sort key noteId, on demand (DB7)',
    JSON.stringify(table?.KeySchema) === JSON.stringify([{ AttributeName: 'identityId', KeyType: 'HASH' }, { AttributeName: 'noteId', KeyType: 'RANGE' }])
      && table?.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST', table?.KeySchema);
  c.check('the notes table has PITR and deletion protection and is retained (DB2; template)',
    held[logicalId].Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true
      && held[logicalId].Properties.DeletionProtectionEnabled === true && held[logicalId].DeletionPolicy === 'Retain', held[logicalId].Properties);

  // An identity ID from the deployed identity pool (moto checks no login) is the partition key of
  // that user's notes. Written with the deploy's own credentials: IAM is not enforced here.
  const { IdentityId: identityId } = await cognitoCall(c, 'cognito-identity', 'AWSCognitoIdentityService.GetId', { IdentityPoolId: identityPoolId });
  c.check('the identity pool hands out identity IDs of the form <region>:<uuid> (the partition key, not the user pool sub)',
    new RegExp(`^${c.region}:[0-9a-f-]{36}$`).test(identityId), identityId);
  await c.clients.ddb.send(new PutItemCommand({ TableName: tableName, Item: { identityId: { S: identityId }, noteId: { S: 'n1' }, text: { S: 'mine' } } }));
  await c.clients.ddb.send(new PutItemCommand({ TableName: tableName, Item: { identityId: { S: `${c.region}:someone-else` }, noteId: { S: 'n1' }, text: { S: 'theirs' } } }));
  const own = (await c.clients.ddb.send(new QueryCommand({
    TableName: tableName, KeyConditionExpression: 'identityId = :me', ExpressionAttributeValues: { ':me': { S: identityId } },
  }))).Items ?? [];
  c.check('a Query on identityId = <the caller\'s identity ID> returns that user\'s notes only', own.length === 1 && own[0].text?.S === 'mine', own);
}

function notesTableId(held: Record<string, any>): string {
  return onlyOfType(held, 'AWS::DynamoDB::Table')[0];
}

function onlyOfType(resources: Record<string, any>, type: string): [string, any] {
  const found = Object.entries<any>(resources).filter(([, r]) => r.Type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The signature moto does not check; it routes the request by the credential scope's service. */
function authorization(c: WebIdentityContext, service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${c.region}/${service}/aws4_request, SignedHeaders=host, Signature=unsigned`;
}

/** One Cognito JSON API call to moto (the repository has no Cognito client among its dev dependencies). */
async function cognitoCall(c: WebIdentityContext, service: 'cognito-idp' | 'cognito-identity', target: string, body: object): Promise<any> {
  const response = await fetch(c.endpoint, {
    method: 'POST',
    // Bounded, like every SDK request of the deploy: a server that stops answering fails the check.
    signal: AbortSignal.timeout(60_000),
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, 'Authorization': authorization(c, service) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target} failed (${response.status}): ${text}`);
  return JSON.parse(text);
}

/** One IAM Query API call to moto (no IAM client among the dev dependencies either); returns the XML. */
async function iamCall(c: WebIdentityContext, action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(c.endpoint, {
    method: 'POST',
    signal: AbortSignal.timeout(60_000),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Authorization': authorization(c, 'iam') },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`IAM ${action} failed (${response.status}): ${text}`);
  return text;
}

function xmlValues(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((match) => unescapeXml(match[1]));
}

/** The PolicyDocument of a GetRolePolicy answer: XML-escaped, and URL-encoded as IAM returns it. */
function policyDocument(xml: string): any {
  const raw = xmlValues(xml, 'PolicyDocument')[0] ?? '{}';
  return JSON.parse(raw.trimStart().startsWith('{') ? raw : decodeURIComponent(raw));
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
