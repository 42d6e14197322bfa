# Debug fixture (Python): line 7 (`return ...`) is the known breakpoint line; `total` is 42 for {"value": 21}.
import json


def lambda_handler(event, context):
    total = event.get("value", 21) * 2
    return {"total": total, "body": json.dumps(event)}
