# Lambda Workbench in-environment Python runtime: error payloads (§3.5) and X-Ray causes, with the runtime's own frames cut off.
import os
import traceback


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
    """The traceback as (file, line, function, text) tuples, from the first frame that is not the runtime's."""
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        path = frame[0].replace("\\", "/")
        if "/bootstrap.py" not in path and "/lambda_workbench_runtime/" not in path:
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
