import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct, IConstruct } from 'constructs';
import { AlarmOptions } from './alarm-options';
import { alarmsUnder } from './alarms';
import { IMonitored } from './monitored';
import { DASHBOARD_LAYOUT } from '../core/defaults';
import { CLOUDWATCH_DASHBOARD_NAME, COMPOSITE_ALARM_MAX_CHILDREN } from '../core/limits';
import { invalidProp, PropsValidator } from '../core/validation';

/** The props of a ServerlessDashboard. */
export interface ServerlessDashboardProps extends AlarmOptions {
  /**
   * Where to find the constructs of the library (an app, stacks, constructs): each one that
   * implements `IMonitored` and is not part of another gets a row. Constructs in other stacks
   * are read through cross-stack references: keep them in the dashboard's account and region.
   * @default - the dashboard's stack
   */
  readonly scopes?: IConstruct[];
  /**
   * The dashboard's name.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
  /**
   * Whether to create a composite alarm "anything failing" that is in ALARM when any alarm of the
   * dashboard is. It notifies the `alarmTopic`, when given.
   * @default false
   */
  readonly compositeAlarm?: boolean;
}

/** One row of the dashboard: a title, key metrics, alarms. */
interface DashboardRow {
  readonly title: string;
  readonly monitored: IMonitored;
}

/**
 * OBS1: one CloudWatch dashboard for a whole app. For every construct of the library under its
 * scopes (sorted by construct path, so the order does not change with the order of creation) a
 * row: a title with the construct path, a graph per key metric, and the state of its alarms.
 * Alarms under the scopes that belong to no such construct get a last row. Plain resources join
 * with `addMonitored`. Create the dashboard after the constructs it shows: one created later is a
 * synth error naming it.
 */
export class ServerlessDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The composite alarm "anything failing", when `compositeAlarm` is set. */
  public readonly anythingFailingAlarm?: cloudwatch.CompositeAlarm;
  private readonly shown = new Set<IConstruct>();

  /**
   * @param scope the construct that holds the dashboard
   * @param id the ID of the dashboard, unique within `scope`
   * @param props the scopes whose constructs it shows, its name and the composite alarm
   */
  constructor(scope: Construct, id: string, props: ServerlessDashboardProps = {}) {
    super(scope, id);
    const scopes = props.scopes ?? [Stack.of(this)];
    new PropsValidator(this).format('dashboardName', props.dashboardName, CLOUDWATCH_DASHBOARD_NAME).throwIfInvalid();
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    const rows = monitoredUnder(scopes).map((construct) => ({ title: construct.node.path, monitored: construct as IMonitored & IConstruct }));
    rows.forEach((row) => {
      this.addRow(row);
      this.shown.add(row.monitored);
    });
    const inRows = new Set(rows.flatMap((row) => row.monitored.alarms));
    const others = scopes.flatMap((s) => alarmsUnder(s)).filter((alarm) => !inRows.has(alarm));
    if (others.length > 0) this.addRow({ title: 'Other alarms', monitored: { alarms: others, keyMetrics: [] } });

    if (props.compositeAlarm) {
      const alarms = [...inRows, ...others];
      if (alarms.length === 0) throw invalidProp(this, 'compositeAlarm', 'needs at least one alarm under the scopes', true, 'OBS1');
      this.anythingFailingAlarm = this.anyOf('AnythingFailing', alarms);
      if (props.alarmTopic) this.anythingFailingAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
    }
    this.node.addValidation({ validate: () => this.missedConstructs(scopes) });
  }

  /**
   * Adds a row for anything with alarms and key metrics: a construct of your own that implements
   * `IMonitored`, or plain resources, e.g. `{ alarms: [myAlarm], keyMetrics: [{ label: 'Errors', metric }] }`.
   * @param title the row's title
   * @param monitored its alarms and key metrics
   */
  public addMonitored(title: string, monitored: IMonitored): void {
    this.addRow({ title, monitored });
  }

  private addRow(row: DashboardRow): void {
    const { graph, alarmStatusHeight } = DASHBOARD_LAYOUT;
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `### ${row.title}`, width: DASHBOARD_LAYOUT.width, height: 1 }));
    if (row.monitored.keyMetrics.length > 0) {
      this.dashboard.addWidgets(...row.monitored.keyMetrics.map(({ label, metric }) => new cloudwatch.GraphWidget({
        title: label, left: [metric], width: graph.width, height: graph.height,
      })));
    }
    if (row.monitored.alarms.length > 0) {
      this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({
        title: `Alarms of ${row.title}`, alarms: row.monitored.alarms, width: DASHBOARD_LAYOUT.width, height: alarmStatusHeight,
      }));
    }
  }

  /** The constructs of the library created after the dashboard: not on it. */
  private missedConstructs(scopes: IConstruct[]): string[] {
    return monitoredUnder(scopes).filter((construct) => !this.shown.has(construct))
      .map((construct) => `ServerlessDashboard ${this.node.path}: ${construct.node.path} was created after the dashboard and has no row (OBS1); create the dashboard last.`);
  }

  /**
   * ALARM when any of `alarms` is; above the 100 children of one composite alarm, composite
   * alarms of up to 100 each are combined (a tree, so no alarm is left out).
   */
  private anyOf(id: string, alarms: cloudwatch.IAlarm[]): cloudwatch.CompositeAlarm {
    let children = alarms;
    for (let level = 0; children.length > COMPOSITE_ALARM_MAX_CHILDREN; level++) {
      const groups = chunks(children, COMPOSITE_ALARM_MAX_CHILDREN);
      children = groups.map((group, i) => this.composite(`${id}Part${level}-${i}`, group, `part ${i + 1} of ${groups.length}`));
    }
    return this.composite(id, children, 'any alarm of the dashboard');
  }

  private composite(id: string, alarms: cloudwatch.IAlarm[], what: string): cloudwatch.CompositeAlarm {
    return new cloudwatch.CompositeAlarm(this, id, {
      alarmRule: cloudwatch.AlarmRule.anyOf(...alarms.map((alarm) => cloudwatch.AlarmRule.fromAlarm(alarm, cloudwatch.AlarmState.ALARM))),
      alarmDescription: `${this.node.path}: ${what} is in ALARM (OBS1).`,
    });
  }
}

/** Whether a construct exposes alarms and key metrics (a construct of the library, or one of yours). */
function isMonitored(construct: IConstruct): construct is IConstruct & IMonitored {
  const candidate = construct as Partial<IMonitored>;
  return 'keyMetrics' in construct && Array.isArray(candidate.keyMetrics) && Array.isArray(candidate.alarms);
}

/** The monitored constructs under the scopes that are not part of another one, by construct path. */
function monitoredUnder(scopes: IConstruct[]): Array<IConstruct & IMonitored> {
  const all = new Set(scopes.flatMap((scope) => scope.node.findAll()).filter(isMonitored));
  const outermost = [...all].filter((construct) => !construct.node.scopes.slice(0, -1).some((parent) => all.has(parent as IConstruct & IMonitored)));
  return outermost.sort((a, b) => a.node.path.localeCompare(b.node.path));
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
