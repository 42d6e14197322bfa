# The layer's code is under /opt/python, which is on sys.path: import it by name.
from shared_format import format_greeting


def lambda_handler(event, context):
    return {"message": format_greeting(event.get("name", "world"))}
