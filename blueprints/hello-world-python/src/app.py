import json
import os

# Init code runs once per execution environment; the counter shows warm reuse.
invocations = 0


def lambda_handler(event, context):
    global invocations
    invocations += 1
    print(f"{os.environ['GREETING']} from {context.function_name}")
    return {
        "statusCode": 200,
        "body": json.dumps({"message": f"{os.environ['GREETING']} world", "invocations": invocations, "path": event.get("path")}),
    }
