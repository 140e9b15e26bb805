import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { SecureUserPool, StaticSite, UserIdentityPool } from '../src';
import { createAlarmTopic } from './topics';
import { tableThrottlesAlarm } from '../src/observability/dynamodb-alarms';

/** The item actions the browser runs on its own notes (DB7). */
const NOTE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];

/**
 * The web front end and per-user data (EV3, EV4, ID1–ID3, DB7): a static site (examples/site/)
 * behind CloudFront, one user pool, an identity pool whose signed-in users each read and write
 * only their own notes (the partition key holds their identity ID).
 */
export class WebIdentityStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    new StaticSite(this, 'Site', { sourcePath: path.join(__dirname, 'site'), singlePageApp: true });
    const users = new SecureUserPool(this, 'Users');
    const identities = new UserIdentityPool(this, 'Identities', { userPool: users.userPool, userPoolClient: users.client });

    const notes = new dynamodb.Table(this, 'Notes', {
      partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'noteId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
    });
    identities.grantOwnItems(notes, { actions: NOTE_ACTIONS });
    // Browsers call the table directly: a throttled request is a user's failed save (OBS1).
    tableThrottlesAlarm(this, 'NotesThrottlesAlarm', notes,
      [dynamodb.Operation.GET_ITEM, dynamodb.Operation.QUERY, dynamodb.Operation.PUT_ITEM, dynamodb.Operation.DELETE_ITEM], alarmTopic);
  }
}
