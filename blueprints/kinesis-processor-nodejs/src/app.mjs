// Kinesis delivers each record's data base64-encoded. A failed record is reported by sequence number
// (ReportBatchItemFailures): the stream retries from it, so processing stops at the first failure.
function parseReading(record) {
  const reading = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
  if (typeof reading.celsius !== 'number') throw new Error(`celsius is ${JSON.stringify(reading.celsius)}, not a number`);
  return reading;
}

export const handler = async (event) => {
  const readings = [];
  for (const record of event.Records) {
    try {
      readings.push(parseReading(record));
    } catch (err) {
      console.error(`record ${record.kinesis.sequenceNumber} failed: ${err.message}`);
      return { readings, batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] };
    }
  }
  return { readings, batchItemFailures: [] };
};
