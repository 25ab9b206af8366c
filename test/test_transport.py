# hand-written in the generated style
"""When no complete HTTP response comes: refused, dropped or cut-off connections, DNS failure, timeouts.

Each raises ``ApiConnectionError`` (``ApiTimeoutError`` for timeouts), an
``ApiException`` with ``status == 0`` and the urllib3 exception chained as
``__cause__``. Timeouts come from ``configuration.timeout`` (30 s by default) or
a per-call ``timeout=``.
"""
import json
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

from conftest import (
    LONG_TIMEOUT,
    QUERY,
    SHORT_TIMEOUT,
    RawServer,
    call,
    hang_up,
    http_reply,
    outcome,
    raised,
    read_request,
    replying,
)

# Headers promise 100 bytes; 10 come, then the connection closes (or stalls).
_CUT_OFF = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
            b"x-slack-req-id: req-cut\r\n\r\n" + b'{"ok": tru')


def _root_cause(error: BaseException) -> BaseException:
    """The urllib3 failure behind a MaxRetryError, or the error itself."""
    cause = error.__cause__
    assert isinstance(cause, u3.HTTPError), f"cause is {cause!r}"
    if isinstance(cause, u3.MaxRetryError) and cause.reason is not None:
        return cause.reason
    return cause


def _assert_no_response(e: typing.Any, kind: type = slack.ApiConnectionError) -> None:
    assert type(e) is kind, e
    assert e.status == 0
    assert (e.body, e.headers, e.api_response, e.error, e.retry_after, e.request_id) == (None,) * 6
    assert str(e).startswith("(0) ")
    assert "\n" not in str(e)
    assert QUERY["token"] not in str(e)


# --- connection failures -------------------------------------------------------------------------


def test_refused_connection_raises_api_connection_error_with_status_0(closed_port: int) -> None:
    e = call(f"http://127.0.0.1:{closed_port}/api", retries=0)
    _assert_no_response(e)
    assert e.reason == "connection failed"
    assert isinstance(_root_cause(e), u3.NewConnectionError)
    assert "could not connect" in str(e)


def test_dropped_connection_raises_api_connection_error(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(drop=True)
    e = outcome(api)
    _assert_no_response(e)
    assert e.reason == "connection dropped"
    assert isinstance(_root_cause(e), u3.ProtocolError)
    assert len(fake.requests) == 1


def test_the_client_works_again_after_a_dropped_connection(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(drop=True)
    assert isinstance(outcome(api), slack.ApiConnectionError)
    assert isinstance(outcome(api), ApiResponseFor200)


@pytest.mark.parametrize("stream", [False, True])
def test_server_closing_mid_body_raises_api_connection_error(stream: bool) -> None:
    with replying(_CUT_OFF, then=hang_up) as server:
        with slack.ApiClient(slack.Configuration(host=server.host)) as client:
            e = outcome(RtmApi(client), stream=stream)
        _assert_no_response(e)
        assert e.reason == "connection dropped"
        assert isinstance(_root_cause(e), u3.ProtocolError)
        assert len(server.requests) == 1  # a request that got an answer, even half of one, is not resent


def test_streamed_response_whose_body_stalls_raises_api_timeout_error() -> None:
    # Without the timeout, the server's hang-up after 0.3 s would end the call as a dropped connection.
    with replying(_CUT_OFF, then=lambda conn: server.stopped.wait(0.3)) as server:
        with slack.ApiClient(slack.Configuration(host=server.host)) as client:
            e = outcome(RtmApi(client), stream=True, timeout=SHORT_TIMEOUT)
    _assert_no_response(e, slack.ApiTimeoutError)
    assert isinstance(_root_cause(e), u3.ReadTimeoutError)


def test_streamed_success_is_read_and_validated_like_any_other(api: RtmApi, fake: FakeSlackServer) -> None:
    response = api.rtm_connect(query_params=QUERY, stream=True)
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
    e = call("http://slack-sdk-test.invalid/api", retries=0)
    _assert_no_response(e)
    assert isinstance(_root_cause(e), u3.NewConnectionError)  # NameResolutionError in urllib3 2.x
    assert e.reason == "connection failed"


# --- timeouts ------------------------------------------------------------------------------------


def test_read_timeout_raises_api_timeout_error_and_is_not_retried(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(delay=0.3)  # an empty 200, not a success: waited out, it would fail the test too
    e = outcome(api, timeout=SHORT_TIMEOUT)
    _assert_no_response(e, slack.ApiTimeoutError)
    assert isinstance(e, slack.ApiConnectionError)
    assert e.reason == "timeout"
    assert "timed out" in str(e)
    assert isinstance(_root_cause(e), u3.ReadTimeoutError)
    assert len(fake.requests) == 1


def test_configuration_timeout_defaults_to_30_seconds(api_client: slack.ApiClient) -> None:
    assert slack.Configuration().timeout == 30
    timeout = api_client.rest_client.timeout
    assert (timeout.connect_timeout, timeout.read_timeout) == (30, 30)


def test_configuration_timeout_applies_to_every_call(fake: FakeSlackServer) -> None:
    fake.queue_reply(200, None, fake.ok_body(), delay=0.3)
    assert isinstance(call(fake.host, timeout=SHORT_TIMEOUT), slack.ApiTimeoutError)


@pytest.mark.parametrize("per_call", [5, 5.0, (5, 5), urllib3.Timeout(connect=5, read=5)])
def test_per_call_timeout_overrides_the_configuration(fake: FakeSlackServer, per_call: typing.Any) -> None:
    # The reply comes after three times the configured timeout: only the per-call one lets it arrive.
    fake.queue_reply(200, None, fake.ok_body(), delay=SHORT_TIMEOUT)
    response = call(fake.host, timeout=SHORT_TIMEOUT / 3, call_timeout=per_call)
    assert isinstance(response, ApiResponseFor200), response


def test_per_call_read_timeout_in_a_pair_is_the_read_part(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(200, None, fake.ok_body(), delay=0.3)
    assert isinstance(outcome(api, timeout=(LONG_TIMEOUT, SHORT_TIMEOUT)), slack.ApiTimeoutError)


def test_connect_timeout_raises_api_timeout_error(unanswered_port: int) -> None:
    # The deadline only bounds a client that ignores the connect timeout: the reason then says "deadline".
    e = call(f"http://127.0.0.1:{unanswered_port}/api", retries=0, timeout=(SHORT_TIMEOUT, LONG_TIMEOUT),
             deadline=LONG_TIMEOUT)
    _assert_no_response(e, slack.ApiTimeoutError)
    assert e.reason == "timeout"
    assert isinstance(_root_cause(e), u3.ConnectTimeoutError)
    assert not isinstance(_root_cause(e), u3.NewConnectionError)


# --- kept-alive connections ------------------------------------------------------------------------


def _one_answer_per_connection(conn: socket.socket) -> None:
    """Answers the first request kept-alive, then closes without answering the next, as an idle timeout does."""
    if read_request(conn):
        conn.sendall(http_reply())
    read_request(conn)


@pytest.mark.parametrize("retries", [0, False, urllib3.Retry(0)])
def test_a_kept_alive_connection_closed_while_idle_is_retried_once_on_a_new_one(retries: typing.Any) -> None:
    with RawServer(_one_answer_per_connection) as server:
        with slack.ApiClient(slack.Configuration(host=server.host, retries=retries)) as client:
            api = RtmApi(client)
            for _ in range(5):
                api.rtm_connect(query_params=QUERY)
        assert server.connections == 5


def test_a_fresh_connection_closed_without_an_answer_is_not_retried() -> None:
    with RawServer(read_request) as server:  # reads the request, then hangs up
        result = call(server.host, retries=0)
        assert isinstance(result, slack.ApiConnectionError) and result.reason == "connection dropped"
        assert server.connections == 1


def test_the_stale_connection_retry_happens_once_per_call() -> None:
    def answer_once_then_never(conn: socket.socket) -> None:
        if read_request(conn) and server.connections == 1:
            conn.sendall(http_reply())
            read_request(conn)

    with RawServer(answer_once_then_never) as server:
        with slack.ApiClient(slack.Configuration(host=server.host, retries=0)) as client:
            api = RtmApi(client)
            api.rtm_connect(query_params=QUERY)
            raised(api)
        assert server.connections == 2  # the kept-alive one, and one retry on a new connection


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts file descriptors in /proc")
def test_close_closes_pooled_connections_even_while_responses_are_referenced(fake: FakeSlackServer) -> None:
    call(fake.host)  # lazy imports open files once
    before = _open_fds()
    kept = []
    for _ in range(20):
        client = slack.ApiClient(slack.Configuration(host=fake.host))
        kept.append(RtmApi(client).rtm_connect(query_params=QUERY))
        client.close()
    # The client's sockets close at once; the fake's own ends close when they see it.
    for _ in range(50):
        if _open_fds() <= before:
            break
        time.sleep(0.02)
    assert _open_fds() <= before
    assert len(kept) == 20


def test_close_ends_a_call_in_flight_in_another_thread() -> None:
    with FakeSlackServer() as fake:
        fake.queue_reply(body={"ok": True}, delay=LONG_TIMEOUT)
        client = slack.ApiClient(slack.Configuration(host=fake.host, timeout=LONG_TIMEOUT))
        outcome: typing.List[typing.Any] = []

        def calling() -> None:
            try:
                RtmApi(client).rtm_connect(query_params=QUERY)
            except slack.ApiException as e:
                outcome.append(e)

        caller = threading.Thread(target=calling)
        caller.start()
        while not fake.requests:
            time.sleep(0.005)
        client.close()
        caller.join(LONG_TIMEOUT)
    assert len(outcome) == 1 and outcome[0].reason == "closed" and type(outcome[0]) is slack.ApiConnectionError


def test_an_informational_response_before_the_answer_is_skipped_and_never_reaches_the_next_call() -> None:
    from conftest import read_request, success_body

    def handler(conn: socket.socket) -> None:
        n = 0
        while True:
            head = read_request(conn)
            if not head:
                return
            n += 1
            body = json.dumps(success_body(url=f"wss://x/{n}")).encode()
            conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n" + http_reply(body))

    with RawServer(handler) as server:
        with slack.ApiClient(slack.Configuration(host=server.host)) as client:
            api = RtmApi(client)
            urls = [api.rtm_connect(query_params=QUERY).body["url"] for _ in range(3)]
    assert urls == ["wss://x/1", "wss://x/2", "wss://x/3"]
