// Integration-test consumer for SQS and DynamoDB stream batches: writes one projection item per
// record into PROJECTION_TABLE (keyed, so a redelivered record writes the same item again) and
// reports failures per record (ReportBatchItemFailures).
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const client = new DynamoDBClient({});

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const id = record.messageId
      ? JSON.parse(record.body).id
      : record.dynamodb && record.dynamodb.NewImage && record.dynamodb.NewImage.pk && record.dynamodb.NewImage.pk.S;
    try {
      if (!id) throw new Error('record without id');
      await client.send(new PutItemCommand({
        TableName: process.env.PROJECTION_TABLE,
        Item: { pk: { S: id }, source: { S: record.eventSource } },
      }));
    } catch (error) {
      batchItemFailures.push({ itemIdentifier: record.messageId ?? record.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
};
