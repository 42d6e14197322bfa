import json

# API Gateway validates the body against the Order model before the function runs (ValidateBody), so
# the checks here only guard direct invokes and tests; keep them in step with the model in template.yaml.


def response(status_code, body):
    return {"statusCode": status_code, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def validate(order):
    errors = []
    if not isinstance(order.get("product"), str) or not order["product"]:
        errors.append("product is required")
    quantity = order.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors.append("quantity must be an integer of at least 1")
    return errors


def lambda_handler(event, context):
    try:
        order = json.loads(event.get("body") or "")
    except json.JSONDecodeError:
        return response(400, {"message": "Invalid request body"})
    errors = validate(order)
    if errors:
        return response(400, {"message": "Invalid request body", "errors": errors})
    # Store the order here (DynamoDB put_item, ...) and return the id it got.
    return response(201, {"orderId": "order-1", "product": order["product"], "quantity": order["quantity"]})
