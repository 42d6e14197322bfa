import json

# Reports the messages that failed (ReportBatchItemFailures): only those return to the queue, the rest are deleted.


class InvalidOrderError(Exception):
    pass


def process_order(record):
    try:
        order = json.loads(record["body"])
    except json.JSONDecodeError as err:
        raise InvalidOrderError("body is not JSON") from err
    if not order.get("orderId"):
        raise InvalidOrderError("orderId is missing")
    print(f"order {order['orderId']}: {order.get('quantity', 1)} item(s)")


def lambda_handler(event, context):
    batch_item_failures = []
    for record in event["Records"]:
        try:
            process_order(record)
        except Exception as err:
            print(f"message {record['messageId']} failed: {err}")
            batch_item_failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": batch_item_failures}
