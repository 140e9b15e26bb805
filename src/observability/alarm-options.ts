import * as sns from 'aws-cdk-lib/aws-sns';

/** Where a construct's alarms go (OBS1). The props of every construct of the library extend it. */
export interface AlarmOptions {
  /**
   * A topic that every alarm of the construct notifies (OBS1).
   * @default - alarms have no action
   */
  readonly alarmTopic?: sns.ITopic;
}
