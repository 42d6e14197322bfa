# Lambda Workbench in-environment Python runtime: constants shared by the runtime modules, and FaultException: failures the runtime classifies (§3.5).


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
