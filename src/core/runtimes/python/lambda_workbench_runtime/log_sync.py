# Lambda Workbench in-environment Python runtime: the log-sync mark (see the Node runtime's logSync.ts). Before
# each call that ends a phase the runtime flushes its streams and writes the mark on both; the host holds END
# until it has read it, so every line lands in its own invocation.
import os
import sys

PREFIX = "\0lambda-workbench-log-sync "
END = "\0"


def sync_logs(mark_id):
    mark = (PREFIX + mark_id + END + "\n").encode("utf-8")
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
        try:
            os.write(fd, mark)
        except OSError:
            pass
