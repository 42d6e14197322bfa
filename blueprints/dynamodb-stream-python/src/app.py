import json

# Reads one DynamoDB attribute value ({"S": "x"}, {"N": "1"}, {"BOOL": True}); for whole items use
# boto3.dynamodb.types.TypeDeserializer, which the Lambda runtime's boto3 includes.


def attr(value):
    if value is None:
        return None
    if "N" in value:
        return int(value["N"]) if value["N"].lstrip("-").isdigit() else float(value["N"])
    return value.get("S", value.get("BOOL"))


def describe(record):
    ddb = record["dynamodb"]
    image = ddb.get("NewImage") or ddb.get("OldImage") or {}
    return {"change": record["eventName"], "id": attr(ddb["Keys"]["Id"]), "message": attr(image.get("Message"))}


def lambda_handler(event, context):
    changes = []
    batch_item_failures = []
    for record in event["Records"]:
        try:
            changes.append(describe(record))
        except Exception as err:
            print(f"record {record.get('dynamodb', {}).get('SequenceNumber')} failed: {err}")
            # Streams retry from the first failure: report its sequence number (ReportBatchItemFailures).
            batch_item_failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
            break
    print(json.dumps(changes))
    return {"changes": changes, "batchItemFailures": batch_item_failures}
