# SPDX-License-Identifier: MIT-0
"""The items table, shared by both functions. The client is made once per execution environment (init code)."""
import os

import boto3

_table = None


def table():
    """The DynamoDB table named by TABLE_NAME (boto3 as the Lambda runtime provides it)."""
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def response(status, body):
    """An HTTP API (payload format 2.0) response with a JSON body."""
    import json

    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
