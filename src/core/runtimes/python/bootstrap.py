# Lambda Workbench, in-environment Python runtime (runs inside every python3.x execution environment).
# It loads the handler, then loops on the Lambda Runtime API (lambda-semantics.md §1), behaving like AWS's
# Python runtime interface client (awslambdaric): handler resolution and init errors (§3.5), the context
# object, JSON (un)marshalling, error payloads and Lambda's logging (§4.3, §4.4). Standard library only;
# must run unchanged on Python 3.9-3.13, so no `match` and no `X | Y` annotations.
import decimal
import importlib
import json
import logging
import math
import os
import site
import socket
import sys
import time
import traceback
from datetime import datetime, timezone

RUNTIME_PATH = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = b"Lambda-Runtime-Function-Error-Type"
XRAY_CAUSE_HEADER = b"Lambda-Runtime-Function-XRay-Error-Cause"
MAX_XRAY_CAUSE_BYTES = 1024 * 1024
ISO_SECONDS = "%Y-%m-%dT%H:%M:%S"
TEXT_RECORD_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
ERROR_LINE_SEPARATOR = "\r"
ERROR_INDENT = "\u00a0"  # the RIC re-indents traceback lines with NO-BREAK SPACE (§4.3)
UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare "
    "cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, "
    "runtime updates can be triggered by a function change, or can be applied automatically. To determine if the "
    "runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with "
    "a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


class FaultException(Exception):
    """A failure the runtime itself classifies, reported with a `Runtime.*` error type (§3.5)."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


# ---------------------------------------------------------------------------------------------------------------
# Handler resolution (§3.5): split on the last '.', '/' in the module part becomes '.', task root first on sys.path.


def build_sys_path(task_root, opt_dir):
    """Puts the task root, then the layer dirs, in front of sys.path, as Lambda's bootstrap does (§2.5 PYTHONPATH)."""
    site_packages = os.path.join(opt_dir, "python", "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
    front = [task_root, site_packages, os.path.join(opt_dir, "python")]
    sys.path[:0] = front
    for directory in front:
        site.addsitedir(directory)  # processes .pth files, as the managed runtime does


def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, e))
    try:
        # The RIC checks the first segment of the name as written (before '/' becomes '.').
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}".format(modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '{}': {}".format(modname, e), trace
        )
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(fname, modname))


# ---------------------------------------------------------------------------------------------------------------
# Error payloads (§3.5): {"errorMessage","errorType","requestId","stackTrace"}, our own frames cut off the top.


def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def user_frames(tb):
    """The traceback as (file, line, function, text) tuples, from the first frame that is not this file."""
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame[0].replace("\\", "/"):
            return frames[i:]
    return frames


def make_xray_cause(error_type, message, frames):
    return {
        "working_directory": os.getcwd(),
        "exceptions": [{"message": message, "type": error_type, "stack": [{"label": f[2], "path": f[0], "line": f[1]} for f in frames]}],
        "paths": list({f[0] for f in frames}),
    }


def error_from_exception(exc_info, request_id=None):
    """(error payload, X-Ray cause) for an exception raised by user code."""
    etype, value, tb = exc_info
    frames = user_frames(tb)
    error = make_error(str(value), etype.__name__, traceback.format_list(frames), request_id)
    return error, make_xray_cause(etype.__name__, str(value), frames)


# ---------------------------------------------------------------------------------------------------------------
# JSON (§3.5): json.loads for application/json events; results with ", " / ": " separators, Decimal as its exact
# number text (NaN for Decimal NaN), bytes passed through raw. The RIC uses simplejson; this is the stdlib twin.


class _DecimalSeen(Exception):
    pass


class _DecimalNumber(float):
    """Carries a Decimal's text through the pure-Python encoder, which prints it unchanged."""


def _raise_on_decimal(obj):
    if isinstance(obj, decimal.Decimal):
        raise _DecimalSeen()
    raise TypeError("Object of type {} is not JSON serializable".format(obj.__class__.__name__))


def _decimal_default(obj):
    if isinstance(obj, decimal.Decimal):
        if obj.is_nan():
            return math.nan
        number = _DecimalNumber(0.0)
        number.text = str(obj)
        return number
    raise TypeError("Object of type {} is not JSON serializable".format(obj.__class__.__name__))


def _float_text(value, _repr=float.__repr__, _inf=math.inf):
    if type(value) is _DecimalNumber:
        return value.text
    if value != value:
        return "NaN"
    if value == _inf:
        return "Infinity"
    if value == -_inf:
        return "-Infinity"
    return _repr(value)


class JsonCodec:
    def __init__(self, execution_env):
        # The RIC keeps non-ASCII characters unescaped only on python3.12 (lambda_runtime_marshaller.py).
        self.ensure_ascii = execution_env != "AWS_Lambda_python3.12"
        self._fast = json.JSONEncoder(ensure_ascii=self.ensure_ascii, default=_raise_on_decimal)

    def encode(self, obj):
        try:
            return self._fast.encode(obj)  # C encoder: the common case, no Decimal inside
        except _DecimalSeen:
            string_encoder = json.encoder.encode_basestring_ascii if self.ensure_ascii else json.encoder.encode_basestring
            iterencode = json.encoder._make_iterencode(
                {}, _decimal_default, string_encoder, None, _float_text, ": ", ", ", False, False, True
            )
            return "".join(iterencode(obj, 0))

    def unmarshal_event(self, body, content_type):
        if content_type != "application/json":
            return body
        try:
            return json.loads(body)
        except Exception as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e))

    def marshal_response(self, result):
        """(body bytes, content type) for a handler's return value."""
        if isinstance(result, bytes):
            return result, "application/unknown"
        try:
            return self.encode(result).encode("utf-8"), "application/json"
        except Exception as e:
            raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(e))


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


# ---------------------------------------------------------------------------------------------------------------
# The context object (§3.5).


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id={},cognito_identity_pool_id={}])".format(
            self.cognito_identity_id, self.cognito_identity_pool_id
        )


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]

    def __repr__(self):
        return "Client([{}])".format(",".join("{}={}".format(f, getattr(self, f)) for f in self.__slots__))


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={},env={},client={}])".format(self.custom, self.env, self.client)


def _object_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


def _parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, e))


W3C_FIELDS = ("traceparent", "tracestate", "baggage")


class LambdaContext(object):
    def __init__(self, invocation):
        self.aws_request_id = invocation.request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invocation.invoked_function_arn
        self.tenant_id = invocation.tenant_id
        client_context = None
        if invocation.client_context:
            client_context = _parse_json_header(invocation.client_context, "Client Context")
        cognito = None
        if invocation.cognito_identity:
            cognito = _parse_json_header(invocation.cognito_identity, "Cognito Identity")
        # The RIC strips `w3c` out of the client context and exposes its string fields through w3c().
        raw_w3c = client_context.pop("w3c", None) if isinstance(client_context, dict) else None
        self._w3c = {k: raw_w3c[k] for k in W3C_FIELDS if isinstance(raw_w3c, dict) and isinstance(raw_w3c.get(k), str)}
        self.client_context = _object_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from_dict(Client, self.client_context.client)
        self.identity = _object_from_dict(CognitoIdentity, {})
        if cognito is not None:
            self.identity.cognito_identity_id = cognito.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = invocation.deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def w3c(self):
        return dict(self._w3c)

    def log(self, msg):
        for handler in logging.getLogger().handlers:
            if hasattr(handler, "log_sink"):
                handler.log_sink.log(str(msg))
                return
        sys.stdout.write(str(msg))

    def __repr__(self):
        fields = ("aws_request_id", "log_group_name", "log_stream_name", "function_name", "memory_limit_in_mb",
                  "function_version", "invoked_function_arn", "client_context", "identity", "tenant_id")
        return "LambdaContext([{}])".format(",".join("{}={}".format(f, getattr(self, f)) for f in fields))


# ---------------------------------------------------------------------------------------------------------------
# Runtime API client (§1.1-§1.4): one persistent HTTP/1.1 connection, no timeout (the process may be frozen).
# A small hand-rolled client rather than http.client: its email-based header parsing costs ~100 µs per invoke,
# several times everything else a warm invoke does here.


class Invocation(object):
    __slots__ = ["request_id", "deadline_ms", "invoked_function_arn", "trace_id", "client_context",
                 "cognito_identity", "tenant_id", "content_type", "body"]


class RuntimeApiClient:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._address = (host.strip("[]"), int(port))
        self._host = address.encode("latin-1")
        self._sock = None
        self._reader = None

    def _close(self):
        if self._sock is not None:
            self._reader.close()
            self._sock.close()
        self._sock = self._reader = None

    def _exchange(self, method, path, body=None, headers=()):
        """Sends one request, returns (status, lower-cased headers, body bytes)."""
        if self._sock is None:
            self._sock = socket.create_connection(self._address)  # blocking, no timeout (§1.1)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._reader = self._sock.makefile("rb")
        head = [b"%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, path.encode("utf-8"), self._host)]
        for name, value in headers:
            head.append(b"%s: %s\r\n" % (name, value))
        if body is not None:
            head.append(b"Content-Length: %d\r\n" % len(body))
        head.append(b"\r\n")
        request = b"".join(head)
        if body is not None and len(body) < 65536:
            self._sock.sendall(request + body)
        else:
            self._sock.sendall(request)
            if body:
                self._sock.sendall(body)
        return self._read_response()

    def _read_response(self):
        reader = self._reader
        status_line = reader.readline(65536)
        if not status_line:
            self._close()
            raise ConnectionResetError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        headers = {}
        while True:
            line = reader.readline(65536)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            # UTF-8, as the RIC's native client reads them (http.client would use Latin-1).
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("utf-8", "replace")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(reader.readline(65536).split(b";", 1)[0], 16)
                if size == 0:
                    while reader.readline(65536) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(reader.read(size))
                reader.readline(65536)
            body = b"".join(chunks)
        elif "content-length" in headers:
            body = reader.read(int(headers["content-length"]))
        else:
            body = reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self._close()
        return status, headers, body

    def next(self):
        path = RUNTIME_PATH + "/invocation/next"
        try:
            status, h, body = self._exchange(b"GET", path)
        except (ConnectionError, ValueError, IndexError):
            # A keep-alive connection the server dropped while idle: reconnect once; `next` is safe to repeat.
            self._close()
            status, h, body = self._exchange(b"GET", path)
        if status != 200:
            raise RuntimeError("Failed to get next invocation: HTTP {} {!r}".format(status, body))
        inv = Invocation()
        inv.request_id = h.get("lambda-runtime-aws-request-id")
        inv.deadline_ms = int(h.get("lambda-runtime-deadline-ms") or 0)
        inv.invoked_function_arn = h.get("lambda-runtime-invoked-function-arn")
        # Empty values count as absent, as in the RIC's native client.
        inv.trace_id = h.get("lambda-runtime-trace-id") or None
        inv.client_context = h.get("lambda-runtime-client-context") or None
        inv.cognito_identity = h.get("lambda-runtime-cognito-identity") or None
        inv.tenant_id = h.get("lambda-runtime-aws-tenant-id") or None
        inv.content_type = h.get("content-type") or None
        inv.body = body
        return inv

    def _post(self, path, body, headers, failure):
        try:
            status = self._exchange(b"POST", path, body, headers)[0]
        except (OSError, ValueError, IndexError) as e:
            self._close()
            raise RuntimeError("{}: {}".format(failure, e))
        if not 200 <= status < 300:
            # Like the RIC's native client (e.g. 413 for an oversized response): the runtime stops here (§1.4).
            raise RuntimeError(failure)

    def post_response(self, request_id, body, content_type):
        self._post("{}/invocation/{}/response".format(RUNTIME_PATH, request_id), body,
                   ((b"Content-Type", content_type.encode("latin-1")),), "Failed to post invocation response")

    def post_error(self, request_id, error_json, error_type, xray_cause_json):
        headers = [(b"Content-Type", b"application/json"), (ERROR_TYPE_HEADER, error_type.encode("utf-8"))]
        cause = xray_cause_json.encode("utf-8")
        if len(cause) < MAX_XRAY_CAUSE_BYTES:
            headers.append((XRAY_CAUSE_HEADER, cause))
        self._post("{}/invocation/{}/error".format(RUNTIME_PATH, request_id), error_json.encode("utf-8"),
                   headers, "Failed to post invocation error")

    def post_init_error(self, error_json, error_type):
        headers = ((b"Content-Type", b"application/json"), (ERROR_TYPE_HEADER, error_type.encode("utf-8")))
        self._post(RUNTIME_PATH + "/init/error", error_json.encode("utf-8"), headers, "Failed to post init error")


# ---------------------------------------------------------------------------------------------------------------
# Debug mode: LAMBDA_WORKBENCH_DEBUGPY=host:port[:wait] starts debugpy before the handler module is imported.


def start_debugpy(spec, extra_path):
    """Listens with debugpy (and with ':wait' blocks until a client attaches) so handler import is debuggable."""
    host, port, wait = (spec.split(":") + [""])[:3]
    if extra_path:
        sys.path.append(extra_path)  # last, so the function's own packages win
    try:
        import debugpy
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Debugging needs debugpy, which {} cannot import ({}). Install it: pip install debugpy "
            "(or apt-get install python3-debugpy), or install the Python Debugger extension "
            "(ms-python.debugpy).".format(sys.executable, e),
        )
    finally:
        if extra_path and extra_path in sys.path:
            sys.path.remove(extra_path)
    debugpy.listen((host, int(port)))
    sys.stderr.write("Debugger listening on debugpy://{}:{}\n".format(host, port))
    sys.stderr.flush()
    if wait == "wait":
        debugpy.wait_for_client()


# ---------------------------------------------------------------------------------------------------------------
# The runtime: init, then the invoke loop (§1.7).


class Runtime:
    def __init__(self, env):
        self.env = env
        self.json_format = (env.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
        self.sink = StdoutLogSink()
        self.codec = JsonCodec(env.get("AWS_EXECUTION_ENV"))
        self.client = RuntimeApiClient(env["AWS_LAMBDA_RUNTIME_API"])
        self.handler = None

    def init(self):
        setup_logging(self.json_format, log_level_from_env(self.env.get("AWS_LAMBDA_LOG_LEVEL")), self.sink)
        try:
            if self.env.get("LAMBDA_WORKBENCH_DEBUGPY"):
                start_debugpy(self.env["LAMBDA_WORKBENCH_DEBUGPY"], self.env.get("LAMBDA_WORKBENCH_DEBUGPY_PATH"))
            build_sys_path(self.env["LAMBDA_TASK_ROOT"], self.env.get("LAMBDA_WORKBENCH_OPT_DIR") or "/opt")
            self.handler = load_handler(self.env["_HANDLER"])
        except Exception as e:
            if isinstance(e, FaultException):
                error = make_error(e.msg, e.exception_type, e.trace)
            else:
                error = error_from_exception(sys.exc_info())[0]
            logging.warning(UNHANDLED_EXCEPTION_WARNING)
            log_unhandled_error(error, self.json_format, self.sink, self.codec)
            self.client.post_init_error(self.codec.encode(error), error["errorType"])
            sys.exit(1)

    def invoke(self, inv):
        try:
            context = LambdaContext(inv)
            event = self.codec.unmarshal_event(inv.body, inv.content_type)
            result = self.handler(event, context)
            body, content_type = self.codec.marshal_response(result)
        except FaultException as e:
            error = make_error(e.msg, e.exception_type, e.trace, inv.request_id)
            cause = make_xray_cause("LambdaValidationError", e.msg, [])
        except Exception:
            error, cause = error_from_exception(sys.exc_info(), inv.request_id)
        else:
            self.client.post_response(inv.request_id, body, content_type)
            return
        log_unhandled_error(error, self.json_format, self.sink, self.codec)
        self.client.post_error(inv.request_id, self.codec.encode(error), error["errorType"], self.codec.encode(cause))

    def loop(self):
        environ = os.environ
        while True:
            inv = self.client.next()
            InvokeState.request_id = inv.request_id
            InvokeState.tenant_id = inv.tenant_id
            if inv.trace_id is not None:
                environ["_X_AMZN_TRACE_ID"] = inv.trace_id
            elif "_X_AMZN_TRACE_ID" in environ:
                del environ["_X_AMZN_TRACE_ID"]
            self.invoke(inv)


def main():
    runtime = Runtime(os.environ)
    runtime.init()
    runtime.loop()


if __name__ == "__main__":
    main()
