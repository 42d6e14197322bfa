# Lambda Workbench, in-environment Python runtime (runs inside every python3.x execution environment).
# It loads the handler, then loops on the Lambda Runtime API (lambda-semantics.md §1), behaving like AWS's
# Python runtime interface client (awslambdaric): handler resolution and init errors (§3.5), the context
# object, JSON (un)marshalling, error payloads and Lambda's logging (§4.3, §4.4). Standard library only;
# must run unchanged on Python 3.9-3.13, so no `match` and no `X | Y` annotations.
# The modules live in lambda_workbench_runtime/ next to this file (the script's folder is on sys.path).
import os

from lambda_workbench_runtime.runtime import Runtime


def main():
    runtime = Runtime(os.environ)
    runtime.init()
    runtime.loop()


if __name__ == "__main__":
    main()
