import { Aspects, IAspect } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';

/**
 * OBS1: one place that sends every alarm of a scope (an app, a stack, a construct) to one action,
 * instead of an `alarmTopic` on each construct. An Aspect: alarms created after the call, the
 * library's and your own, are routed too. An alarm that already notifies the same target is left as it is.
 */
export class AlarmRouting implements IAspect {
  /** Sends every alarm and composite alarm under `scope` to `topic`. */
  public static toTopic(scope: IConstruct, topic: sns.ITopic): void {
    AlarmRouting.toAction(scope, new actions.SnsAction(topic));
  }

  /** Sends every alarm and composite alarm under `scope` to `action` (SNS, Lambda, Systems Manager, ...). */
  public static toAction(scope: IConstruct, action: cloudwatch.IAlarmAction): void {
    Aspects.of(scope).add(new AlarmRouting(action));
  }

  private constructor(private readonly action: cloudwatch.IAlarmAction) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof cloudwatch.Alarm || node instanceof cloudwatch.CompositeAlarm)) return;
    const target = this.action.bind(node, node).alarmActionArn;
    // AlarmBase keeps its actions in a private list; reading it avoids notifying a topic twice
    // when a construct got the same `alarmTopic` already.
    const existing = (node as unknown as { alarmActionArns?: string[] }).alarmActionArns ?? [];
    if (!existing.includes(target)) node.addAlarmAction(this.action);
  }
}
