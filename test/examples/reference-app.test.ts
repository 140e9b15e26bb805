import validator from 'asl-validator';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { REFERENCE_OUTDIR, referenceAssembly, referenceContext, synthesizeReferenceApp } from '../../examples/reference-assembly';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { renderedDefinition } from '../workflow/asl';

describe('reference app', () => {
  // The one synthesis of this file, into cdk.out/ (shared with `npm run example` and the deploy).
  const { app, stacks, assembly } = synthesizeReferenceApp();

  /** The template of a stack as synthesized into cdk.out/. */
  function templateOf(stackName: string): Template {
    return Template.fromJSON(assembly.getStackByName(stackName).template);
  }

  test('holds every pattern stack, the web front end included', () => {
    expect(stacks.map((stack) => stack.stackName)).toEqual([
      'GuardrailsFunctions', 'GuardrailsEventProcessors', 'GuardrailsWorkflow', 'GuardrailsApi',
      'GuardrailsIngestion', 'GuardrailsSafeRollout', 'GuardrailsJobsFanOut', 'GuardrailsWeb',
    ]);
  });

  test('is synthesized into cdk.out/ with the recommended feature flags of examples/cdk.json', () => {
    expect(assembly.directory).toBe(REFERENCE_OUTDIR);
    expect(Object.keys(referenceContext()).length).toBeGreaterThanOrEqual(80);
    expect(app.node.tryGetContext('@aws-cdk/core:validateAgainstDefaultRules')).toBe(true);
  });

  test('the local deploy reuses this synthesis (same sources, same account and region)', () => {
    const shared = referenceAssembly({ account: '123456789012', region: 'eu-west-1' });
    expect(shared.reused).toBe(true);
    expect(shared.assembly.stacks.map((stack) => stack.stackName).sort()).toEqual(stacks.map((stack) => stack.stackName).sort());
  });

  test('zero unacknowledged findings from every nag pack', () => {
    expectNoUnacknowledgedFindings(app);
  });

  test('every acknowledgement has a reason that cites a practice ID', () => {
    const acknowledgements = acknowledgementsUnder(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledgements) {
      expect(acknowledgement.reason).toMatch(/^(FN|ES|DB|API|ID|WF|MSG|EV|SEC|OBS|DEP)\d+: \S/);
    }
  });

  test('MSG3, SEC1: every topic is encrypted with a rotated key of its own, which exactly the services publishing to it may use', () => {
    // Counted, so the checks below cannot pass by finding no topic (or no service statement) at all.
    let topics = 0;
    let serviceStatements = 0;
    for (const stack of stacks) {
      const resources: { [id: string]: { Type: string; Properties?: any } } = Template.fromStack(stack).toJSON().Resources;
      const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
      const refersTo = (value: unknown, id: string) => JSON.stringify(value ?? null).includes(`{"Ref":"${id}"}`);
      for (const [topicId, topic] of ofType('AWS::SNS::Topic')) {
        topics++;
        const keyId = topic.Properties?.KmsMasterKeyId?.['Fn::GetAtt']?.[0];
        const key = resources[keyId];
        expect({ topicId, type: key?.Type, rotation: key?.Properties.EnableKeyRotation }).toEqual({ topicId, type: 'AWS::KMS::Key', rotation: true });
        expect(ofType('AWS::SNS::Topic').filter(([, other]) => other.Properties?.KmsMasterKeyId?.['Fn::GetAtt']?.[0] === keyId)).toHaveLength(1);
        // Who publishes: CloudWatch for the alarms whose actions name the topic (no other service targets a topic here).
        const alarms = [...ofType('AWS::CloudWatch::Alarm'), ...ofType('AWS::CloudWatch::CompositeAlarm')]
          .filter(([, alarm]) => refersTo([alarm.Properties.AlarmActions, alarm.Properties.OKActions], topicId));
        const publishers = alarms.length > 0 ? ['cloudwatch.amazonaws.com'] : [];
        const services = (statements: any[]) => statements.filter((s) => s.Effect === 'Allow' && s.Principal?.Service).map((s) => s.Principal.Service);
        const keyStatements = key!.Properties.KeyPolicy.Statement;
        const topicStatements = ofType('AWS::SNS::TopicPolicy').filter(([, policy]) => refersTo(policy.Properties.Topics, topicId))
          .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
        expect({ topicId, key: services(keyStatements), topic: services(topicStatements) }).toEqual({ topicId, key: publishers, topic: publishers });
        for (const statement of [...keyStatements, ...topicStatements].filter((s) => s.Principal?.Service)) {
          serviceStatements++;
          // In any order: the recommended flag @aws-cdk/aws-iam:minimizePolicies sorts them.
          expect([statement.Action].flat().sort()).toEqual(statement.Action === 'sns:Publish' ? ['sns:Publish'] : ['kms:Decrypt', 'kms:GenerateDataKey']);
          // Only on behalf of this account's alarms (confused-deputy guard).
          expect(statement.Condition).toEqual({
            StringEquals: { 'aws:SourceAccount': stack.account },
            // A literal partition: examples/cdk.json's recommended flags resolve it for a stack with a known region.
            ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
          });
        }
      }
    }
    expect(topics).toBeGreaterThan(0);
    expect(serviceStatements).toBeGreaterThan(0);
  });

  test('the guarded function runs in a synchronous and an asynchronous configuration, and once per charge (ES5)', () => {
    const template = templateOf('GuardrailsFunctions');
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Guarded function that charges once per charge ID',
      Environment: { Variables: Match.objectLike({ IDEMPOTENCY_TABLE_NAME: { Ref: Match.stringLikeRegexp('^IdempotencyTable') }, IDEMPOTENCY_EXPIRES_AFTER_SECONDS: '3600' }) },
    });
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleTargetDlq'), 'Arn'] } } })],
    });
  });

  test('the event processors: a stream mapping with a failure destination, an SQS mapping on a queue with a DLQ', () => {
    const template = templateOf('GuardrailsEventProcessors');
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BisectBatchOnFunctionError: true, DestinationConfig: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }) });
  });

  test('the workflow: every synthesized definition passes asl-validator', () => {
    const machines = stacks.flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))
      .map(() => renderedDefinition(stack)));
    expect(machines.length).toBeGreaterThanOrEqual(1);
    for (const definition of machines) expect(validator(definition).errors).toEqual([]);
  });

  test('the API: a body model, a public route and a Lambda authorizer route, each handler behind its alias', () => {
    const template = templateOf('GuardrailsApi');
    template.hasResourceProperties('AWS::ApiGateway::Model', { Schema: Match.objectLike({ required: ['name', 'price'] }) });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN' });
    template.resourcePropertiesCountIs('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS' }, 2);
  });

  test('the web front end (EV3, EV4, ID3, DB7): the local site folder uploaded behind CloudFront, no guests, each user\'s own notes only', () => {
    const template = templateOf('GuardrailsWeb');
    const resources = template.toJSON().Resources;
    const [notesId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::IdentityPool'));
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const [deployment] = Object.values<any>(template.findResources('Custom::CDKBucketDeployment'));
    expect(resources[deployment.Properties.DestinationBucketName.Ref].Type).toBe('AWS::S3::Bucket');
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false, AllowClassicFlow: false });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'identityId', KeyType: 'HASH' }, { AttributeName: 'noteId', KeyType: 'RANGE' }],
    });
    // Every grant on the notes table, of every role: item actions limited to the caller's identity ID.
    const onNotes = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Resource).includes(`"${notesId}"`));
    expect(onNotes).toEqual([{
      Effect: 'Allow',
      Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: { 'Fn::GetAtt': [notesId, 'Arn'] },
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] } },
    }]);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', { IdentityPoolId: { Ref: poolId } });
  });

  test('safe rollout (FN11, FN12): a canary with a pre-traffic hook and a rollback on the new version\'s errors, provisioned concurrency that scales', () => {
    const template = templateOf('GuardrailsSafeRollout');
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
      AlarmConfiguration: { Enabled: true, Alarms: [Match.anyValue(), Match.anyValue()] },
    });
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', { TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 5 } } });
    template.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: { BeforeAllowTrafficHook: { Ref: Match.stringLikeRegexp('^GreeterPreTrafficHookFunction') } } } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors', Period: 60, Dimensions: Match.arrayWith([Match.objectLike({ Name: 'ExecutedVersion' })]),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1, MaxCapacity: 5, ScheduledActions: [Match.objectLike({ ScheduledActionName: 'BusinessHours' }), Match.objectLike({ ScheduledActionName: 'AfterHours' })],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 0.7 }) });
  });
});
