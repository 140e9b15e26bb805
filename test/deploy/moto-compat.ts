/**
 * moto_server (5.x) emulates CloudFormation, but not all of it. This turns a synthesized template
 * into one moto can create, changing only what moto cannot model, and says what it changed.
 *
 * moto's gaps, as seen here (moto 5.2.1):
 * - no CDK bootstrap: the BootstrapVersion parameter and its rule need SSM state that does not exist;
 * - AWS::Lambda::Alias is not modelled: its Ref is empty, so everything that targets an alias
 *   (event source mappings, invoke configs, permissions, integrations) targets the unqualified
 *   function instead, and the `:<alias>` qualifier is dropped;
 * - MOCK integrations (CORS preflights) need IntegrationHttpMethod and Uri in moto's parser;
 * - a FIFO queue without a QueueName is rejected (CloudFormation would generate `<name>.fifo`);
 * - no Lambda execution without Docker: functions are created, never run; stream records of a
 *   table with an event source mapping are handed to the (unrunnable) function and dropped;
 * - PointInTimeRecoverySpecification, and a state machine's LoggingConfiguration and
 *   TracingConfiguration, are kept in the template but not applied to the emulated resources.
 * Resource types moto does not know (alarms, queue and topic policies, invoke configs, Cognito,
 * some API Gateway types) are skipped by moto itself; the deploy script lists them.
 * - an alarm's ARN (`Fn::GetAtt [Alarm, Arn]`, read by dashboards and composite alarms) is then
 *   "an undefined resource": it becomes the ARN the alarm would have, named by its logical ID.
 */
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
  const unaliased = replaceDeep(template.Resources, (node) => {
    const id = node?.Ref;
    if (typeof id === 'string' && Object.keys(node).length === 1 && aliases[id]) {
      return { 'Fn::GetAtt': [aliases[id].Properties.FunctionName.Ref, 'Arn'] };
    }
    const join = node?.['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1]) && join[1].some((part: unknown) => typeof part === 'string' && qualifiers.has(part))) {
      const parts = join[1].filter((part: unknown) => !(typeof part === 'string' && qualifiers.has(part)));
      return parts.length === 1 ? parts[0] : { 'Fn::Join': [join[0], parts] };
    }
    return undefined;
  });
  let alarmArns = 0;
  template.Resources = replaceDeep(unaliased, (node) => {
    const target = node?.['Fn::GetAtt'];
    if (!Array.isArray(target) || target[1] !== 'Arn' || unaliased[target[0]]?.Type !== 'AWS::CloudWatch::Alarm') return undefined;
    alarmArns++;
    return { 'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${target[0]}` };
  });
  if (alarmArns > 0) changes.push(`${alarmArns} alarm ARNs written out (moto skips alarms)`);
  if (Object.keys(aliases).length > 0) changes.push(`targets of ${Object.keys(aliases).length} Lambda aliases point to their functions`);

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
