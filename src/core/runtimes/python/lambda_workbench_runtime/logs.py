# Lambda Workbench in-environment Python runtime: logging as the Python runtime does it (§4.3, §4.4): Text and JSON records, one event per record.
from datetime import datetime, timezone
import json
import logging
import sys
import time
import traceback
from ._common import ERROR_INDENT, ERROR_LINE_SEPARATOR, ISO_SECONDS, TEXT_RECORD_FORMAT


# ---------------------------------------------------------------------------------------------------------------
# Logging (§4.3, §4.4). Lambda reads each log call as one event; here stdout is split on '\n' by the host, so every
# event is written as one line with inner '\n' turned into '\r' (what the RIC's own error lines already do).


class InvokeState:
    """Request and tenant id of the invocation in progress, read by the log filter."""

    request_id = None
    tenant_id = None


class StdoutLogSink:
    def log(self, message):
        if message.endswith("\n"):
            message = message[:-1]
        sys.stdout.write(message.replace("\n", "\r") + "\n")

    def log_error(self, lines):
        self.log(ERROR_LINE_SEPARATOR.join(lines))


class LambdaLogHandler(logging.Handler):
    """The handler the RIC puts on the root logger; `log_sink` is what context.log() looks for."""

    def __init__(self, log_sink):
        super().__init__()
        self.log_sink = log_sink

    def emit(self, record):
        self.log_sink.log(self.format(record))


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = InvokeState.request_id or ""
        record.tenant_id = InvokeState.tenant_id
        return True


# LogRecord attributes that are not "extra" fields in JSON records (lambda_runtime_log_utils.py).
_RESERVED_RECORD_FIELDS = frozenset((
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
    "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
    "processName", "process", "aws_request_id", "tenant_id", "_frame_type",
))


class JsonLogFormatter(logging.Formatter):
    """{"timestamp","level","message","logger",["stackTrace","errorType","errorMessage"],"requestId",["location"]} + extras (§4.4)."""

    def __init__(self):
        super().__init__(datefmt=ISO_SECONDS)
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def formatTime(self, record, datefmt=None):
        return datetime.fromtimestamp(record.created, tz=timezone.utc).strftime(ISO_SECONDS + ".%f")[:-3] + "Z"

    def format(self, record):
        # Levels are rounded down to the standard ones, names as Python spells them (WARNING, CRITICAL).
        record.levelno = min(50, max(0, record.levelno)) // 10 * 10
        record.levelname = logging.getLevelName(record.levelno)
        exc = record.exc_info if record.exc_info and record.exc_info[0] is not None else None
        fields = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "{}:{}:{}".format(record.pathname, record.funcName, record.lineno) if exc else None,
        }
        if getattr(record, "tenant_id", None) is not None:
            fields["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in _RESERVED_RECORD_FIELDS and key not in fields:
                fields[key] = value
        return self._encode({k: v for k, v in fields.items() if v is not None}) + "\n"


def log_level_from_env(value):
    # TRACE maps to DEBUG; anything logging does not know leaves the root logger at Python's WARNING (§4.3).
    return {None: "", "TRACE": "DEBUG"}.get(value, value).upper()


def setup_logging(json_format, level, sink):
    logging.Formatter.converter = time.gmtime  # global, as in the RIC: user formatters print UTC too
    handler = LambdaLogHandler(sink)
    handler.setFormatter(JsonLogFormatter() if json_format else logging.Formatter(TEXT_RECORD_FORMAT, ISO_SECONDS))
    root = logging.getLogger()
    if level in logging._nameToLevel:
        root.setLevel(level)
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)


def log_unhandled_error(error, json_format, sink, codec):
    """The RIC's own line for an error it reports: `[ERROR] Type: msg\\rTraceback …` or a JSON record (§4.3, §4.4)."""
    if json_format:
        record = {"timestamp": time.strftime(ISO_SECONDS, time.gmtime()), "level": "ERROR"}
        record.update(error)
        sink.log_error([codec.encode(record)])
        return
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description]
    if error.get("stackTrace") is not None:
        lines.append("Traceback (most recent call last):")
        for element in error["stackTrace"]:
            if element == "":
                lines.append("")
                continue
            for line in element.splitlines():
                stripped = line.lstrip(" ")
                lines.append(ERROR_INDENT * (len(line) - len(stripped)) + stripped)
    sink.log_error(lines)
