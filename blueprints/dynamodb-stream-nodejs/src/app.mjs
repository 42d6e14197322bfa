// Reads one DynamoDB attribute value ({ S: "x" }, { N: "1" }, { BOOL: true }); for whole items use
// unmarshall() from '@aws-sdk/util-dynamodb', which the Lambda runtime includes.
const attr = (value) => (value === undefined ? undefined : value.S ?? (value.N !== undefined ? Number(value.N) : value.BOOL));

function describe(record) {
  const { Keys, NewImage, OldImage } = record.dynamodb;
  return { change: record.eventName, id: attr(Keys.Id), message: attr((NewImage ?? OldImage)?.Message) };
}

export const handler = async (event) => {
  const changes = [];
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      changes.push(describe(record));
    } catch (err) {
      console.error(`record ${record.dynamodb?.SequenceNumber} failed: ${err.message}`);
      // Streams retry from the first failure: report its sequence number (ReportBatchItemFailures).
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      break;
    }
  }
  console.log(JSON.stringify(changes));
  return { changes, batchItemFailures };
};
