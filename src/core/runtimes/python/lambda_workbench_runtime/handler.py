# Lambda Workbench in-environment Python runtime: handler resolution (§3.5) and sys.path as Lambda builds it (§2.5).
import importlib
import importlib.util
import os
import site
import sys
from ._common import FaultException


# ---------------------------------------------------------------------------------------------------------------
# Handler resolution (§3.5): split on the last '.', '/' in the module part becomes '.', task root first on sys.path.


def build_sys_path(task_root, opt_dir, sdk_path=None):
    """Puts the task root, then the layer dirs, in front of sys.path, as Lambda's bootstrap does (§2.5 PYTHONPATH).

    sdk_path (boto3 installed by the host) plays /var/runtime, which comes right after /opt/python in Lambda; it
    is added only when boto3 cannot be imported from the task root, the layers or the interpreter itself.
    """
    site_packages = os.path.join(opt_dir, "python", "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
    front = [task_root, site_packages, os.path.join(opt_dir, "python")]
    sys.path[:0] = front
    for directory in front:
        site.addsitedir(directory)  # processes .pth files, as the managed runtime does
    if sdk_path and importlib.util.find_spec("boto3") is None:
        sys.path.insert(sys.path.index(front[-1]) + 1, sdk_path)


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
