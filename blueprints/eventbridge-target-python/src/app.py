# The target of a rule that matches "Order Placed" events from com.example.orders (see EventPattern).
# A raised error makes EventBridge retry the event (asynchronous invoke), then drop it or send it to a DLQ.


class InvalidOrderError(Exception):
    pass


def lambda_handler(event, context):
    detail = event["detail"]
    if not isinstance(detail.get("total"), (int, float)):
        raise InvalidOrderError(f"Order {detail.get('orderId')} has no total")
    print(f"{event['detail-type']} {detail['orderId']}: {detail['total']} {detail.get('currency')}")
    return {"orderId": detail["orderId"], "total": detail["total"], "currency": detail.get("currency"), "receivedAt": event["time"]}
