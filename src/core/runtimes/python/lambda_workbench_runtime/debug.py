# Lambda Workbench in-environment Python runtime: debug mode: starts debugpy before the handler module is imported.
import sys
from ._common import FaultException


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
