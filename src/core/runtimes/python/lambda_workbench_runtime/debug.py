# Lambda Workbench in-environment Python runtime: debug mode: starts debugpy before the handler module is imported.
import json
import os
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
    _report_pauses(os.environ.get("AWS_LAMBDA_RUNTIME_API"))
    sys.stderr.write("Debugger listening on debugpy://{}:{}\n".format(host, port))
    sys.stderr.flush()
    if wait == "wait":
        debugpy.wait_for_client()


def _report_pauses(runtime_api):
    """Tells the host when the debugger suspends and resumes the function, so it can hold the timeout meanwhile.

    pydevd (inside debugpy) suspends a thread in PyDB.do_wait_suspend; wrapping it is the one place that sees
    both edges. If that internal ever moves, debugging still works and the host keeps the timeout off instead.
    """
    try:
        import pydevd  # importable once debugpy is (it vendors pydevd)
        original = pydevd.PyDB.do_wait_suspend
    except Exception:
        return
    host_port, slash, base = (runtime_api or "").partition("/")
    host, _, port = host_port.rpartition(":")
    path = slash + base + "/2018-06-01/workbench/debugger"  # below the address's path (its secret), like the API

    def notify(paused):
        _post(host, port, path, {"paused": paused})

    def do_wait_suspend(self, *args, **kwargs):
        notify(True)
        try:
            return original(self, *args, **kwargs)
        finally:
            notify(False)

    pydevd.PyDB.do_wait_suspend = do_wait_suspend
    _post(host, port, path, {"reporting": True})


def _post(host, port, path, state):
    """POSTs a debugger state to the host's (non-Lambda) /2018-06-01/workbench/debugger endpoint."""
    import http.client

    try:
        conn = http.client.HTTPConnection(host, int(port), timeout=2)
        conn.request("POST", path, json.dumps(state), {"Content-Type": "application/json"})
        conn.getresponse().read()
        conn.close()
    except Exception:
        pass
