# hand-written in the generated style
"""When no complete HTTP response comes: refused, dropped or cut-off connections, DNS failure, timeouts.

Each raises ``ApiConnectionError`` (``ApiTimeoutError`` for timeouts), an
``ApiException`` with ``status == 0`` and the urllib3 exception chained as
``__cause__``. Timeouts come from ``configuration.timeout`` (30 s by default) or
a per-call ``timeout=``.
"""
import os
import socket
import threading
import time
import typing

import pytest
import urllib3
from urllib3 import exceptions as u3

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import ApiResponseFor200
from slack.testing import FakeSlackServer

TOKEN = "xoxb-TRANSPORT-1234567890"


class RawServer:
    """A loopback server that answers every request with scripted bytes, then (optionally) waits, then hangs up."""

    def __init__(self, reply: bytes, *, linger: float = 0.0) -> None:
        self.reply = reply
        self.linger = linger
        self.requests = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.05)  # so that the accept loop sees _stop promptly
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}/api"

    def __enter__(self) -> "RawServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=5)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            received = b""
            while b"\r\n\r\n" not in received:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                received += chunk
            self.requests += 1
            conn.sendall(self.reply)
            self._stop.wait(self.linger)


# Headers promise 100 bytes; 10 come, then the connection closes (or stalls, with linger).
_CUT_OFF = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
            b"x-slack-req-id: req-cut\r\n\r\n" + b'{"ok": tru')


def _call(api: RtmApi, **kwargs: typing.Any) -> typing.Any:
    return api.rtm_connect(query_params={"token": TOKEN}, **kwargs)


def _raises_connection_error(
    host: str, call: typing.Optional[typing.Dict[str, typing.Any]] = None, **settings: typing.Any
) -> slack.ApiConnectionError:
    with slack.ApiClient(slack.Configuration(host=host, **settings)) as client:
        with pytest.raises(slack.ApiConnectionError) as info:
            _call(RtmApi(client), **(call or {}))
    return info.value


def _root_cause(error: BaseException) -> BaseException:
    """The urllib3 failure behind a MaxRetryError, or the error itself."""
    cause = error.__cause__
    assert isinstance(cause, u3.HTTPError), f"cause is {cause!r}"
    if isinstance(cause, u3.MaxRetryError) and cause.reason is not None:
        return cause.reason
    return cause


def _assert_no_response(e: slack.ApiException) -> None:
    assert e.status == 0
    assert (e.body, e.headers, e.api_response, e.error, e.retry_after, e.request_id) == (None,) * 6
    assert str(e).startswith("(0) ")
    assert "\n" not in str(e)
    assert TOKEN not in str(e)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- connection failures -------------------------------------------------------------------------


def test_connection_errors_are_api_exceptions_and_timeouts_are_connection_errors() -> None:
    assert issubclass(slack.ApiConnectionError, slack.ApiException)
    assert issubclass(slack.ApiTimeoutError, slack.ApiConnectionError)


def test_refused_connection_raises_api_connection_error_with_status_0(fake: FakeSlackServer) -> None:
    e = _raises_connection_error(f"http://127.0.0.1:{_closed_port()}/api", retries=0)
    assert type(e) is slack.ApiConnectionError
    _assert_no_response(e)
    assert e.reason == "connection failed"
    assert isinstance(_root_cause(e), u3.NewConnectionError)
    assert "could not connect" in str(e)
    assert fake.requests == []


def test_dropped_connection_raises_api_connection_error(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(drop=True)
    with pytest.raises(slack.ApiConnectionError) as info:
        _call(api)
    e = info.value
    assert type(e) is slack.ApiConnectionError
    _assert_no_response(e)
    assert e.reason == "connection dropped"
    assert isinstance(_root_cause(e), u3.ProtocolError)
    assert len(fake.requests) == 1


def test_the_client_works_again_after_a_dropped_connection(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(drop=True)
    with pytest.raises(slack.ApiConnectionError):
        _call(api)
    assert isinstance(_call(api), ApiResponseFor200)


@pytest.mark.parametrize("stream", [False, True])
def test_server_closing_mid_body_raises_api_connection_error(stream: bool) -> None:
    with RawServer(_CUT_OFF) as server:
        e = _raises_connection_error(server.host, {"stream": stream})
        assert type(e) is slack.ApiConnectionError
        _assert_no_response(e)
        assert e.reason == "connection dropped"
        assert isinstance(_root_cause(e), u3.ProtocolError)
        assert server.requests == 1  # a request that got an answer, even half of one, is not resent


def test_streamed_response_whose_body_stalls_raises_api_timeout_error() -> None:
    with RawServer(_CUT_OFF, linger=3) as server, slack.ApiClient(slack.Configuration(host=server.host)) as client:
        start = time.monotonic()
        with pytest.raises(slack.ApiTimeoutError) as info:
            _call(RtmApi(client), stream=True, timeout=0.5)
        assert time.monotonic() - start < 2.5  # the 3 s stall was not waited out
    assert isinstance(_root_cause(info.value), u3.ReadTimeoutError)
    _assert_no_response(info.value)


def test_streamed_success_is_read_and_validated_like_any_other(api: RtmApi, fake: FakeSlackServer) -> None:
    response = _call(api, stream=True)
    assert isinstance(response, ApiResponseFor200)
    assert response.body["url"] == fake.ok_body()["url"]


def test_dns_failure_raises_api_connection_error() -> None:
    start = time.monotonic()
    try:
        socket.getaddrinfo("slack-sdk-test.invalid", 80)
    except socket.gaierror:
        pass
    else:
        pytest.skip("this machine's resolver answers for .invalid names")
    if time.monotonic() - start > 5:
        pytest.skip("name resolution is too slow on this machine")
    e = _raises_connection_error("http://slack-sdk-test.invalid/api", retries=0)
    assert type(e) is slack.ApiConnectionError
    _assert_no_response(e)
    assert isinstance(_root_cause(e), u3.NewConnectionError)  # NameResolutionError in urllib3 2.x
    assert e.reason == "connection failed"


# --- timeouts ------------------------------------------------------------------------------------


def test_read_timeout_raises_api_timeout_error_and_is_not_retried(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(delay=3)
    start = time.monotonic()
    with pytest.raises(slack.ApiTimeoutError) as info:
        _call(api, timeout=0.5)
    assert time.monotonic() - start < 2.5
    e = info.value
    assert isinstance(e, slack.ApiConnectionError)
    _assert_no_response(e)
    assert e.reason == "timeout"
    assert "timed out" in str(e)
    assert isinstance(_root_cause(e), u3.ReadTimeoutError)
    assert len(fake.requests) == 1


def test_configuration_timeout_defaults_to_30_seconds(api_client: slack.ApiClient) -> None:
    assert slack.Configuration().timeout == 30
    timeout = api_client.rest_client.timeout
    assert (timeout.connect_timeout, timeout.read_timeout) == (30, 30)


def test_configuration_timeout_applies_to_every_call(fake: FakeSlackServer) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host, timeout=0.3)) as client:
        fake.queue_reply(200, None, fake.ok_body(), delay=1)
        with pytest.raises(slack.ApiTimeoutError):
            _call(RtmApi(client))


@pytest.mark.parametrize("per_call", [5, 5.0, (5, 5), urllib3.Timeout(connect=5, read=5)])
def test_per_call_timeout_overrides_the_configuration(fake: FakeSlackServer, per_call: typing.Any) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host, timeout=0.2)) as client:
        fake.queue_reply(200, None, fake.ok_body(), delay=0.5)
        assert isinstance(_call(RtmApi(client), timeout=per_call), ApiResponseFor200)


def test_per_call_read_timeout_in_a_pair_is_the_read_part(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(200, None, fake.ok_body(), delay=2)
    with pytest.raises(slack.ApiTimeoutError):
        _call(api, timeout=(5, 0.3))


@pytest.mark.parametrize(("timeout", "error"), [
    (0, slack.ApiValueError), (-1, slack.ApiValueError), (float("inf"), slack.ApiValueError),
    ("5", slack.ApiTypeError), ((1, 2, 3), slack.ApiTypeError), (True, slack.ApiTypeError)])
def test_a_bad_per_call_timeout_is_refused_before_sending(
    api: RtmApi, fake: FakeSlackServer, timeout: typing.Any, error: type
) -> None:
    with pytest.raises(error, match="timeout"):
        _call(api, timeout=timeout)
    assert fake.requests == []


def _full_backlog() -> typing.Tuple[socket.socket, typing.List[socket.socket]]:
    """A listener that never accepts, with its accept queue full: the next SYN gets no answer."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        try:
            filler.connect(listener.getsockname())
        except BlockingIOError:
            pass
        fillers.append(filler)
    time.sleep(0.05)
    return listener, fillers


def test_connect_timeout_raises_api_timeout_error() -> None:
    listener, fillers = _full_backlog()
    try:
        port = listener.getsockname()[1]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
        except socket.timeout:
            pass
        else:
            pytest.skip("this kernel accepts connections past a full backlog; no deterministic connect timeout")
        start = time.monotonic()
        e = _raises_connection_error(f"http://127.0.0.1:{port}/api", retries=0, timeout=(0.3, 5))
        assert time.monotonic() - start < 2.5
        assert type(e) is slack.ApiTimeoutError
        _assert_no_response(e)
        assert e.reason == "timeout"
        assert isinstance(_root_cause(e), u3.ConnectTimeoutError)
        assert not isinstance(_root_cause(e), u3.NewConnectionError)
    finally:
        for sock in (*fillers, listener):
            sock.close()


# --- kept-alive connections ------------------------------------------------------------------------


def _one_answer_per_connection(conn: socket.socket) -> None:
    """Answers the first request kept-alive, then closes without answering the next, as an idle timeout does."""
    from conftest import http_reply, read_request

    if read_request(conn):
        conn.sendall(http_reply())
    read_request(conn)


@pytest.mark.parametrize("retries", [0, False, urllib3.Retry(0)])
def test_a_kept_alive_connection_closed_while_idle_is_retried_once_on_a_new_one(retries: typing.Any) -> None:
    from conftest import QUERY, RawServer

    with RawServer(_one_answer_per_connection) as server:
        with slack.ApiClient(slack.Configuration(host=server.host, retries=retries)) as client:
            api = RtmApi(client)
            for _ in range(5):
                api.rtm_connect(query_params=QUERY)
        assert server.connections == 5


def test_a_fresh_connection_closed_without_an_answer_is_not_retried() -> None:
    from conftest import RawServer, call, read_request

    with RawServer(read_request) as server:  # reads the request, then hangs up
        result = call(server.host, retries=0)
        assert isinstance(result, slack.ApiConnectionError) and result.reason == "connection dropped"
        assert server.connections == 1


def test_the_stale_connection_retry_happens_once_per_call() -> None:
    from conftest import QUERY, RawServer, http_reply, read_request

    def answer_once_then_never(conn: socket.socket) -> None:
        if read_request(conn) and server.connections == 1:
            conn.sendall(http_reply())
            read_request(conn)

    with RawServer(answer_once_then_never) as server:
        with slack.ApiClient(slack.Configuration(host=server.host, retries=0)) as client:
            api = RtmApi(client)
            api.rtm_connect(query_params=QUERY)
            with pytest.raises(slack.ApiConnectionError):
                api.rtm_connect(query_params=QUERY)
        assert server.connections == 2  # the kept-alive one, and one retry on a new connection


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts file descriptors in /proc")
def test_close_closes_pooled_connections_even_while_responses_are_referenced() -> None:
    with FakeSlackServer() as fake:
        with slack.ApiClient(slack.Configuration(host=fake.host)) as warm_up:  # lazy imports open files once
            RtmApi(warm_up).rtm_connect(query_params={"token": TOKEN})
        before = _open_fds()
        kept = []
        for _ in range(20):
            client = slack.ApiClient(slack.Configuration(host=fake.host))
            kept.append(RtmApi(client).rtm_connect(query_params={"token": TOKEN}))
            client.close()
        # The client's sockets close at once; the fake's own ends close when they see it.
        for _ in range(50):
            if _open_fds() <= before:
                break
            time.sleep(0.02)
        assert _open_fds() <= before
        assert len(kept) == 20
