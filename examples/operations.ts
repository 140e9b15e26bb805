import { Stack } from 'aws-cdk-lib';
import { createAlarmTopic } from './topics';
import { AlarmRouting, LogEncryption, ServerlessDashboard } from '../src';

/**
 * OBS1, SEC1: operations for each stack of the reference app, added after its constructs: every
 * alarm of the stack notifies one on-call topic (AlarmRouting, besides the `alarmTopic` the
 * constructs were given), a dashboard shows a row per construct with a composite alarm "anything
 * failing", and every log group is encrypted with the stack's customer-managed key. Per stack, so
 * that no stack reads another's resources (cross-stack references would tie their deployments).
 */
export function addOperations(stacks: Stack[]): void {
  for (const stack of stacks) {
    const onCall = createAlarmTopic(stack, 'OnCall');
    AlarmRouting.toTopic(stack, onCall);
    LogEncryption.encryptLogGroups(stack);
    new ServerlessDashboard(stack, 'Dashboard', { compositeAlarm: true, alarmTopic: onCall });
  }
}
