import base64
import json

# Items live in memory (per execution environment); use a DynamoDB table for data that must last.
items = {"1": {"id": "1", "name": "widget"}}


def response(status_code, body):
    return {"statusCode": status_code, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def read_body(event):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    return json.loads(body) if body else {}


def list_items(event):
    return response(200, {"items": list(items.values())})


def get_item(event):
    item_id = event["pathParameters"]["id"]
    item = items.get(item_id)
    return response(200, item) if item else response(404, {"message": f"No item {item_id}"})


def create_item(event):
    name = read_body(event).get("name")
    if not isinstance(name, str) or not name:
        return response(400, {"message": "name is required"})
    item = {"id": str(len(items) + 1), "name": name}
    items[item["id"]] = item
    return response(201, item)


# One row per route: the key is the route key API Gateway puts in event["routeKey"].
ROUTES = {
    "GET /items": list_items,
    "GET /items/{id}": get_item,
    "POST /items": create_item,
}


def lambda_handler(event, context):
    route = ROUTES.get(event.get("routeKey"))
    if route is None:
        return response(404, {"message": f"No route {event.get('routeKey')}"})
    try:
        return route(event)
    except json.JSONDecodeError:
        return response(400, {"message": "Body is not valid JSON"})
