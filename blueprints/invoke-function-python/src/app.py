import json
import os

import boto3

# Calls PricingFunction through boto3, which the Lambda runtime provides (no need to package it). The client
# is created once per execution environment and reused by warm invokes.
lambda_client = boto3.client("lambda")


def lambda_handler(event, context):
    response = lambda_client.invoke(
        FunctionName=os.environ["PRICING_FUNCTION"],
        Payload=json.dumps({"items": event.get("items", [])}),
    )
    result = json.loads(response["Payload"].read())
    # A function error is still a 200 response: FunctionError says the payload is an error.
    if "FunctionError" in response:
        raise RuntimeError(f"Pricing failed: {result.get('errorMessage')}")
    return {"cartId": event.get("cartId"), **result}
