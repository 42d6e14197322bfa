# Shared code, packaged as a layer: functions list the layer and import shared_format.
import re


def format_greeting(name):
    tidy = re.sub(r"\s+", " ", name.strip())
    return f"Hello, {tidy}!"
