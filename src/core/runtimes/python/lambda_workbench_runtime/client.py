# Lambda Workbench in-environment Python runtime: the Runtime API client (§1.2-§1.4): one keep-alive socket, a minimal HTTP/1.1 exchange.
import socket
from ._common import ERROR_TYPE_HEADER, MAX_XRAY_CAUSE_BYTES, RUNTIME_PATH, XRAY_CAUSE_HEADER
from .log_sync import HEADER as LOG_SYNC_HEADER


# ---------------------------------------------------------------------------------------------------------------
# Runtime API client (§1.1-§1.4): one persistent HTTP/1.1 connection, no timeout (the process may be frozen).
# A small hand-rolled client rather than http.client: its email-based header parsing costs ~100 µs per invoke,
# several times everything else a warm invoke does here.


class Invocation(object):
    __slots__ = ["request_id", "deadline_ms", "invoked_function_arn", "trace_id", "client_context",
                 "cognito_identity", "tenant_id", "content_type", "body"]


class RuntimeApiClient:
    def __init__(self, address, local_socket=None):
        # host:port, optionally followed by a path (the workbench's per-runtime secret) that every request goes below.
        host_port, slash, base = address.partition("/")
        host, _, port = host_port.rpartition(":")
        self._address = (host.strip("[]"), int(port))
        # "@name": the host's abstract Unix socket serving the same API without loopback TCP (Linux only).
        self._local = "\0" + local_socket[1:] if local_socket and local_socket.startswith("@") else None
        self._host = host_port.encode("latin-1")
        self._runtime = slash + base + RUNTIME_PATH
        self._sock = None
        self._reader = None
        # GET /next, written right behind an answer (pipelined): the loop's next step, in the same send.
        self._next_request = b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % ((self._runtime + "/invocation/next").encode("utf-8"), self._host)
        # True when that GET has been sent and its answer (the next event) is still to be read.
        self._next_sent = False
        # Set by the runtime before a call that ends a phase; cleared once a request has been answered.
        self.log_sync = None

    def _connect_local(self):
        """The abstract Unix socket, or None (then TCP). Node.js binds abstract names padded with NULs to the
        whole sun_path (108 bytes), so that form is tried first, then the exact name."""
        for name in (self._local.ljust(108, "\0"), self._local):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(name)  # blocking, no timeout (§1.1)
                return sock
            except OSError:
                sock.close()
        self._local = None
        return None

    def _close(self):
        self._next_sent = False
        if self._sock is not None:
            self._reader.close()
            self._sock.close()
        self._sock = self._reader = None

    def _exchange(self, method, path, body=None, headers=(), then_next=False):
        """Sends one request, returns (status, lower-cased headers, body bytes). `then_next`: GET /next leaves
        in the same send, and its answer is read by next() (the Runtime API serves them one after another)."""
        if self._sock is None:
            self._sock = self._connect_local() if self._local is not None else None
            if self._sock is None:
                self._sock = socket.create_connection(self._address)  # blocking, no timeout (§1.1)
                self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._reader = self._sock.makefile("rb")
        head = [b"%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, path.encode("utf-8"), self._host)]
        if self.log_sync is not None:
            # Which streams carry the log-sync mark for this call (log_sync.py); also on a retried request.
            headers = tuple(headers) + ((LOG_SYNC_HEADER, b"%d" % self.log_sync),)
        for name, value in headers:
            head.append(b"%s: %s\r\n" % (name, value))
        if body is not None:
            head.append(b"Content-Length: %d\r\n" % len(body))
        head.append(b"\r\n")
        request = b"".join(head)
        after = self._next_request if then_next else b""
        if body is not None and len(body) < 65536:
            self._sock.sendall(request + body + after)
        else:
            self._sock.sendall(request)
            if body:
                self._sock.sendall(body)
            if after:
                self._sock.sendall(after)
        self._next_sent = then_next
        return self._read_response()

    def _read_response(self):
        reader = self._reader
        status_line = reader.readline(65536)
        if not status_line:
            self._close()
            raise ConnectionResetError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        headers = {}
        while True:
            line = reader.readline(65536)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            # UTF-8, as the RIC's native client reads them (http.client would use Latin-1).
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("utf-8", "replace")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(reader.readline(65536).split(b";", 1)[0], 16)
                if size == 0:
                    while reader.readline(65536) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(reader.read(size))
                reader.readline(65536)
            body = b"".join(chunks)
        elif "content-length" in headers:
            body = reader.read(int(headers["content-length"]))
        else:
            body = reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self._close()
        self.log_sync = None
        return status, headers, body

    def next(self):
        path = self._runtime + "/invocation/next"
        try:
            if self._next_sent:
                self._next_sent = False
                status, h, body = self._read_response()
            else:
                status, h, body = self._exchange(b"GET", path)
        except (ConnectionError, ValueError, IndexError):
            # A keep-alive connection the server dropped while idle: reconnect once; `next` is safe to repeat.
            self._close()
            status, h, body = self._exchange(b"GET", path)
        if status != 200:
            raise RuntimeError("Failed to get next invocation: HTTP {} {!r}".format(status, body))
        inv = Invocation()
        inv.request_id = h.get("lambda-runtime-aws-request-id")
        inv.deadline_ms = int(h.get("lambda-runtime-deadline-ms") or 0)
        inv.invoked_function_arn = h.get("lambda-runtime-invoked-function-arn")
        # Empty values count as absent, as in the RIC's native client.
        inv.trace_id = h.get("lambda-runtime-trace-id") or None
        inv.client_context = h.get("lambda-runtime-client-context") or None
        inv.cognito_identity = h.get("lambda-runtime-cognito-identity") or None
        inv.tenant_id = h.get("lambda-runtime-aws-tenant-id") or None
        inv.content_type = h.get("content-type") or None
        inv.body = body
        return inv

    def _post(self, path, body, headers, failure, then_next=False):
        try:
            status = self._exchange(b"POST", path, body, headers, then_next)[0]
        except (OSError, ValueError, IndexError) as e:
            self._next_sent = False
            self._close()
            raise RuntimeError("{}: {}".format(failure, e))
        if not 200 <= status < 300:
            # Like the RIC's native client (e.g. 413 for an oversized response): the runtime stops here (§1.4).
            raise RuntimeError(failure)

    def post_response(self, request_id, body, content_type):
        self._post("{}/invocation/{}/response".format(self._runtime, request_id), body,
                   ((b"Content-Type", content_type.encode("latin-1")),), "Failed to post invocation response", True)

    def post_error(self, request_id, error_json, error_type, xray_cause_json):
        headers = [(b"Content-Type", b"application/json"), (ERROR_TYPE_HEADER, error_type.encode("utf-8"))]
        cause = xray_cause_json.encode("utf-8")
        if len(cause) < MAX_XRAY_CAUSE_BYTES:
            headers.append((XRAY_CAUSE_HEADER, cause))
        self._post("{}/invocation/{}/error".format(self._runtime, request_id), error_json.encode("utf-8"),
                   headers, "Failed to post invocation error", True)

    def post_init_error(self, error_json, error_type):
        headers = ((b"Content-Type", b"application/json"), (ERROR_TYPE_HEADER, error_type.encode("utf-8")))
        self._post(self._runtime + "/init/error", error_json.encode("utf-8"), headers, "Failed to post init error")
