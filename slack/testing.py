"""A fake Slack Web API server on loopback for tests.

``FakeSlackServer`` answers ``/api/rtm.connect`` the way slack.com does, serves
queued replies first (errors, rate limits, delays, dropped connections, raw
bytes), and records every request it receives, including which keep-alive
connection it came on. Malformed requests get a 4xx answer and nothing on stderr.
"""

import copy
import http.server
import json
import secrets
import selectors
import socket
import socketserver
import ssl
import string
import threading
import time
import typing
import urllib.parse
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType

__all__ = ["FakeSlackServer", "RecordedRequest"]

_JSON_CONTENT_TYPE = "application/json; charset=utf-8"
# rtm.connect bodies are a few hundred bytes; anything past this is a test gone wrong, not a request to buffer.
_MAX_BODY = 1024 * 1024
_TOO_LARGE = f"request bodies are capped at {_MAX_BODY} bytes"
_MAX_CHUNK_LINE = 1024
_MAX_TRAILERS = 100
# A TLS client that connects and stays silent holds its handler thread until this, or until stop().
_HANDSHAKE_TIMEOUT = 5.0
# How long stop() and reset() wait for handler threads once their sockets are shut down.
_JOIN_TIMEOUT = 1.0
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


class _BadRequest(Exception):
    """The request cannot be served: answer ``status`` and close the connection."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _parse_size(text: str, base: int) -> int:
    """A Content-Length (base 10) or chunk size (base 16); sizes past the body cap are refused unconverted."""
    text = text.strip()
    allowed = string.digits if base == 10 else string.hexdigits
    if not text or any(char not in allowed for char in text):  # int() would also take "-1", "+5" and "1_0"
        raise _BadRequest(HTTPStatus.BAD_REQUEST, f"bad size {text[:40]!r}")
    significant = text.lstrip("0") or "0"
    if len(significant) > 8 or int(significant, base) > _MAX_BODY:
        raise _BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _TOO_LARGE)
    return int(significant, base)


def _shutdown(sock: socket.socket) -> None:
    """Wake whatever thread is blocked on ``sock``; its own thread closes it."""
    try:
        # The plain-socket method: SSLSocket.shutdown also drops the TLS state, which would race the
        # handler thread still using it.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed, or the client hung up first


class _HTTPServer(http.server.HTTPServer):
    """The listening socket; FakeSlackServer runs the accept loop and the handler threads itself."""

    request_queue_size = max(128, socket.SOMAXCONN)

    def __init__(self, host: str) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # FakeSlackServer._handle builds each _Handler itself, with its connection number.
        super().__init__((host, 0), http.server.BaseHTTPRequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn), which can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The version assumed until the request line is parsed: the stdlib's HTTP/0.9 would answer
    # an unparsable request line with a bare HTML page, no status line.
    default_request_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, each keep-alive
    # reply would wait for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def __init__(
        self,
        request: socket.socket,
        client_address: typing.Any,
        server: _HTTPServer,
        fake: "FakeSlackServer",
        connection_id: int,
        cancelled: threading.Event,
    ) -> None:
        self.fake = fake
        self.connection_id = connection_id
        self.cancelled = cancelled  # set by stop() and reset(): end this connection, even mid-delay
        super().__init__(request, client_address, server)

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            # The listening socket defers the handshake so a slow client cannot block accept().
            self.request.settimeout(_HANDSHAKE_TIMEOUT)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    def log_message(self, format: str, *args: typing.Any) -> None:
        pass  # also silences log_error, which send_error calls for every 4xx

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _read_line(self) -> bytes:
        line = self.rfile.readline(_MAX_CHUNK_LINE + 1)
        if not line.endswith(b"\n"):
            raise _BadRequest(HTTPStatus.BAD_REQUEST, "chunk line too long, or the body was cut short")
        return line

    def _read_exactly(self, size: int) -> bytes:
        data = self.rfile.read(size)
        if len(data) < size:
            raise _BadRequest(HTTPStatus.BAD_REQUEST, "the body was cut short")
        return data

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while True:
            size = _parse_size(self._read_line().split(b";")[0].decode("latin-1"), 16)
            if not size:
                break
            if len(body) + size > _MAX_BODY:
                raise _BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _TOO_LARGE)
            chunk = self._read_exactly(size + 2)
            if chunk[size:] != b"\r\n":
                raise _BadRequest(HTTPStatus.BAD_REQUEST, "chunk data not followed by CRLF")
            body += chunk[:size]
        for _ in range(_MAX_TRAILERS):
            if self._read_line() in (b"\r\n", b"\n"):
                return bytes(body)
        raise _BadRequest(HTTPStatus.BAD_REQUEST, "too many trailer lines")

    def _read_body(self) -> bytes:
        codings = [
            coding.strip().lower()
            for value in self.headers.get_all("Transfer-Encoding", [])
            for coding in value.split(",")
            if coding.strip()
        ]
        if codings:
            # RFC 9112 6.3: without chunked last, a request body's length cannot be known.
            if codings[-1] != "chunked":
                raise _BadRequest(HTTPStatus.BAD_REQUEST, "Transfer-Encoding must end with chunked")
            return self._read_chunked()
        # "Content-Length: 5, 5" and repeated equal headers are one length (RFC 9110 8.6); different ones are not.
        lengths = {item.strip() for value in self.headers.get_all("Content-Length", []) for item in value.split(",")}
        if not lengths:
            return b""
        if len(lengths) > 1:
            raise _BadRequest(HTTPStatus.BAD_REQUEST, "conflicting Content-Length values")
        return self._read_exactly(_parse_size(lengths.pop(), 10))

    def _serve(self) -> None:
        try:
            url = urllib.parse.urlsplit(self.path)
            body = self._read_body()
        except _BadRequest as error:
            self.send_error(error.status, error.reason)  # also closes the connection
            return
        except ValueError:  # urlsplit rejects targets such as "http://[::1/x", an unclosed IPv6 literal
            self.send_error(HTTPStatus.BAD_REQUEST, "bad request target")
            return
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
        reply = self.fake._record(recorded, self.cancelled)
        if reply is None:
            self.close_connection = True
        else:
            self._send(reply)

    def _send(self, reply: _Reply) -> None:
        if reply.delay > 0 and self.cancelled.wait(reply.delay):
            self.close_connection = True  # stop() or reset() is ending this connection
            return
        if reply.drop:
            self.close_connection = True
            _shutdown(self.request)
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

    ``reset()`` forgets queued replies, recorded requests and the connection
    count, and ends open connections, so a test module can share one server
    through a fixture. ``stop()`` takes milliseconds: it ends every connection,
    including replies waiting out a ``delay`` and TLS clients that never finish
    the handshake, and returns once every handler thread has ended. Malformed
    requests are answered 400 (413 for bodies over 1 MiB), not recorded, and do
    not use up a queued reply.
    """

    def __init__(self, *, ssl_context: typing.Optional[ssl.SSLContext] = None, host: str = "127.0.0.1") -> None:
        self._lock = threading.Lock()
        self._replies: typing.Deque[_Reply] = deque()
        self._requests: typing.List[RecordedRequest] = []
        self._open_sockets: typing.Set[socket.socket] = set()
        self._handler_threads: typing.List[threading.Thread] = []
        self._connection_count = 0
        # Set by stop() and reset() to end the connections open at that moment; reset() installs a fresh one.
        self._cancelled = threading.Event()
        self._thread: typing.Optional[threading.Thread] = None
        self._stopped = False
        # stop() writes a byte here to wake the accept loop at once, instead of it polling.
        self._wakeup_reader, self._wakeup_writer = socket.socketpair()
        self._scheme = "https" if ssl_context is not None else "http"
        self._websocket_url = "wss://wss-primary.slack.com/websocket/" + secrets.token_hex(24)
        self._httpd = _HTTPServer(host)
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
        """Number of TCP connections accepted since the server started or was last reset."""
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

    def reset(self) -> None:
        """Forget queued replies, recorded requests and the connection count, and end open connections."""
        with self._lock:
            self._cancelled.set()
            self._cancelled = threading.Event()
            self._replies.clear()
            self._requests.clear()
            self._connection_count = 0
            sockets, threads = list(self._open_sockets), list(self._handler_threads)
        _end_connections(sockets, threads)

    def start(self) -> None:
        if self._stopped:
            raise RuntimeError("a stopped FakeSlackServer cannot be started again; make a new one")
        if self._thread is None:
            self._thread = threading.Thread(target=self._accept_loop, name=f"FakeSlackServer-{self.port}", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop serving, end every connection, and return once every handler thread has ended."""
        self._stopped = True
        with self._lock:
            self._cancelled.set()
        if self._thread is not None:
            self._wakeup_writer.send(b"\0")
            self._thread.join()
            self._thread = None
        self._httpd.server_close()
        self._wakeup_reader.close()
        self._wakeup_writer.close()
        # With the accept loop gone, no connection can be added behind this snapshot.
        with self._lock:
            sockets, threads = list(self._open_sockets), list(self._handler_threads)
        _end_connections(sockets, threads)

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

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._httpd.socket, selectors.EVENT_READ)
            selector.register(self._wakeup_reader, selectors.EVENT_READ)
            while all(key.fileobj is not self._wakeup_reader for key, _ in selector.select()):
                try:
                    sock, address = self._httpd.get_request()
                except OSError:
                    continue  # the client gave up before we accepted it
                self._start_handler(sock, address)

    def _start_handler(self, sock: socket.socket, address: typing.Any) -> None:
        # Registered here, before the handler thread runs (and so before any TLS handshake),
        # so stop() always finds the socket to shut down and the thread to join.
        with self._lock:
            self._handler_threads = [thread for thread in self._handler_threads if thread.is_alive()]
            self._connection_count += 1
            thread = threading.Thread(
                target=self._handle,
                args=(sock, address, self._connection_count, self._cancelled),
                name=f"FakeSlackServer-{self.port}-connection-{self._connection_count}",
                daemon=True,
            )
            self._open_sockets.add(sock)
            self._handler_threads.append(thread)
            thread.start()

    def _handle(self, sock: socket.socket, address: typing.Any, connection_id: int, cancelled: threading.Event) -> None:
        try:
            _Handler(sock, address, self._httpd, self, connection_id, cancelled)
        except OSError:
            pass  # clients hanging up or failing the TLS handshake is normal in tests; keep stderr clean
        finally:
            with self._lock:
                self._open_sockets.discard(sock)
            self._httpd.shutdown_request(sock)

    def _record(self, request: RecordedRequest, cancelled: threading.Event) -> typing.Optional[_Reply]:
        """Record ``request`` and pick its reply: the next queued one, else Slack's default.

        None means the connection was ended by stop() or reset() and the request belongs to no test.
        """
        with self._lock:
            if cancelled.is_set():
                return None
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


def _end_connections(sockets: typing.List[socket.socket], threads: typing.List[threading.Thread]) -> None:
    for sock in sockets:
        _shutdown(sock)
    deadline = time.monotonic() + _JOIN_TIMEOUT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))


def _has_token(request: RecordedRequest) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (scheme.lower() == "bearer" and bool(token.strip())) or bool(request.query.get("token"))

