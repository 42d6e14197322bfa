# Lambda Workbench in-environment Python runtime: the runtime: init, then the invoke loop (§1.7).
import logging
import os
import sys
from ._common import FaultException, UNHANDLED_EXCEPTION_WARNING
from .client import RuntimeApiClient
from .context import LambdaContext
from .debug import start_debugpy
from .errors import error_from_exception, make_error, make_xray_cause
from .handler import build_sys_path, load_handler
from .json_codec import JsonCodec
from .log_sync import sync_logs, track_stdio
from .logs import InvokeState, StdoutLogSink, log_level_from_env, log_unhandled_error, setup_logging


# ---------------------------------------------------------------------------------------------------------------
# The runtime: init, then the invoke loop (§1.7).


class Runtime:
    def __init__(self, env):
        self.env = env
        self.json_format = (env.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
        self.sink = StdoutLogSink()
        self.codec = JsonCodec(env.get("AWS_EXECUTION_ENV"))
        # Not a Lambda variable (the host's local channel to the same API): removed before user code runs.
        self.client = RuntimeApiClient(env["AWS_LAMBDA_RUNTIME_API"], env.pop("LAMBDA_WORKBENCH_RUNTIME_SOCKET", None))
        self.handler = None

    def init(self):
        track_stdio()
        setup_logging(self.json_format, log_level_from_env(self.env.get("AWS_LAMBDA_LOG_LEVEL")), self.sink)
        try:
            if self.env.get("LAMBDA_WORKBENCH_DEBUGPY"):
                start_debugpy(self.env["LAMBDA_WORKBENCH_DEBUGPY"], self.env.get("LAMBDA_WORKBENCH_DEBUGPY_PATH"))
            # The runtime's boto3, when the host installed one (not a Lambda variable: removed before user code runs).
            sdk_path = self.env.pop("LAMBDA_WORKBENCH_RUNTIME_SDK_PYTHON_PATH", None)
            build_sys_path(self.env["LAMBDA_TASK_ROOT"], self.env.get("LAMBDA_WORKBENCH_OPT_DIR") or "/opt", sdk_path)
            self.handler = load_handler(self.env["_HANDLER"])
        except Exception as e:
            if isinstance(e, FaultException):
                error = make_error(e.msg, e.exception_type, e.trace)
            else:
                error = error_from_exception(sys.exc_info())[0]
            logging.warning(UNHANDLED_EXCEPTION_WARNING)
            log_unhandled_error(error, self.json_format, self.sink, self.codec)
            self.client.log_sync = sync_logs("init")
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
            self.client.log_sync = sync_logs(inv.request_id)
            self.client.post_response(inv.request_id, body, content_type)
            return
        log_unhandled_error(error, self.json_format, self.sink, self.codec)
        self.client.log_sync = sync_logs(inv.request_id)
        self.client.post_error(inv.request_id, self.codec.encode(error), error["errorType"], self.codec.encode(cause))

    def loop(self):
        environ = os.environ
        self.client.log_sync = sync_logs("init")
        while True:
            inv = self.client.next()
            InvokeState.request_id = inv.request_id
            InvokeState.tenant_id = inv.tenant_id
            if inv.trace_id is not None:
                environ["_X_AMZN_TRACE_ID"] = inv.trace_id
            elif "_X_AMZN_TRACE_ID" in environ:
                del environ["_X_AMZN_TRACE_ID"]
            self.invoke(inv)
