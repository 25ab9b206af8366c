"""Shared fixtures: a FakeSlackServer on loopback and a client configured for it."""
import socket
import threading
import typing

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file", "ssl_cert_dir")


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


# --- a server that misbehaves at the byte level ---------------------------------------------------

QUERY = {"token": "xoxb-conftest-0001"}
SUCCESS_BODY = (b'{"ok": true, "url": "wss://wss-primary.slack.com/websocket/x", '
                b'"team": {"id": "T0001", "name": "n", "domain": "d"}, "self": {"id": "U0001", "name": "b"}}')


def http_reply(body: bytes = SUCCESS_BODY, status: str = "200 OK", *headers: str) -> bytes:
    """One complete HTTP/1.1 response with a JSON body and a Content-Length."""
    head = [f"HTTP/1.1 {status}", "Content-Type: application/json", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class RawServer:
    """A loopback TCP server that runs ``handler(conn)`` for each connection, in its own thread.

    ``handler`` reads and writes raw bytes, so it can do what no HTTP server library allows:
    trickle, lie about lengths, cut a response in half. ``stop()`` closes every socket, which
    ends a handler blocked on it, and joins the threads.
    """

    def __init__(self, handler: typing.Callable[[socket.socket], None]) -> None:
        self._handler = handler
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        self.host = f"http://127.0.0.1:{self.port}/api"
        self.stopped = threading.Event()
        self.connections = 0
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


def call(host: str, **settings: typing.Any) -> typing.Any:
    """One rtm.connect call with these settings: the response, or the ApiException it raised."""
    timeout = settings.pop("call_timeout", None)
    with slack.ApiClient(slack.Configuration(host=host, **settings)) as client:
        try:
            return RtmApi(client).rtm_connect(query_params=QUERY, timeout=timeout)
        except slack.ApiException as e:
            return e


@pytest.fixture
def planned_waits(monkeypatch: pytest.MonkeyPatch) -> typing.List[float]:
    """The waits between attempts (backoff, Retry-After) that the client plans, recorded, not slept."""
    waits: typing.List[float] = []
    monkeypatch.setattr("slack.rest._sleep", waits.append)
    return waits


@pytest.fixture
def closed_port() -> int:
    """A loopback port that nobody listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
