import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AlarmRouting, GuardedFunction, QueueProcessor, ServerlessDashboard } from '../../src';
import { expectValidationError, fixtureCode, newStack } from '../support/stacks';

/** A new Code for every function: an asset belongs to one stack. */
function processorProps() {
  return { code: fixtureCode(), handler: 'index.handler' };
}

/** The widgets of the dashboard's body, with its tokens resolved in the dashboard's stack. */
function widgetsOf(dashboard: ServerlessDashboard): any[] {
  const body = Stack.of(dashboard).resolve((dashboard.dashboard.node.defaultChild as cloudwatch.CfnDashboard).dashboardBody);
  const json = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'x')).join('');
  return JSON.parse(json).widgets;
}

function titles(widgets: any[]): string[] {
  return widgets.map((w) => (w.type === 'text' ? `text:${w.properties.markdown}` : `${w.type}:${w.properties.title}`));
}

describe('ServerlessDashboard (OBS1)', () => {
  test('a dashboard name CloudWatch refuses is our error', () => {
    expectValidationError(() => new ServerlessDashboard(newStack().stack, 'Dashboard', { dashboardName: 'orders dashboard!' }),
      { path: 'TestStack/Dashboard', prop: 'dashboardName', rule: /1–255 characters/, value: '"orders dashboard!"', practice: 'OBS1' });
    expect(() => new ServerlessDashboard(newStack().stack, 'Dashboard', { dashboardName: 'orders-dashboard_1' })).not.toThrow();
  });

  test('a row per construct of the library, sorted by path: title, a graph per key metric, the state of its alarms', () => {
    const { stack } = newStack();
    // Created in reverse order: the rows still follow the paths.
    const payments = new QueueProcessor(stack, 'Payments', { processor: processorProps() });
    const audit = new GuardedFunction(stack, 'Audit', processorProps());
    const dashboard = new ServerlessDashboard(stack, 'Ops');

    const widgets = widgetsOf(dashboard);
    const rowTitles = widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown);
    // The guarded function inside the QueueProcessor is part of its row, not a row of its own.
    expect(rowTitles).toEqual(['### TestStack/Audit', '### TestStack/Payments']);
    expect(titles(widgets).slice(0, 6)).toEqual([
      'text:### TestStack/Audit', 'metric:Invocations', 'metric:Errors', 'metric:Throttles', 'metric:Duration (maximum)', 'alarm:Alarms of TestStack/Audit',
    ]);
    const paymentsAlarms = widgets.find((w) => w.properties.title === 'Alarms of TestStack/Payments').properties.alarms;
    expect(paymentsAlarms).toHaveLength(payments.alarms.length);
    expect(payments.alarms.length).toBeGreaterThan(audit.alarms.length);
    expect(widgets.filter((w) => w.properties.title === 'Alarms of TestStack/Payments')).toHaveLength(1);
  });

  test('alarms of plain resources get a last row; addMonitored adds a row of your own', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Plain');
    const depth = queue.metricApproximateNumberOfMessagesVisible();
    depth.createAlarm(stack, 'PlainDepth', { threshold: 0, evaluationPeriods: 1 });
    const dashboard = new ServerlessDashboard(stack, 'Ops');
    dashboard.addMonitored('Plain queue', { alarms: [], keyMetrics: [{ label: 'Depth', metric: depth }] });
    expect(titles(widgetsOf(dashboard))).toEqual(['text:### Other alarms', 'alarm:Alarms of Other alarms', 'text:### Plain queue', 'metric:Depth']);
  });

  test('the composite alarm is in ALARM when any alarm of the dashboard is, and notifies the topic', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Audit', processorProps());
    const topic = new sns.Topic(stack, 'Ops');
    const dashboard = new ServerlessDashboard(stack, 'Dashboard', { compositeAlarm: true, alarmTopic: topic });
    const template = Template.fromStack(stack);
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'));
    expect(composite).toHaveLength(1);
    const rule = JSON.stringify(composite[0].Properties.AlarmRule);
    for (const alarm of fn.alarms) expect(rule).toContain(stack.getLogicalId(alarm.node.defaultChild as cloudwatch.CfnAlarm));
    expect(composite[0].Properties.AlarmActions).toEqual([{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }]);
    expect(dashboard.anythingFailingAlarm).toBeInstanceOf(cloudwatch.CompositeAlarm);
  });

  test('more alarms than one composite alarm can name are combined in a tree, none left out', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    for (let i = 0; i < 150; i++) queue.metricApproximateNumberOfMessagesVisible().createAlarm(stack, `A${i}`, { threshold: i, evaluationPeriods: 1 });
    new ServerlessDashboard(stack, 'Dashboard', { compositeAlarm: true });
    const composites = Template.fromStack(stack).findResources('AWS::CloudWatch::CompositeAlarm');
    expect(Object.keys(composites)).toHaveLength(3);
    const leaves = Object.values(composites).map((c) => JSON.stringify(c.Properties.AlarmRule).match(/A\d+[0-9A-F]{8}/g) ?? []);
    expect(new Set(leaves.flat()).size).toBe(150);
  });

  test('a composite alarm without any alarm is a validation error; a construct created after the dashboard fails the synth', () => {
    const empty = newStack();
    expect(() => new ServerlessDashboard(empty.stack, 'Dashboard', { compositeAlarm: true })).toThrow(/compositeAlarm.*needs at least one alarm.*OBS1/s);

    const { app, stack } = newStack();
    new ServerlessDashboard(stack, 'Dashboard');
    new GuardedFunction(stack, 'Late', processorProps());
    expect(() => app.synth()).toThrow(/TestStack\/Late was created after the dashboard/);
  });

  test('scopes: an app across stacks', () => {
    const { app, stack } = newStack();
    new GuardedFunction(stack, 'Audit', processorProps());
    const ops = new Stack(app, 'Ops', { env: { account: '123456789012', region: 'eu-west-1' } });
    const dashboard = new ServerlessDashboard(ops, 'Dashboard', { scopes: [app] });
    expect(widgetsOf(dashboard).filter((w) => w.type === 'text').map((w) => w.properties.markdown)).toEqual(['### TestStack/Audit']);
  });
});

describe('AlarmRouting (OBS1)', () => {
  test('every alarm of the scope, created before or after, notifies the topic once', () => {
    const { stack } = newStack();
    const topic = new sns.Topic(stack, 'Ops');
    new GuardedFunction(stack, 'WithTopic', { ...processorProps(), alarmTopic: topic });
    AlarmRouting.toTopic(stack, topic);
    const queue = new sqs.Queue(stack, 'Q');
    queue.metricApproximateNumberOfMessagesVisible().createAlarm(stack, 'Later', { threshold: 0, evaluationPeriods: 1 });
    const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(2);
    const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
  });
});
