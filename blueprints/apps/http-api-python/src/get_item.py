# SPDX-License-Identifier: MIT-0
"""GET /items/{id}: the item, or 404."""
from items_table import response, table


def handler(event, context):
    item_id = event["pathParameters"]["id"]
    item = table().get_item(Key={"id": item_id}).get("Item")
    if item is None:
        return response(404, {"message": f"No item {item_id}"})
    return response(200, item)
