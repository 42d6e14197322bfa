# Lambda Workbench in-environment Python runtime: the log-sync mark (see the Node runtime's logSync.ts). Before
# each call that ends a phase the runtime flushes the streams written since their last mark and writes the mark
# on them; the call's Lambda-Workbench-Log-Sync header tells the host which (1 stdout, 2 stderr), and the host
# holds END until it has read them, so every line lands in its own invocation. No output, no mark.
import os
import sys

PREFIX = "\0lambda-workbench-log-sync "
END = "\0"
HEADER = b"Lambda-Workbench-Log-Sync"

_written = 0


class _Tracked:
    """A stream that notes it was written to; everything else goes to the real one."""

    def __init__(self, stream, bit):
        object.__setattr__(self, "_stream", stream)
        object.__setattr__(self, "_bit", bit)

    def write(self, data):
        global _written
        _written |= self._bit
        return self._stream.write(data)

    def writelines(self, lines):
        global _written
        _written |= self._bit
        return self._stream.writelines(lines)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __setattr__(self, name, value):
        setattr(self._stream, name, value)


def track_stdio():
    if sys.stdout is not None and not isinstance(sys.stdout, _Tracked):
        sys.stdout = _Tracked(sys.stdout, 1)
    if sys.stderr is not None and not isinstance(sys.stderr, _Tracked):
        sys.stderr = _Tracked(sys.stderr, 2)


def sync_logs(mark_id):
    """Marks each stream written since its last mark; returns the bitmask of those, for HEADER."""
    global _written
    mask, _written = _written, 0
    if not mask:
        return 0
    mark = (PREFIX + mark_id + END + "\n").encode("utf-8")
    for bit, fd, stream in ((1, 1, sys.stdout), (2, 2, sys.stderr)):
        if not mask & bit:
            continue
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
        try:
            os.write(fd, mark)
        except OSError:
            pass
    return mask
