# SPDX-License-Identifier: MIT-0
"""PUT /items/{id} with {"name": ..., "price": ...}: stores the item (creating or replacing it) and returns it."""
import json
from decimal import Decimal

from items_table import response, table


def handler(event, context):
    item_id = event["pathParameters"]["id"]
    try:
        # DynamoDB numbers are Decimals; boto3 refuses floats.
        body = json.loads(event.get("body") or "{}", parse_float=Decimal)
    except json.JSONDecodeError:
        return response(400, {"message": "Body is not valid JSON"})
    name = body.get("name")
    if not isinstance(name, str) or not name:
        return response(400, {"message": "name is required"})
    item = {"id": item_id, "name": name}
    if "price" in body:
        price = body["price"]
        if isinstance(price, bool) or not isinstance(price, (int, Decimal)):
            return response(400, {"message": "price must be a number"})
        item["price"] = Decimal(price)
    table().put_item(Item=item)
    return response(200, item)
