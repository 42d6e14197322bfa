# SPDX-License-Identifier: MIT-0
"""Unit tests of both functions, with an in-memory table in place of DynamoDB: python -m unittest."""
import json
import unittest
from decimal import Decimal
from pathlib import Path

import get_item
import items_table
import put_item

EVENTS = Path(__file__).resolve().parent.parent / "events"


def event(name):
    return json.loads((EVENTS / name).read_text())


class FakeTable:
    """The two calls the functions make, over a dict (boto3's Table resource shapes)."""

    def __init__(self):
        self.items = {}

    def put_item(self, Item):
        assert all(not isinstance(v, float) for v in Item.values()), "boto3 refuses floats: use Decimal"
        self.items[Item["id"]] = dict(Item)

    def get_item(self, Key):
        item = self.items.get(Key["id"])
        return {"Item": dict(item)} if item else {}


class HandlersTest(unittest.TestCase):
    def setUp(self):
        self.table = FakeTable()
        items_table._table = self.table

    def tearDown(self):
        items_table._table = None

    def body(self, response):
        return json.loads(response["body"])

    def test_put_stores_the_item_with_a_decimal_price(self):
        response = put_item.handler(event("put-item.json"), None)
        self.assertEqual(response["statusCode"], 200)
        self.assertEqual(self.body(response), {"id": "42", "name": "widget", "price": 9.5})
        self.assertEqual(self.table.items["42"], {"id": "42", "name": "widget", "price": Decimal("9.5")})

    def test_put_without_a_name_is_a_400_and_stores_nothing(self):
        response = put_item.handler(event("put-item-no-name.json"), None)
        self.assertEqual((response["statusCode"], self.body(response)), (400, {"message": "name is required"}))
        self.assertEqual(self.table.items, {})

    def test_put_with_a_body_that_is_not_json_is_a_400(self):
        bad = {**event("put-item.json"), "body": "{not json"}
        self.assertEqual(self.body(put_item.handler(bad, None)), {"message": "Body is not valid JSON"})

    def test_get_returns_what_put_stored(self):
        put_item.handler(event("put-item.json"), None)
        response = get_item.handler(event("get-item.json"), None)
        self.assertEqual((response["statusCode"], self.body(response)), (200, {"id": "42", "name": "widget", "price": 9.5}))

    def test_get_of_a_missing_item_is_a_404(self):
        response = get_item.handler(event("get-missing-item.json"), None)
        self.assertEqual((response["statusCode"], self.body(response)), (404, {"message": "No item 404"}))


if __name__ == "__main__":
    unittest.main()
