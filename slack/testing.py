"""A fake Slack Web API server on loopback for tests.

``FakeSlackServer`` answers ``/api/rtm.connect`` the way slack.com does, serves
queued replies first (errors, rate limits, delays, dropped connections, raw
bytes), and records every request it receives, including which keep-alive
connection it came on.
"""

import copy
import http.server
import json
import secrets
import socket
import socketserver
import ssl
import sys
import threading
import time
import typing
import urllib.parse
from collections import deque
from dataclasses import dataclass
from types import TracebackType

__all__ = ["FakeSlackServer", "RecordedRequest"]

_JSON_CONTENT_TYPE = "application/json; charset=utf-8"
_Self = typing.TypeVar("_Self", bound="FakeSlackServer")


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake server received it."""

    method: str
    path: str
    query: typing.Dict[str, str]
    raw_query: str
    headers: typing.Dict[str, str]
    connection: int
    body: bytes = b""


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: typing.Dict[str, str]
    body: bytes
    delay: float = 0.0
    drop: bool = False


def _json_reply(status: int, body: typing.Mapping[str, typing.Any], **headers: str) -> _Reply:
    return _Reply(status, {"Content-Type": _JSON_CONTENT_TYPE, **headers}, json.dumps(body).encode())


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: "FakeSlackServer"

    def __init__(self, host: str) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn), which can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: typing.Any, client_address: typing.Any) -> None:
        # Clients hanging up or failing the TLS handshake is normal in tests; keep stderr clean.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, each keep-alive
    # reply would wait for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            # The listening socket defers the handshake so a slow client cannot block accept().
            self.request.do_handshake()
        super().setup()
        self.fake = typing.cast(_HTTPServer, self.server).fake
        self.connection_id = self.fake._open_connection(self.request)

    def finish(self) -> None:
        self.fake._close_connection(self.request)
        super().finish()

    def log_message(self, format: str, *args: typing.Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: typing.List[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if not size:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size + 2)[:size])  # each chunk ends with CRLF
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        body = self._read_body()
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            query.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        recorded = RecordedRequest(
            method=self.command,
            path=url.path,
            query=query,
            raw_query=url.query,
            headers={name.lower(): value for name, value in self.headers.items()},
            connection=self.connection_id,
            body=body,
        )
        self._send(self.fake._record(recorded))

    def _send(self, reply: _Reply) -> None:
        if reply.delay > 0:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            self.request.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(reply.status)
        present = {name.lower() for name in reply.headers}
        for name, value in reply.headers.items():
            self.send_header(name, value)  # also sets close_connection on "Connection: close"
        if "content-length" not in present:
            self.send_header("Content-Length", str(len(reply.body)))
        if "x-slack-req-id" not in present:
            self.send_header("x-slack-req-id", secrets.token_hex(16))
        self.end_headers()
        self.wfile.write(reply.body)


class FakeSlackServer:
    """A threaded HTTP(S) server on loopback that imitates https://slack.com/api.

    Use it as a context manager and point ``Configuration.host`` at ``.host``.
    Queued replies are served first-in first-out; with the queue empty the
    server answers like Slack. The websocket URL in the default success body is
    random per server, so ``ok_body()`` can be compared with what a client got.
    """

    def __init__(self, *, ssl_context: typing.Optional[ssl.SSLContext] = None, host: str = "127.0.0.1") -> None:
        self._lock = threading.Lock()
        self._replies: typing.Deque[_Reply] = deque()
        self._requests: typing.List[RecordedRequest] = []
        self._open_sockets: typing.Set[socket.socket] = set()
        self._connection_count = 0
        self._thread: typing.Optional[threading.Thread] = None
        self._scheme = "https" if ssl_context is not None else "http"
        self._websocket_url = "wss://wss-primary.slack.com/websocket/" + secrets.token_hex(24)
        self._httpd = _HTTPServer(host)
        self._httpd.fake = self
        if ssl_context is not None:
            self._httpd.socket = ssl_context.wrap_socket(
                self._httpd.socket, server_side=True, do_handshake_on_connect=False
            )
        self._host_name = f"[{host}]" if ":" in host else host

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        """Base URL for ``Configuration.host``, e.g. ``http://127.0.0.1:54321/api``."""
        return f"{self._scheme}://{self._host_name}:{self.port}/api"

    @property
    def requests(self) -> typing.List[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def connections(self) -> int:
        """Number of TCP connections accepted so far."""
        with self._lock:
            return self._connection_count

    def ok_body(self, /, **overrides: typing.Any) -> typing.Dict[str, typing.Any]:
        """The ``rtm.connect`` success body this server sends, with top-level keys overridden.

        ``self`` is positional-only, so that the body's ``self`` key can be overridden too.
        """
        body: typing.Dict[str, typing.Any] = {
            "ok": True,
            "url": self._websocket_url,
            "team": {"id": "T0FAKE0001", "name": "Fake Slack", "domain": "fake-slack"},
            "self": {"id": "U0FAKE0001", "name": "fake-bot"},
        }
        body.update(copy.deepcopy(overrides))
        return body

    def queue_ok(self, /, **overrides: typing.Any) -> None:
        self._queue(_json_reply(200, self.ok_body(**overrides)))

    def queue_error(self, code: str, status: int = 200, **extra: typing.Any) -> None:
        self._queue(_json_reply(status, {"ok": False, "error": code, **extra}))

    def queue_rate_limited(self, retry_after: typing.Union[float, str]) -> None:
        self._queue(_json_reply(429, {"ok": False, "error": "ratelimited"}, **{"Retry-After": str(retry_after)}))

    def queue_reply(
        self,
        status: int = 200,
        headers: typing.Optional[typing.Mapping[str, str]] = None,
        body: typing.Union[bytes, str, typing.Mapping[str, typing.Any], typing.List[typing.Any], None] = b"",
        *,
        delay: float = 0.0,
        drop: bool = False,
    ) -> None:
        """Queue any reply: ``bytes`` go out as-is, ``str`` as UTF-8, mappings and lists as JSON.

        ``headers`` replaces the default JSON content type; ``Content-Length`` and
        ``x-slack-req-id`` are added unless given. ``drop`` closes the connection
        without answering (after ``delay``).
        """
        if body is None:
            data = b""
        elif isinstance(body, bytes):
            data = body
        elif isinstance(body, str):
            data = body.encode("utf-8")
        else:
            data = json.dumps(body).encode()
        sent_headers = {"Content-Type": _JSON_CONTENT_TYPE} if headers is None else dict(headers)
        self._queue(_Reply(status, sent_headers, data, delay, drop))

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeSlackServer", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop serving without waiting for handler threads, which may be sleeping in a delay."""
        if self._thread is not None:
            # shutdown() waits for serve_forever to acknowledge, so it would block if the loop never ran.
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()
        with self._lock:
            open_sockets = list(self._open_sockets)
        # Idle keep-alive connections would otherwise stay open until the client hangs up.
        for sock in open_sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self: _Self) -> _Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: typing.Optional[typing.Type[BaseException]],
        exc: typing.Optional[BaseException],
        tb: typing.Optional[TracebackType],
    ) -> None:
        self.stop()

    def _queue(self, reply: _Reply) -> None:
        with self._lock:
            self._replies.append(reply)

    def _open_connection(self, sock: socket.socket) -> int:
        with self._lock:
            self._connection_count += 1
            self._open_sockets.add(sock)
            return self._connection_count

    def _close_connection(self, sock: socket.socket) -> None:
        with self._lock:
            self._open_sockets.discard(sock)

    def _record(self, request: RecordedRequest) -> _Reply:
        """Record ``request`` and pick its reply: the next queued one, else Slack's default."""
        with self._lock:
            self._requests.append(request)
            if self._replies:
                return self._replies.popleft()
        if request.path == "/api/rtm.connect" and request.method in ("GET", "POST"):
            if _has_token(request):
                return _json_reply(200, self.ok_body())
            return _json_reply(200, {"ok": False, "error": "not_authed"})
        if request.path.startswith("/api/"):
            return _json_reply(200, {"ok": False, "error": "unknown_method"})
        return _json_reply(404, {"ok": False, "error": "not_found"})


def _has_token(request: RecordedRequest) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (scheme.lower() == "bearer" and bool(token.strip())) or bool(request.query.get("token"))

