# SPDX-License-Identifier: MIT-0
"""What both functions share: the items table and the JSON response. Made once per execution environment."""
import json
import os
from decimal import Decimal

import boto3

_table = None


def table():
    """The DynamoDB table named by TABLE_NAME (boto3 as the Lambda runtime provides it)."""
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def response(status, body):
    """An HTTP API (payload format 2.0) response with a JSON body; DynamoDB's Decimals become JSON numbers."""
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body, default=_number)}
