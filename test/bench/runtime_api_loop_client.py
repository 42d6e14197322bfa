# Benchmark floor, child side (started by runtimeApiLoop.ts): a minimal Python Runtime API client on one
# raw keep-alive socket, stdlib only. Per event: GET /next, POST a constant response, read the 202, and
# again. No bootstrap, no handler, no logging: only the wire cycle our Python runtime does per warm invoke.
import os
import socket
import sys

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
HOST, PORT = API.rsplit(":", 1)
NEXT = ("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n" % API).encode("latin-1")
RESULT = b'{"ok":true}'

sock = socket.create_connection((HOST, int(PORT)))
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
buf = b""


def fail(message):
    sys.stderr.write("runtime_api_loop_client.py: %s\n" % message)
    sys.exit(1)


def read_response():
    """Status line and lower-cased headers of the next response on the socket (its body is skipped)."""
    global buf
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            lines = buf[:end].decode("latin-1").split("\r\n")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            total = end + 4 + int(headers.get("content-length", "0"))
            while len(buf) < total:
                chunk = sock.recv(65536)
                if not chunk:
                    sys.exit(0)
                buf += chunk
            buf = buf[total:]
            return lines[0], headers
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit(0)
        buf += chunk


while True:
    sock.sendall(NEXT)
    status, headers = read_response()
    if not status.startswith("HTTP/1.1 200"):
        fail("/next answered " + status)
    request_id = headers.get("lambda-runtime-aws-request-id")
    if not request_id:
        fail("/next answered without Lambda-Runtime-Aws-Request-Id")
    sock.sendall(
        (
            "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (request_id, API, len(RESULT))
        ).encode("latin-1")
        + RESULT
    )
    status, _ = read_response()
    if not status.startswith("HTTP/1.1 202"):
        fail("/response answered " + status)
