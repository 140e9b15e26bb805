/**
 * moto_server (5.x) emulates CloudFormation, but not all of it. This turns a synthesized template
 * into one moto can create, changing only what moto cannot model, and says what it changed.
 *
 * moto's gaps, as seen here (moto 5.2.1):
 * - no CDK bootstrap: the BootstrapVersion parameter and its rule need SSM state that does not exist;
 * - AWS::Lambda::Alias is not modelled: its Ref is empty, so everything that targets an alias
 *   (event source mappings, invoke configs, permissions, integrations) targets the unqualified
 *   function instead, and the `:<alias>` qualifier is dropped;
 * - the Ref of an AWS::Lambda::Version is moto's version object, not its ARN: a policy or an
 *   environment variable that holds it fails the stack, so it becomes the function's ARN;
 * - MOCK integrations (CORS preflights) need IntegrationHttpMethod and Uri in moto's parser;
 * - a FIFO queue without a QueueName is rejected (CloudFormation would generate `<name>.fifo`);
 * - no Lambda execution without Docker: functions are created, never run; stream records of a
 *   table with an event source mapping are handed to the (unrunnable) function and dropped;
 * - a custom resource runs its handler in Docker: aws-cdk-lib's bucket notifications
 *   (Custom::S3BucketNotifications) are left out, and the deploy script makes the handler's one
 *   call itself (PutBucketNotificationConfiguration with the resource's properties); so is
 *   aws-cdk-lib's BucketDeployment (Custom::CDKBucketDeployment), whose copy of the source zip into
 *   the destination bucket the web check makes itself (there is no distribution to invalidate);
 * - PointInTimeRecoverySpecification, and a state machine's LoggingConfiguration and
 *   TracingConfiguration, are kept in the template but not applied to the emulated resources.
 * - AWS::Scheduler::ScheduleGroup is not modelled, and a template with an Fn::GetAtt of a resource
 *   moto does not model is rejected: the group's ARN is written from its (literal) name instead.
 * Resource types moto does not know (alarms, queue, topic and bucket policies, invoke configs,
 * Cognito user and identity pools and role attachments, every CloudFront type, some API Gateway
 * types) are skipped by moto itself; the deploy script lists them, and the checks create the
 * Cognito pools through their APIs from the synthesized properties.
 * - AWS::Cognito::IdentityPool is not modelled: the `Fn::GetAtt [Pool, Name]` in the descriptions
 *   of its default roles becomes the pool's name (its IdentityPoolName, else its logical ID).
 * - an alarm's ARN (`Fn::GetAtt [Alarm, Arn]`, read by dashboards and composite alarms) is then
 *   "an undefined resource": it becomes the ARN the alarm would have, named by its logical ID.
 */
/** aws-cdk-lib's custom resources whose one effect the deploy script produces itself, and what that is. */
const SCRIPTED_CUSTOM_RESOURCES: Record<string, string> = {
  'Custom::S3BucketNotifications': 'bucket notifications',
  'Custom::CDKBucketDeployment': 'the bucket deployment (copy of the source zip)',
};

export interface CompatResult {
  readonly template: any;
  readonly changes: string[];
}

export function motoCompatible(original: any): CompatResult {
  const template = JSON.parse(JSON.stringify(original));
  const changes: string[] = [];
  if (template.Parameters?.BootstrapVersion) {
    delete template.Parameters.BootstrapVersion;
    delete template.Rules?.CheckBootstrapVersion;
    changes.push('removed the CDK bootstrap version check');
  }
  const resources: Record<string, any> = template.Resources ?? {};
  const aliases = Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Alias'));
  const qualifiers = new Set(Object.values(aliases).map((alias: any) => `:${alias.Properties.Name}`));
  const versions = Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Version'));
  const unaliased = replaceDeep(template.Resources, (node) => {
    const id = node?.Ref;
    const qualified = typeof id === 'string' && Object.keys(node).length === 1 ? aliases[id] ?? versions[id] : undefined;
    if (qualified) {
      return { 'Fn::GetAtt': [qualified.Properties.FunctionName.Ref, 'Arn'] };
    }
    const join = node?.['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1]) && join[1].some((part: unknown) => typeof part === 'string' && qualifiers.has(part))) {
      const parts = join[1].filter((part: unknown) => !(typeof part === 'string' && qualifiers.has(part)));
      return parts.length === 1 ? parts[0] : { 'Fn::Join': [join[0], parts] };
    }
    return undefined;
  });
  const groups = Object.fromEntries(Object.entries<any>(unaliased).filter(([, r]) => r.Type === 'AWS::Scheduler::ScheduleGroup' && typeof r.Properties?.Name === 'string'));
  template.Resources = replaceDeep(unaliased, (node) => {
    const getAtt = node?.['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn' || !groups[getAtt[0]]) return undefined;
    return { 'Fn::Sub': `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule-group/${groups[getAtt[0]].Properties.Name}` };
  });
  if (Object.keys(groups).length > 0) changes.push(`ARNs of ${Object.keys(groups).length} schedule groups written from their names`);
  const identityPools = Object.fromEntries(Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::Cognito::IdentityPool'));
  let identityPoolNames = 0;
  template.Resources = replaceDeep(template.Resources, (node) => {
    const getAtt = node?.['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || getAtt[1] !== 'Name' || !identityPools[getAtt[0]]) return undefined;
    identityPoolNames++;
    const name = identityPools[getAtt[0]].Properties?.IdentityPoolName;
    return typeof name === 'string' ? name : getAtt[0];
  });
  if (identityPoolNames > 0) changes.push(`${identityPoolNames} identity pool names written out (moto skips identity pools)`);
  let alarmArns = 0;
  template.Resources = replaceDeep(template.Resources, (node) => {
    const target = node?.['Fn::GetAtt'];
    if (!Array.isArray(target) || target[1] !== 'Arn' || template.Resources[target[0]]?.Type !== 'AWS::CloudWatch::Alarm') return undefined;
    alarmArns++;
    return { 'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${target[0]}` };
  });
  if (alarmArns > 0) changes.push(`${alarmArns} alarm ARNs written out (moto skips alarms)`);
  if (Object.keys(aliases).length > 0) changes.push(`targets of ${Object.keys(aliases).length} Lambda aliases point to their functions`);
  const versionRefs = JSON.stringify(original.Resources ?? {}).match(new RegExp(`\\{"Ref":"(${Object.keys(versions).join('|') || '-'})"\\}`, 'g'))?.length ?? 0;
  if (versionRefs > 0) changes.push(`${versionRefs} references to Lambda versions point to their functions`);

  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig' && typeof resource.Properties.Qualifier !== 'string') {
      resource.Properties.Qualifier = '$LATEST';
      changes.push(`${id}: qualifier $LATEST (no alias in moto)`);
    }
    const integration = resource.Type === 'AWS::ApiGateway::Method' ? resource.Properties.Integration : undefined;
    if (integration?.Type === 'MOCK') {
      integration.IntegrationHttpMethod ??= 'POST';
      integration.Uri ??= '';
      changes.push(`${id}: MOCK integration completed for moto's parser`);
    }
    const leftToScript = SCRIPTED_CUSTOM_RESOURCES[resource.Type];
    if (leftToScript) {
      delete template.Resources[id];
      for (const other of Object.values<any>(template.Resources)) {
        if (Array.isArray(other.DependsOn)) other.DependsOn = other.DependsOn.filter((dependency: string) => dependency !== id);
        else if (other.DependsOn === id) delete other.DependsOn;
      }
      changes.push(`${id}: ${leftToScript} left to the deploy script (no custom resource handler without Docker)`);
    }
    if (resource.Type === 'AWS::SQS::Queue' && resource.Properties?.FifoQueue && !resource.Properties.QueueName) {
      resource.Properties.QueueName = `${id}.fifo`;
      changes.push(`${id}: FIFO queue named ${id}.fifo`);
    }
  }
  return { template, changes };
}

function replaceDeep(value: any, replace: (node: any) => any): any {
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, replace));
  if (value === null || typeof value !== 'object') return value;
  const replaced = replace(value);
  if (replaced !== undefined) return replaceDeep(replaced, replace);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceDeep(inner, replace)]));
}
