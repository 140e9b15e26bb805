import { motoCompatible } from './moto-compat';

describe('motoCompatible (the local deploy\'s changes for moto\'s gaps)', () => {
  const template = {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
    Rules: { CheckBootstrapVersion: {} },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, Name: 'live' } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { 'Fn::Join': ['', [{ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: 'Live' }] }] }, ':live']] } },
      },
      Invoke: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: { 'Fn::Select': [7, { 'Fn::Split': [':', { Ref: 'Live' }] }] } } },
      Options: { Type: 'AWS::ApiGateway::Method', Properties: { Integration: { Type: 'MOCK' } } },
      Fifo: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      Plain: { Type: 'AWS::SQS::Queue', Properties: {} },
    },
  };

  test('targets of an alias point to its function, without the qualifier', () => {
    const { template: out } = motoCompatible(template);
    expect(out.Resources.Mapping.Properties.FunctionName).toEqual({ 'Fn::Select': [6, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] });
    expect(out.Resources.Invoke.Properties.Qualifier).toBe('$LATEST');
  });

  test('a reference to a version (its ARN) points to its function; the version\'s own attributes stay', () => {
    const versioned = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
        Version: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } } },
        Hook: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { VERSION_UNDER_TEST: { Ref: 'Version' } } } } },
        Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'ExecutedVersion', Value: { 'Fn::GetAtt': ['Version', 'Version'] } }] } },
      },
    };
    const { template: out, changes } = motoCompatible(versioned);
    expect(out.Resources.Hook.Properties.Environment.Variables.VERSION_UNDER_TEST).toEqual({ 'Fn::GetAtt': ['Fn', 'Arn'] });
    expect(out.Resources.Alarm.Properties).toEqual(versioned.Resources.Alarm.Properties);
    expect(changes).toEqual(['1 references to Lambda versions point to their functions']);
  });

  test('bootstrap check removed, MOCK integrations completed, FIFO queues named; the rest untouched', () => {
    const { template: out, changes } = motoCompatible(template);
    expect(out.Parameters.BootstrapVersion).toBeUndefined();
    expect(out.Rules.CheckBootstrapVersion).toBeUndefined();
    expect(out.Resources.Options.Properties.Integration).toEqual({ Type: 'MOCK', IntegrationHttpMethod: 'POST', Uri: '' });
    expect(out.Resources.Fifo.Properties.QueueName).toBe('Fifo.fifo');
    expect(out.Resources.Plain.Properties).toEqual({});
    expect(changes).toHaveLength(5);
    expect(template.Resources.Fifo.Properties).toEqual({ FifoQueue: true }); // the input is not changed
  });

  test('aws-cdk-lib\'s bucket notifications custom resource is left out, and nothing depends on it any more', () => {
    const { template: out, changes } = motoCompatible({
      Resources: {
        Notifications: { Type: 'Custom::S3BucketNotifications', Properties: { BucketName: { Ref: 'Bucket' } } },
        Other: { Type: 'AWS::SQS::Queue', DependsOn: ['Notifications', 'Plain'] },
      },
    });
    expect(out.Resources.Notifications).toBeUndefined();
    expect(out.Resources.Other.DependsOn).toEqual(['Plain']);
    expect(changes).toEqual(['Notifications: bucket notifications left to the deploy script (no custom resource handler without Docker)']);
  });
});

describe('motoCompatible: alarm ARNs (moto skips alarms)', () => {
  test('a GetAtt of an alarm\'s Arn becomes the ARN the alarm would have; other GetAtts stay', () => {
    const { template: out, changes } = motoCompatible({
      Resources: {
        Errors: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        Any: { Type: 'AWS::CloudWatch::CompositeAlarm', Properties: { AlarmRule: { 'Fn::Join': ['', ['ALARM("', { 'Fn::GetAtt': ['Errors', 'Arn'] }, '")']] }, Q: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
      },
    });
    expect(out.Resources.Any.Properties.AlarmRule['Fn::Join'][1][1]).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:Errors' });
    expect(out.Resources.Any.Properties.Q).toEqual({ 'Fn::GetAtt': ['Queue', 'Arn'] });
    expect(changes).toEqual(['1 alarm ARNs written out (moto skips alarms)']);
  });
});

describe('motoCompatible: the web stack (StaticSite, UserIdentityPool)', () => {
  test('aws-cdk-lib\'s BucketDeployment custom resource is left out (a DependsOn of it too); its handler function stays', () => {
    const { template: out, changes } = motoCompatible({
      Resources: {
        Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
        Deployment: { Type: 'Custom::CDKBucketDeployment', Properties: { ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] } } },
        Later: { Type: 'AWS::SQS::Queue', DependsOn: 'Deployment' },
      },
    });
    expect(out.Resources.Deployment).toBeUndefined();
    expect(out.Resources.Handler).toEqual({ Type: 'AWS::Lambda::Function', Properties: {} });
    expect(out.Resources.Later).toEqual({ Type: 'AWS::SQS::Queue' });
    expect(changes).toEqual(['Deployment: the bucket deployment (copy of the source zip) left to the deploy script (no custom resource handler without Docker)']);
  });

  test('the Name of an identity pool becomes its IdentityPoolName, else its logical ID; other GetAtts of a pool stay', () => {
    const description = (pool: string) => ({ 'Fn::Join': ['', ['Default Authenticated Role for Identity Pool ', { 'Fn::GetAtt': [pool, 'Name'] }]] });
    const { template: out, changes } = motoCompatible({
      Resources: {
        Generated: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: false } },
        Named: { Type: 'AWS::Cognito::IdentityPool', Properties: { IdentityPoolName: 'notes' } },
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        RoleA: { Type: 'AWS::IAM::Role', Properties: { Description: description('Generated') } },
        RoleB: { Type: 'AWS::IAM::Role', Properties: { Description: description('Named'), Tags: [{ Key: 'q', Value: { 'Fn::GetAtt': ['Queue', 'Name'] } }] } },
        Other: { Type: 'AWS::SSM::Parameter', Properties: { Value: { 'Fn::GetAtt': ['Generated', 'Id'] } } },
      },
    });
    expect(out.Resources.RoleA.Properties.Description['Fn::Join'][1][1]).toBe('Generated');
    expect(out.Resources.RoleB.Properties.Description['Fn::Join'][1][1]).toBe('notes');
    expect(out.Resources.RoleB.Properties.Tags[0].Value).toEqual({ 'Fn::GetAtt': ['Queue', 'Name'] });
    expect(out.Resources.Other.Properties.Value).toEqual({ 'Fn::GetAtt': ['Generated', 'Id'] });
    expect(changes).toEqual(['2 identity pool names written out (moto skips identity pools)']);
  });
});
