import base64
import json

# Kinesis delivers each record's data base64-encoded. A failed record is reported by sequence number
# (ReportBatchItemFailures): the stream retries from it, so processing stops at the first failure.


def parse_reading(record):
    reading = json.loads(base64.b64decode(record["kinesis"]["data"]).decode("utf-8"))
    if not isinstance(reading.get("celsius"), (int, float)):
        raise ValueError(f"celsius is {json.dumps(reading.get('celsius'))}, not a number")
    return reading


def lambda_handler(event, context):
    readings = []
    for record in event["Records"]:
        try:
            readings.append(parse_reading(record))
        except Exception as err:
            sequence_number = record["kinesis"]["sequenceNumber"]
            print(f"record {sequence_number} failed: {err}")
            return {"readings": readings, "batchItemFailures": [{"itemIdentifier": sequence_number}]}
    return {"readings": readings, "batchItemFailures": []}
