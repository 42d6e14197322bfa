# Lambda Workbench in-environment Python runtime: handler resolution (§3.5) and sys.path as Lambda builds it (§2.5).
import importlib
import os
import site
import sys
from ._common import FaultException


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
