"""A fake Slack Web API server on loopback for tests, with Slack's RTM websocket when websockets is installed.

``FakeSlackServer`` answers ``/api/rtm.connect`` and ``/api/auth.test`` the way
slack.com does, for any client: it reads arguments and tokens by Slack's rules,
serves queued replies first (errors, rate limits, delays, dropped connections,
raw bytes), and records every request it receives, including which keep-alive
connection it came on. Malformed requests get a 4xx answer and nothing on stderr.
With the optional ``websockets`` package, each rtm.connect success hands out a
live session URL on the fake that speaks Slack's RTM protocol.
"""

import copy
import email.message
import email.parser
import email.policy
import http.server
import itertools
import json
import logging
import math
import re
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
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType

if typing.TYPE_CHECKING:
    from websockets.frames import Frame
    from websockets.server import ServerProtocol

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

# Slack's RTM session: a URL from rtm.connect works once, within 30 s; a message over 16 KB closes the connection.
_RTM_URL_LIFETIME = 30.0
_RTM_MAX_MESSAGE = 16 * 1024
_RTM_PATH = "/websocket/"
# Slack's documented answer to a stale session URL: this event instead of hello, then the close.
_RTM_EXPIRED = {"type": "error", "error": {"code": 1, "msg": "Socket URL has expired"}}
# Slack's documented reply to a message without text. A message without a channel gets the second one;
# Slack does not document that case, so code and msg are a plausible guess.
_RTM_NO_TEXT = {"code": 2, "msg": "message text is missing"}
_RTM_NO_CHANNEL = {"code": 1, "msg": "channel not found"}
# How long a session waits for the client's close frame once it has sent its own.
_RTM_CLOSE_TIMEOUT = 1.0
# websockets logs each request path (the session URL, a credential) at DEBUG: the fake's
# websockets get a logger outside logging's tree that never emits, so no test's caplog sees them.
_QUIET = logging.Logger("slack.testing.websockets", logging.CRITICAL + 1)

# Who the fake's token belongs to: rtm.connect's team and self, auth.test's fields.
_TEAM_ID, _TEAM_NAME, _TEAM_DOMAIN = "T0FAKE0001", "Fake Slack", "fake-slack"
_USER_ID, _USER_NAME, _BOT_ID = "U0FAKE0001", "fake-bot", "B0FAKE0001"

# A token the fake accepts by default: visible ASCII only, as every Slack token is. A token with a
# space, a control or a non-ASCII character gets invalid_auth, as from Slack. The prefix is not
# checked, so that placeholders such as the docs' "YOUR_ACCESS_TOKEN" work; tokens= is for stricter tests.
_WELL_FORMED_TOKEN = re.compile(r"[!-~]+")
# Token types by prefix (a rotating token's "xoxe." goes first); the others count as "other".
_TOKEN_TYPES = {"xoxb-": "bot", "xoxp-": "user", "xapp-": "app"}
_ROTATING_PREFIX = "xoxe."

# Slack reads a method's arguments from the query string and from a POST body by its Content-Type,
# and a body argument wins over the query string's. It takes a token from the query string or a
# form, but never from a JSON body: JSON callers must send it in the Authorization header.
_FORM = "application/x-www-form-urlencoded"
_MULTIPART = "multipart/form-data"
_JSON = "application/json"
_PLAIN = "text/plain"  # one of Slack's accepted types; the fake reads no arguments from it
_CHARSETS = ("utf-8", "iso-8859-1")


def _now() -> float:
    """The clock session URLs expire by; tests replace it instead of waiting 30 s."""
    return time.monotonic()


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
    # Every argument, read by Slack's rules: the query string, then the body's (urlencoded or
    # multipart form fields as str, a JSON object's keys with their values); ``query`` keeps
    # only the query string and an urlencoded form.
    params: typing.Dict[str, typing.Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: typing.Dict[str, str]
    body: bytes
    delay: float = 0.0
    drop: bool = False
    # queue_ok(): a success body built when served, so that its session URL is fresh then.
    ok_overrides: typing.Optional[typing.Dict[str, typing.Any]] = None


def _json_reply(status: int, body: typing.Mapping[str, typing.Any], **headers: str) -> _Reply:
    return _Reply(status, {"Content-Type": _JSON_CONTENT_TYPE, **headers}, json.dumps(body).encode())


class _Arguments(typing.NamedTuple):
    """What Slack reads from a request's query string and body."""

    values: typing.Dict[str, typing.Any]
    token: typing.Optional[str]  # the ``token`` argument, from the query string or a form, never from JSON
    error: typing.Optional[str]  # Slack's error code for a body it cannot read


def _multipart_fields(content_type: str, body: bytes, charset: str) -> typing.Optional[typing.Dict[str, str]]:
    """The text fields of a multipart/form-data body (file parts are not arguments), or None if it is malformed."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + body
    )
    if not message.is_multipart() or message.defects:  # no boundary, or a missing first or last one
        return None
    fields: typing.Dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or part.get_filename() is not None or not isinstance(payload, bytes):
            continue
        fields[name] = payload.decode(part.get_content_charset() or charset, "replace")
    return fields


def _read_arguments(headers: typing.Mapping[str, str], raw_query: str, body: bytes) -> _Arguments:
    """A request's arguments and token by Slack's rules, or the error code Slack answers its body with."""
    values: typing.Dict[str, typing.Any] = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
    token = values.get("token")
    if not body:
        return _Arguments(values, token, None)
    content_type = headers.get("content-type")
    if content_type is None:
        return _Arguments(values, token, "missing_post_type")
    parsed = email.message.Message()
    parsed["content-type"] = content_type
    kind = content_type.split(";", 1)[0].strip().lower()  # get_content_type() reads garbage as text/plain
    charset = parsed.get_param("charset")
    charset = charset.lower() if isinstance(charset, str) else "utf-8"
    if charset not in _CHARSETS:
        return _Arguments(values, token, "invalid_charset")
    if kind == _FORM:
        form = dict(urllib.parse.parse_qsl(body.decode("latin-1"), keep_blank_values=True, encoding=charset))
    elif kind == _MULTIPART:
        fields = _multipart_fields(content_type, body, charset)
        if fields is None:
            return _Arguments(values, token, "invalid_form_data")
        form = fields
    elif kind == _JSON:
        try:
            document = json.loads(body.decode(charset))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return _Arguments(values, token, "invalid_json")
        if not isinstance(document, dict):
            return _Arguments(values, token, "json_not_object")
        return _Arguments({**values, **document}, token, None)
    elif kind == _PLAIN:
        return _Arguments(values, token, None)
    else:
        return _Arguments(values, token, "invalid_post_type")
    return _Arguments({**values, **form}, form.get("token", token), None)


def _token_of(headers: typing.Mapping[str, str], arguments: _Arguments) -> typing.Optional[str]:
    """The token Slack authenticates by: a bearer token in Authorization wins over the ``token`` argument."""
    scheme, _, credentials = headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return arguments.token or None


def _token_type(token: str) -> str:
    unrotated = token[len(_ROTATING_PREFIX) :] if token.startswith(_ROTATING_PREFIX) else token
    return next((kind for prefix, kind in _TOKEN_TYPES.items() if unrotated.startswith(prefix)), "other")


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


def _shutdown(sock: socket.socket, how: int = socket.SHUT_RDWR) -> None:
    """Wake whatever thread is blocked on ``sock``; its own thread closes it."""
    try:
        # The plain-socket method: SSLSocket.shutdown also drops the TLS state, which would race the
        # handler thread still using it.
        socket.socket.shutdown(sock, how)
    except OSError:
        pass  # already closed, or the client hung up first


def _websockets_installed() -> bool:
    try:
        import websockets.server  # noqa: F401
    except ImportError:
        return False
    return True


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
        if self.headers.get("Content-Type", "").startswith(_FORM):
            query.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        headers = {name.lower(): value for name, value in self.headers.items()}
        arguments = _read_arguments(headers, url.query, body)
        recorded = RecordedRequest(
            method=self.command,
            path=url.path,
            query=query,
            raw_query=url.query,
            headers=headers,
            connection=self.connection_id,
            body=body,
            params=arguments.values,
        )
        reply = self.fake._record(recorded, arguments, self.cancelled)
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


def _rtm_answer(
    payload: typing.Any, next_ts: typing.Callable[[], str]
) -> typing.Optional[typing.Dict[str, typing.Any]]:
    """Slack's reply to a frame a client sent, or None for those it does not answer (typing, presence_sub, ...)."""
    if not isinstance(payload, dict):
        return None
    reply_to = {"reply_to": payload["id"]} if "id" in payload else {}
    kind = payload.get("type")
    if kind == "ping":
        # Slack echoes whatever else the ping carries: clients put a time in it to measure latency.
        pong: typing.Dict[str, typing.Any] = {"type": "pong", **reply_to}
        pong.update((key, value) for key, value in payload.items() if key != "id" and key not in pong)
        return pong
    if kind == "message":
        text, channel = payload.get("text"), payload.get("channel")
        if not isinstance(text, str) or not text:
            return {"ok": False, **reply_to, "error": dict(_RTM_NO_TEXT)}
        if not isinstance(channel, str) or not channel:
            return {"ok": False, **reply_to, "error": dict(_RTM_NO_CHANNEL)}
        return {"ok": True, **reply_to, "ts": next_ts(), "text": text}
    return None


class _RtmSession:
    """One websocket: websockets' Sans-I/O protocol and its socket, driven by one handler thread.

    Doing the I/O here rather than in websockets' threaded connection lets a silenced session
    stop answering websocket pings too. ``lock`` keeps frames from the handler thread and from
    rtm_push() whole and in order; it is always taken before the server's lock, never inside it.
    """

    def __init__(self, sock: socket.socket, protocol: "ServerProtocol", cancelled: threading.Event) -> None:
        self.sock = sock
        self.protocol = protocol
        self.cancelled = cancelled  # set by reset() and stop(): this session belongs to no test any more
        self.lock = threading.Lock()
        self.silent = False  # set by rtm_drop(): from then on nothing is answered or sent
        self._fragments: typing.List[Frame] = []

    def send(self, event: typing.Union[typing.Mapping[str, typing.Any], str]) -> bool:
        """Send a text frame (a mapping as JSON); False if this session no longer sends."""
        from websockets.protocol import State

        if self.silent or self.protocol.state is not State.OPEN:
            return False
        text = event if isinstance(event, str) else json.dumps(event, separators=(",", ":"))
        self.protocol.send_text(text.encode())
        self.flush()
        return True

    def close(self, code: int) -> None:
        """Start the closing handshake; the handler thread closes the socket once the client answers."""
        from websockets.protocol import State

        if not self.silent and self.protocol.state is State.OPEN:
            self.protocol.send_close(code)
            self.flush()

    def flush(self) -> None:
        for data in self.protocol.data_to_send():
            if data:
                self.sock.sendall(data)
            else:
                _shutdown(self.sock, socket.SHUT_WR)  # websockets' signal that the server is done sending

    def messages(self, events: typing.List[typing.Any]) -> typing.List[typing.Union[str, bytes]]:
        """The messages completed by ``events``; the protocol itself answers pings and close frames."""
        from websockets.frames import Frame, Opcode

        messages: typing.List[typing.Union[str, bytes]] = []
        for event in events:
            if isinstance(event, Frame) and event.opcode in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT):
                self._fragments.append(event)
                if event.fin:
                    data = b"".join(bytes(fragment.data) for fragment in self._fragments)
                    text = self._fragments[0].opcode is Opcode.TEXT
                    messages.append(data.decode("utf-8", "replace") if text else data)
                    self._fragments = []
        return messages


class FakeSlackServer:
    """A threaded HTTP(S) server on loopback that imitates https://slack.com/api.

    Use it as a context manager and point ``Configuration.host`` at ``.host``
    (clients such as slack_sdk that join method names onto a base URL want
    ``.host + "/"``). Queued replies are served first-in first-out, to whatever
    request comes next; with the queue empty the server answers like Slack:

    - ``rtm.connect`` and ``auth.test`` (GET or POST) succeed for an accepted
      token; ``ok_body()`` is rtm.connect's success body with the session URL
      handed out last, so it compares equal to what a client just got. auth.test
      names the same team and user, and ``bot_id`` for a bot (``xoxb-``) token;
    - the token is the ``Authorization: Bearer`` one, else the ``token``
      argument of the query string or an urlencoded or multipart form (never of
      a JSON body). None is ``not_authed``. ``tokens`` lists the accepted ones;
      by default any well-formed token is: visible ASCII, no whitespace. Others
      get ``invalid_auth``, and app-level (``xapp-``) tokens get
      ``not_allowed_token_type`` from rtm.connect;
    - a POST body Slack cannot read gets Slack's code for it: ``missing_post_type``,
      ``invalid_post_type``, ``invalid_charset``, ``invalid_form_data``,
      ``invalid_json`` or ``json_not_object``;
    - other ``/api/`` methods get ``unknown_method`` with ``req_method``, and
      paths outside ``/api/`` a 404.

    With the optional ``websockets`` package installed, every rtm.connect success
    (the default one and ``queue_ok()``) hands out a fresh session URL on this
    server, ``ws://127.0.0.1:<rtm port>/websocket/<random>`` (``wss://`` with an
    ``ssl_context``), that works once and within 30 s, like Slack's. A session
    gets ``{"type": "hello"}``; pings get pongs and messages get Slack's ack or
    error; a message over 16 KB closes the connection (1009). Tests drive it with:

    - ``rtm_push(event)``: send an event to every open session;
    - ``rtm_goodbye()``: send ``goodbye`` to every open session and close it;
    - ``rtm_drop(silent=False)``: cut the connections without a close frame, or
      with ``silent`` keep them open but answer nothing, websocket pings included;
    - ``rtm_received``, ``rtm_sessions``, ``rtm_connects``: what clients sent, the
      sessions open now, the sessions opened since start or reset;
    - ``rtm_wait(condition)``: wait for any of those without sleeping.

    A stale URL (used, expired or unknown) gets Slack's ``{"type": "error"}``
    event with code 1 instead of hello, then the close.

    ``reset()`` forgets queued replies, recorded requests and frames, the counts
    and issued session URLs, and ends open connections and RTM sessions, so a test
    module can share one server through a fixture. ``stop()`` takes milliseconds:
    it ends every connection, including replies waiting out a ``delay``, TLS
    clients that never finish the handshake and RTM sessions, and returns once
    every handler thread has ended. Malformed requests are answered 400 (413 for
    bodies over 1 MiB), not recorded, and do not use up a queued reply.
    """

    def __init__(
        self,
        *,
        ssl_context: typing.Optional[ssl.SSLContext] = None,
        host: str = "127.0.0.1",
        tokens: typing.Optional[typing.Iterable[str]] = None,
    ) -> None:
        if isinstance(tokens, (str, bytes)):  # iterating one would accept each of its characters
            raise TypeError("tokens must be a collection of str, such as {'xoxb-test'}, not a single str")
        self._tokens = None if tokens is None else frozenset(tokens)
        if self._tokens is not None and not all(isinstance(token, str) for token in self._tokens):
            raise TypeError("tokens must be a collection of str")
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
        # The RTM websocket gets a port of its own, as Slack's sessions live on a host other than slack.com.
        self._rtm_listener: typing.Optional[socket.socket] = None
        self._rtm_port = 0
        if _websockets_installed():
            self._rtm_listener = socket.create_server(
                (host, 0), family=self._httpd.address_family, backlog=_HTTPServer.request_queue_size
            )
            self._rtm_port = int(self._rtm_listener.getsockname()[1])  # ok_body() still works after stop()
            if ssl_context is not None:
                self._rtm_listener = ssl_context.wrap_socket(
                    self._rtm_listener, server_side=True, do_handshake_on_connect=False
                )
        self._rtm_token = secrets.token_hex(24)  # ok_body()'s URL: the one handed out last, or next
        self._rtm_token_handed_out = False
        self._rtm_urls: typing.Dict[str, float] = {}  # the live ones: token -> when rtm.connect handed it out
        self._rtm_sessions: typing.List[_RtmSession] = []
        self._rtm_received: typing.List[typing.Any] = []
        self._rtm_connects = 0
        self._rtm_ts = 0
        self._rtm_thread_numbers = itertools.count(1)
        # Notified whenever a session opens or ends or a frame arrives; rtm_wait() waits on it.
        self._rtm_changed = threading.Condition()

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
        """Number of HTTP connections accepted since the server started or was last reset."""
        with self._lock:
            return self._connection_count

    @property
    def rtm_received(self) -> typing.List[typing.Any]:
        """What clients sent on RTM sessions, in order: each message as parsed JSON (else as str, or bytes)."""
        with self._lock:
            return copy.deepcopy(self._rtm_received)

    @property
    def rtm_sessions(self) -> int:
        """Number of RTM sessions open now (a silenced one stays open until its client hangs up)."""
        with self._lock:
            return len(self._rtm_sessions)

    @property
    def rtm_connects(self) -> int:
        """Number of RTM sessions opened (that got hello) since the server started or was last reset."""
        with self._lock:
            return self._rtm_connects

    def ok_body(self, /, **overrides: typing.Any) -> typing.Dict[str, typing.Any]:
        """The ``rtm.connect`` success body, with top-level keys overridden.

        Its ``url`` is the session URL handed out last (before the first success,
        the one handed out next). With websockets installed that is a URL on this
        server and each success hands out a new one; without, it is a fixed
        ``wss://wss-primary.slack.com/websocket/...`` URL that nothing serves.
        ``self`` is positional-only, so that the body's ``self`` key can be overridden too.
        """
        if self._rtm_listener is None:
            return self._ok_body(self._websocket_url, overrides)
        with self._lock:
            url = self._rtm_url(self._rtm_token)
        return self._ok_body(url, overrides)

    def queue_ok(self, /, **overrides: typing.Any) -> None:
        """Queue a success; it hands out a fresh session URL when served, unless ``url`` is overridden."""
        self._queue(_Reply(200, {}, b"", ok_overrides=copy.deepcopy(overrides)))

    def queue_error(self, code: str, status: int = 200, **extra: typing.Any) -> None:
        self._queue(_json_reply(status, {"ok": False, "error": code, **extra}))

    def queue_rate_limited(self, retry_after: typing.Union[float, str]) -> None:
        """Queue a 429 ``ratelimited`` reply with a ``Retry-After`` header.

        A number goes out in whole seconds, rounded up, as Slack sends it (clients
        such as slack_sdk read it with ``int()``); a str goes out exactly as given,
        to test how a client copes with HTTP dates, fractions or garbage.
        """
        if isinstance(retry_after, str):
            value = retry_after
        elif math.isfinite(retry_after) and retry_after >= 0:
            value = str(math.ceil(retry_after))
        else:
            raise ValueError(
                f"retry_after must be a finite number of seconds >= 0, got {retry_after!r}; "
                "pass a str to send any other Retry-After value"
            )
        self._queue(_json_reply(429, {"ok": False, "error": "ratelimited"}, **{"Retry-After": value}))

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

    def rtm_push(self, event: typing.Union[typing.Mapping[str, typing.Any], str]) -> int:
        """Send ``event`` (a mapping as JSON, a str as it is) to every open session; returns how many got it."""
        return self._rtm_each(lambda session: session.send(event))

    def rtm_goodbye(self) -> int:
        """Send ``{"type": "goodbye"}`` to every open session, then close it (1001) as Slack does; returns how many."""

        def goodbye(session: _RtmSession) -> bool:
            if not session.send({"type": "goodbye"}):
                return False
            session.close(1001)
            return True

        return self._rtm_each(goodbye)

    def rtm_drop(self, silent: bool = False) -> int:
        """Cut every open session's TCP connection with no close frame; returns how many.

        With ``silent`` the connection stays open, but from then on the session
        answers nothing and sends nothing, websocket-level pings included, as if
        Slack had vanished without a FIN. It ends when its client hangs up.
        """
        dropped = 0
        with self._lock:
            sessions = list(self._rtm_sessions)
        for session in sessions:
            if silent:
                with session.lock:  # after this, the handler thread answers nothing more
                    if session.silent:
                        continue
                    session.silent = True
            else:
                session.silent = True
                _shutdown(session.sock)  # the handler thread wakes up and closes it
            dropped += 1
        return dropped

    def rtm_wait(self, condition: typing.Callable[[], bool], timeout: float = 1.0) -> bool:
        """Wait until ``condition()`` is true, rechecked whenever a session opens or ends or a frame arrives.

        Returns its last value, so ``assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)`` reads as it says.
        """
        with self._rtm_changed:
            return self._rtm_changed.wait_for(condition, timeout)

    def reset(self) -> None:
        """Forget queued replies, requests, RTM frames, counts and session URLs; end connections and sessions."""
        with self._lock:
            self._cancelled.set()
            self._cancelled = threading.Event()
            self._replies.clear()
            self._requests.clear()
            self._connection_count = 0
            self._rtm_received.clear()
            self._rtm_connects = 0
            self._rtm_urls.clear()
            sockets, threads = list(self._open_sockets), list(self._handler_threads)
        _end_connections(sockets, threads)
        self._rtm_notify()

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
        if self._rtm_listener is not None:
            self._rtm_listener.close()
        self._wakeup_reader.close()
        self._wakeup_writer.close()
        # With the accept loop gone, no connection can be added behind this snapshot.
        with self._lock:
            sockets, threads = list(self._open_sockets), list(self._handler_threads)
        _end_connections(sockets, threads)
        self._rtm_notify()

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
            if self._rtm_listener is not None:
                selector.register(self._rtm_listener, selectors.EVENT_READ)
            selector.register(self._wakeup_reader, selectors.EVENT_READ)
            while True:
                ready = [key.fileobj for key, _ in selector.select()]
                if self._wakeup_reader in ready:
                    return
                try:
                    if self._httpd.socket in ready:
                        self._start_handler(*self._httpd.get_request())
                    if self._rtm_listener is not None and self._rtm_listener in ready:
                        self._start_handler(*self._rtm_listener.accept(), rtm=True)
                except OSError:
                    continue  # the client gave up before we accepted it

    def _start_handler(self, sock: socket.socket, address: typing.Any, rtm: bool = False) -> None:
        # Registered here, before the handler thread runs (and so before any TLS handshake),
        # so stop() always finds the socket to shut down and the thread to join.
        with self._lock:
            self._handler_threads = [thread for thread in self._handler_threads if thread.is_alive()]
            target: typing.Callable[..., None]
            args: typing.Tuple[typing.Any, ...]
            if rtm:
                target, args = self._handle_rtm, (sock, self._cancelled)
                name = f"FakeSlackServer-{self.port}-rtm-{next(self._rtm_thread_numbers)}"
            else:
                self._connection_count += 1
                target, args = self._handle, (sock, address, self._connection_count, self._cancelled)
                name = f"FakeSlackServer-{self.port}-connection-{self._connection_count}"
            thread = threading.Thread(target=target, args=args, name=name, daemon=True)
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

    def _handle_rtm(self, sock: socket.socket, cancelled: threading.Event) -> None:
        try:
            self._serve_rtm(sock, cancelled)
        except OSError:
            pass  # the client hung up, or rtm_drop(), reset() or stop() cut the connection
        finally:
            with self._lock:
                self._open_sockets.discard(sock)
            sock.close()

    def _serve_rtm(self, sock: socket.socket, cancelled: threading.Event) -> None:
        """One websocket connection: the upgrade, then Slack's hello and answers until it ends."""
        from websockets.http11 import Request
        from websockets.server import ServerProtocol

        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # small frames, each one awaited
        sock.settimeout(_HANDSHAKE_TIMEOUT)
        if isinstance(sock, ssl.SSLSocket):
            sock.do_handshake()
        session = _RtmSession(sock, ServerProtocol(max_size=_RTM_MAX_MESSAGE, logger=_QUIET), cancelled)
        protocol = session.protocol
        request = None
        while request is None:
            data = sock.recv(65536)
            if not data:
                return
            protocol.receive_data(data)
            session.flush()  # websockets answers a malformed upgrade request itself
            request = next((event for event in protocol.events_received() if isinstance(event, Request)), None)
            if request is None and protocol.close_expected():
                return
        sock.settimeout(None)
        path = urllib.parse.urlsplit(request.path).path
        if path.startswith(_RTM_PATH):
            response = protocol.accept(request)
        else:
            response = protocol.reject(HTTPStatus.NOT_FOUND, "Not Found\n")
        protocol.send_response(response)
        session.flush()
        if response.status_code != 101:
            return
        if not self._claim_rtm_url(path[len(_RTM_PATH) :]):
            with session.lock:
                session.send(_RTM_EXPIRED)
                session.close(1000)
            self._serve_session(session, answer=False)
            return
        with session.lock:  # held until hello is out, so that no rtm_push() can overtake it
            with self._lock:
                if cancelled.is_set():
                    return  # reset() or stop() came first
                self._rtm_sessions.append(session)
                self._rtm_connects += 1
            try:
                session.send({"type": "hello"})
            except OSError:
                pass  # the client is gone: reading says so below
        self._rtm_notify()
        try:
            self._serve_session(session, answer=True)
        finally:
            with self._lock:
                self._rtm_sessions.remove(session)
            self._rtm_notify()

    def _serve_session(self, session: _RtmSession, answer: bool) -> None:
        """Read, record and answer the client's frames until the connection ends."""
        from websockets.protocol import State

        sock, protocol = session.sock, session.protocol
        while True:
            try:
                data = sock.recv(65536)
            except OSError:  # also the close timeout
                data = b""
            with session.lock:
                if session.silent:
                    if data:
                        continue  # read and dropped: the client hears nothing, not even a pong
                    return
                if data:
                    protocol.receive_data(data)
                else:
                    protocol.receive_eof()
                for message in session.messages(protocol.events_received()):
                    if answer:
                        self._on_rtm_message(session, message)
                session.flush()
                if not data or protocol.state is State.CLOSED:
                    return
                if protocol.close_expected():
                    sock.settimeout(_RTM_CLOSE_TIMEOUT)  # a client that never answers our close frame

    def _on_rtm_message(self, session: _RtmSession, message: typing.Union[str, bytes]) -> None:
        payload: typing.Any = message
        if isinstance(message, str):
            try:
                payload = json.loads(message)
            except (ValueError, RecursionError):
                pass  # recorded as the text it is, and not answered
        with self._lock:
            if session.cancelled.is_set():
                return
            self._rtm_received.append(payload)
        self._rtm_notify()
        reply = _rtm_answer(payload, self._next_ts)
        if reply is not None:
            session.send(reply)

    def _rtm_each(self, action: typing.Callable[[_RtmSession], bool]) -> int:
        with self._lock:
            sessions = list(self._rtm_sessions)
        done = 0
        for session in sessions:
            with session.lock:
                try:
                    done += action(session)
                except OSError:
                    pass  # the client is gone; its handler thread is ending the session
        return done

    def _rtm_notify(self) -> None:
        with self._rtm_changed:
            self._rtm_changed.notify_all()

    def _rtm_url(self, token: str) -> str:
        scheme = "wss" if self._scheme == "https" else "ws"
        return f"{scheme}://{self._host_name}:{self._rtm_port}{_RTM_PATH}{token}"

    def _hand_out_rtm_url(self) -> str:
        """A fresh session URL, live for 30 s from now (the fixed one without websockets)."""
        if self._rtm_listener is None:
            return self._websocket_url
        with self._lock:
            if self._rtm_token_handed_out:
                self._rtm_token = secrets.token_hex(24)
            self._rtm_token_handed_out = True
            now = _now()
            # URLs nobody used expire: forget them, so that thousands of calls do not pile up.
            self._rtm_urls = {token: at for token, at in self._rtm_urls.items() if now - at < _RTM_URL_LIFETIME}
            self._rtm_urls[self._rtm_token] = now
            return self._rtm_url(self._rtm_token)

    def _claim_rtm_url(self, token: str) -> bool:
        """Whether ``token`` is live; claiming it uses it up."""
        with self._lock:
            handed_out_at = self._rtm_urls.pop(token, None)
        return handed_out_at is not None and _now() - handed_out_at < _RTM_URL_LIFETIME

    def _next_ts(self) -> str:
        """A message timestamp like Slack's ("1355517523.000005"), unique on this server."""
        with self._lock:
            self._rtm_ts += 1
            return f"{int(time.time())}.{self._rtm_ts:06d}"

    def _ok_body(self, url: str, overrides: typing.Mapping[str, typing.Any]) -> typing.Dict[str, typing.Any]:
        body: typing.Dict[str, typing.Any] = {
            "ok": True,
            "url": url,
            "team": {"id": _TEAM_ID, "name": _TEAM_NAME, "domain": _TEAM_DOMAIN},
            "self": {"id": _USER_ID, "name": _USER_NAME},
        }
        body.update(copy.deepcopy(dict(overrides)))
        return body

    def _ok_reply(self, overrides: typing.Mapping[str, typing.Any]) -> _Reply:
        url = overrides["url"] if "url" in overrides else self._hand_out_rtm_url()
        return _json_reply(200, self._ok_body(url, overrides))

    def _rtm_connect_reply(self, token: str) -> _Reply:
        return self._ok_reply({})

    def _auth_test_reply(self, token: str) -> _Reply:
        body: typing.Dict[str, typing.Any] = {
            "ok": True,
            "url": f"https://{_TEAM_DOMAIN}.slack.com/",
            "team": _TEAM_NAME,
            "user": _USER_NAME,
            "team_id": _TEAM_ID,
            "user_id": _USER_ID,
        }
        if _token_type(token) == "bot":
            body["bot_id"] = _BOT_ID
        body["is_enterprise_install"] = False
        return _json_reply(200, body)

    def _accepts(self, token: str) -> bool:
        return bool(_WELL_FORMED_TOKEN.fullmatch(token)) if self._tokens is None else token in self._tokens

    def _record(
        self, request: RecordedRequest, arguments: _Arguments, cancelled: threading.Event
    ) -> typing.Optional[_Reply]:
        """Record ``request`` and pick its reply: the next queued one, else Slack's default.

        None means the connection was ended by stop() or reset() and the request belongs to no test.
        """
        with self._lock:
            if cancelled.is_set():
                return None
            self._requests.append(request)
            queued = self._replies.popleft() if self._replies else None
        if queued is not None:
            return queued if queued.ok_overrides is None else self._ok_reply(queued.ok_overrides)
        return self._default_reply(request, arguments)

    def _default_reply(self, request: RecordedRequest, arguments: _Arguments) -> _Reply:
        """Slack's answer, checked in Slack's order: the method, the body, the token, the token's type."""
        if not request.path.startswith(_API_PREFIX):
            return _json_reply(404, {"ok": False, "error": "not_found"})
        name = urllib.parse.unquote(request.path[len(_API_PREFIX) :])
        method = _METHODS.get(name) if request.method in ("GET", "POST") else None
        if method is None:
            return _json_reply(200, {"ok": False, "error": "unknown_method", "req_method": name})
        token = _token_of(request.headers, arguments)
        if arguments.error is not None:
            error = arguments.error
        elif token is None:
            error = "not_authed"
        elif not self._accepts(token):
            error = "invalid_auth"
        elif _token_type(token) in method.refused_token_types:
            error = "not_allowed_token_type"
        else:
            return method.answer(self, token)
        return _json_reply(200, {"ok": False, "error": error})


class _Method(typing.NamedTuple):
    """A Web API method the fake serves: its success reply, and the token types Slack refuses for it."""

    answer: typing.Callable[[FakeSlackServer, str], _Reply]
    refused_token_types: typing.FrozenSet[str] = frozenset()


_API_PREFIX = "/api/"
_METHODS: typing.Dict[str, _Method] = {
    "auth.test": _Method(FakeSlackServer._auth_test_reply),
    # RTM is for classic bot and user tokens; app-level tokens are for Socket Mode only.
    "rtm.connect": _Method(FakeSlackServer._rtm_connect_reply, frozenset({"app"})),
}


def _end_connections(sockets: typing.List[socket.socket], threads: typing.List[threading.Thread]) -> None:
    for sock in sockets:
        _shutdown(sock)
    deadline = time.monotonic() + _JOIN_TIMEOUT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
