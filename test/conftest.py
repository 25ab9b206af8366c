"""Shared fixtures and helpers: a FakeSlackServer on loopback and a client configured for it, a
raw-socket server for hostile replies, ports that refuse or never answer, success bodies, and calls
that hand back the response or the exception. A timeout or deadline that a test expects to expire
is ``SHORT_TIMEOUT``; a bound that is only reached when a test fails is ``LONG_TIMEOUT``; waits
between attempts (backoff, ``Retry-After``) are recorded by ``planned_waits``, never slept.
"""
import copy
import email.utils
import gc
import json
import socket
import threading
import typing
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import strategies as st

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

SHORT_TIMEOUT = 0.03  # still many times what anything on loopback takes
LONG_TIMEOUT = 5.0

# Every character UTF-8 can encode (all but the surrogates): what st.text() draws when given no alphabet.
# Named, Hypothesis takes the set from its table of categories; left to st.text(), it works it out from
# the codec, which takes over a second on a machine without Hypothesis's cache, such as CI's fresh clone.
CHARACTERS = st.characters(exclude_categories=("Cs",))

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file", "ssl_cert_dir")


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, test items, strategies) lives as long as the run:
    frozen, the garbage collector no longer walks it at each full collection, which the tests' many
    short-lived objects set off again and again (and which would pause a test's threads while it ran)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to loopback: a proxy or CA bundle set on the machine must not interfere."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def fake() -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer() as server:
        yield server


@pytest.fixture
def configuration(fake: FakeSlackServer) -> slack.Configuration:
    return slack.Configuration(host=fake.host)


@pytest.fixture
def api_client(configuration: slack.Configuration) -> typing.Iterator[slack.ApiClient]:
    with slack.ApiClient(configuration) as client:
        yield client


@pytest.fixture
def api(api_client: slack.ApiClient) -> RtmApi:
    return RtmApi(api_client)


# --- bodies and replies ----------------------------------------------------------------------------

QUERY = {"token": "xoxb-conftest-0001"}
# What the fake's auth.test says of a bot token (a user or app token gets the same without bot_id).
AUTH_TEST_BODY = {
    "ok": True,
    "url": "https://fake-slack.slack.com/",
    "team": "Fake Slack",
    "user": "fake-bot",
    "team_id": "T0FAKE0001",
    "user_id": "U0FAKE0001",
    "bot_id": "B0FAKE0001",
    "is_enterprise_install": False,
}


def success_body(**overrides: typing.Any) -> typing.Dict[str, typing.Any]:
    """A valid rtm.connect success body, with top-level keys (``self`` among them) overridden."""
    body: typing.Dict[str, typing.Any] = {
        "ok": True,
        "url": "wss://wss-primary.slack.com/websocket/x",
        "team": {"id": "T0001", "name": "n", "domain": "d"},
        "self": {"id": "U0001", "name": "b"},
    }
    body.update(copy.deepcopy(overrides))
    return body


SUCCESS_BODY = json.dumps(success_body()).encode()


def http_reply(
    body: typing.Union[bytes, typing.Mapping[str, typing.Any]] = SUCCESS_BODY, status: str = "200 OK", *headers: str
) -> bytes:
    """One complete HTTP/1.1 response with a JSON body (bytes as given, a mapping JSON-encoded) and a Content-Length."""
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    head = [f"HTTP/1.1 {status}", "Content-Type: application/json", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def http_date(offset_seconds: float) -> str:
    """An HTTP date (as a ``Retry-After`` may be) this many seconds from now."""
    return email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=offset_seconds), usegmt=True)


# --- a server that misbehaves at the byte level ---------------------------------------------------


class RawServer:
    """A loopback TCP server that runs ``handler(conn)`` for each connection, in its own thread.

    ``handler`` reads and writes raw bytes, so it can do what no HTTP server library allows:
    trickle, lie about lengths, cut a response in half. ``stop()`` closes every socket, which
    ends a handler blocked on it, and joins the threads. ``requests`` holds the request heads
    that ``replying`` servers read.
    """

    def __init__(self, handler: typing.Callable[[socket.socket], None]) -> None:
        self._handler = handler
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        self.host = f"http://127.0.0.1:{self.port}/api"
        self.stopped = threading.Event()
        self.connections = 0
        self.requests: typing.List[bytes] = []
        self._sockets: typing.List[socket.socket] = []
        self._threads: typing.List[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, name="RawServer", daemon=True)
        self._accepter.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            self._sockets.append(conn)
            thread = threading.Thread(target=self._run, args=(conn,), name="RawServer-conn", daemon=True)
            self._threads.append(thread)
            thread.start()

    def _run(self, conn: socket.socket) -> None:
        with conn:
            try:
                self._handler(conn)
            except OSError:
                pass  # the client hung up, or stop() closed the socket

    def stop(self) -> None:
        self.stopped.set()
        for sock in [self._listener, *self._sockets]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._listener.close()
        for thread in [self._accepter, *self._threads]:
            thread.join(timeout=1)

    def __enter__(self) -> "RawServer":
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self.stop()


def read_request(conn: socket.socket) -> bytes:
    """The head of one request (requests we send have no body), or b"" if the client hung up."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return b""
        data += chunk
    return data


def replying(data: bytes, *, then: typing.Optional[typing.Callable[[socket.socket], None]] = None) -> RawServer:
    """A RawServer that answers each request with ``data``, on the same connection while it lasts.

    With ``then``, it runs ``then(conn)`` after the first answer and ends the connection. The
    request heads it read are kept in ``server.requests``.
    """
    server: RawServer

    def handler(conn: socket.socket) -> None:
        while True:
            request = read_request(conn)
            if not request:
                return
            server.requests.append(request)
            conn.sendall(data)
            if then is not None:
                then(conn)
                return

    server = RawServer(handler)
    return server


def hang_up(conn: socket.socket) -> None:
    """For ``replying(then=...)``: close the connection, so that a body without a length ends here."""
    conn.shutdown(socket.SHUT_RDWR)


# --- ports ------------------------------------------------------------------------------------------


@pytest.fixture
def closed_port() -> int:
    """A loopback port that nobody listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def unanswered_port() -> typing.Iterator[int]:
    """A loopback port whose listener never accepts and whose backlog is full: a connect gets no answer.

    One for the session: finding out that this kernel leaves a connect unanswered takes a timeout.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        address = listener.getsockname()
        fillers = [socket.socket() for _ in range(8)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                filler.connect_ex(address)
            try:
                socket.create_connection(address, timeout=SHORT_TIMEOUT).close()
            except socket.timeout:
                pass
            else:
                pytest.skip("this kernel accepts connections past a full backlog; no connect goes unanswered")
            yield int(address[1])
        finally:
            for filler in fillers:
                filler.close()


# --- calling --------------------------------------------------------------------------------------


def outcome(api: RtmApi, query_params: typing.Any = QUERY, **kwargs: typing.Any) -> typing.Any:
    """One rtm.connect call on ``api``: the response, or the ApiException it raised."""
    try:
        return api.rtm_connect(query_params=query_params, **kwargs)
    except slack.ApiException as e:
        return e


def raised(api: RtmApi, query_params: typing.Any = QUERY, **kwargs: typing.Any) -> slack.ApiException:
    """The ApiException that one rtm.connect call on ``api`` raised; a success fails the test."""
    with pytest.raises(slack.ApiException) as info:
        api.rtm_connect(query_params=query_params, **kwargs)
    return info.value


def call(host: str, **settings: typing.Any) -> typing.Any:
    """One rtm.connect call with these settings: the response, or the ApiException it raised.

    ``call_timeout=`` is the call's own ``timeout=``; ``query_params=`` replaces ``QUERY``.
    """
    kwargs = {"timeout": settings.pop("call_timeout", None), "query_params": settings.pop("query_params", QUERY)}
    with slack.ApiClient(slack.Configuration(host=host, **settings)) as client:
        return outcome(RtmApi(client), **kwargs)


@pytest.fixture
def planned_waits(monkeypatch: pytest.MonkeyPatch) -> typing.List[float]:
    """The waits between attempts (backoff, Retry-After) that the client plans, recorded, not slept."""
    waits: typing.List[float] = []
    monkeypatch.setattr("slack.rest._sleep", waits.append)
    return waits


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


needs_ipv6 = pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback on this machine")


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> typing.Tuple[typing.Any, str]:
    """A server TLS context for 127.0.0.1, and the path of the CA file that verifies it (trustme).

    It sends no TLS 1.3 session tickets. A websockets sync client reads them in its background thread while
    its main thread writes the upgrade request, and Python's SSL sockets are not safe for that: about one
    wss handshake in a hundred then lost its request and hung until a timeout (5 s, or a failed test).
    """
    import ssl

    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.num_tickets = 0
    ca.issue_cert("127.0.0.1").configure_cert(context)
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return context, str(path)
