"""The deadline: one call, every attempt, wait and byte included, ends within ``Configuration.deadline``.

The servers here trickle bytes slowly enough that no read ever times out; only the
deadline can end such a call. Each one gives up by itself soon after the deadline, so
a client without a deadline ends in success, and the test fails, instead of hanging.
Planned waits (backoff, ``Retry-After``) are recorded through the ``planned_waits``
fixture, not slept.
"""
import socket
import ssl
import threading
import time
import typing

import pytest
import urllib3

import slack
import slack.testing

from conftest import LONG_TIMEOUT, SHORT_TIMEOUT, SUCCESS_BODY, RawServer, call, http_reply, read_request

TRICKLE = 0.02  # seconds between bytes
GIVE_UP = 0.3  # a trickling server sends the rest at once after this long: ten deadlines
SHORT = SHORT_TIMEOUT  # the deadline in these tests


def _trickle(conn: socket.socket, server: RawServer, data: bytes) -> None:
    """Send ``data`` a byte at a time; after GIVE_UP seconds, the rest at once."""
    give_up = time.monotonic() + GIVE_UP
    for i in range(len(data)):
        if time.monotonic() > give_up:
            conn.sendall(data[i:])
            return
        conn.sendall(data[i:i + 1])
        if server.stopped.wait(TRICKLE):
            return


def _trickling_server(make: typing.Callable[[], bytes], at: int = 0) -> RawServer:
    """Answers each request with ``make()``: the first ``at`` bytes at once, the rest trickled."""
    server: RawServer

    def handler(conn: socket.socket) -> None:
        while read_request(conn):
            data = make()
            conn.sendall(data[:at])
            _trickle(conn, server, data[at:])

    server = RawServer(handler)
    return server


def _assert_deadline(result: typing.Any, seconds: float = SHORT) -> None:
    assert isinstance(result, slack.ApiTimeoutError), result
    assert result.status == 0
    assert result.reason == "deadline"
    assert f"deadline of {seconds:g} s" in str(result)


@pytest.mark.parametrize("where", ["status line", "headers", "body"])
def test_a_trickled_response_ends_at_the_deadline(where: str) -> None:
    reply = http_reply()
    at = {"status line": 0, "headers": reply.index(b"\r\n") + 2, "body": reply.index(b"\r\n\r\n") + 4}[where]
    with _trickling_server(lambda: reply, at) as server:
        _assert_deadline(call(server.host, deadline=SHORT, timeout=LONG_TIMEOUT, retries=0))


def test_a_flood_of_100_continue_ends_at_the_deadline() -> None:
    continues = b"HTTP/1.1 100 Continue\r\n\r\n" * 200
    with _trickling_server(lambda: continues + http_reply(), at=len(continues) // 2) as server:
        _assert_deadline(call(server.host, deadline=SHORT, timeout=LONG_TIMEOUT, retries=0))


def test_the_deadline_holds_over_tls(tls: typing.Tuple[ssl.SSLContext, str]) -> None:
    server_context, ca_file = tls
    with slack.testing.FakeSlackServer(ssl_context=server_context) as fake:
        fake.queue_reply(body=SUCCESS_BODY, delay=GIVE_UP)  # no read times out first: only the deadline ends it
        result = call(fake.host, ssl_ca_cert=ca_file, deadline=SHORT, timeout=LONG_TIMEOUT)
    _assert_deadline(result)


def test_a_connect_that_never_completes_ends_at_the_deadline(unanswered_port: int) -> None:
    _assert_deadline(call(f"http://127.0.0.1:{unanswered_port}/api", deadline=SHORT, timeout=LONG_TIMEOUT, retries=0))


def test_a_per_call_total_replaces_the_configured_deadline_both_ways() -> None:
    reply = http_reply()
    with _trickling_server(lambda: reply, at=len(reply) - 5) as server:
        # Five bytes at TRICKLE each fit in LONG_TIMEOUT, though not in the configured SHORT.
        per_call = urllib3.Timeout(connect=LONG_TIMEOUT, read=LONG_TIMEOUT, total=LONG_TIMEOUT)
        result = call(server.host, deadline=SHORT, call_timeout=per_call)
        assert not isinstance(result, Exception), result
        per_call = urllib3.Timeout(read=LONG_TIMEOUT, total=SHORT)
        _assert_deadline(call(server.host, deadline=60, call_timeout=per_call))


def test_a_429_whose_retry_after_would_cross_the_deadline_is_raised_at_once(
        planned_waits: typing.List[float]) -> None:
    with slack.testing.FakeSlackServer() as fake:
        fake.queue_rate_limited(retry_after=5)
        result = call(fake.host, deadline=2, max_retry_after=30)
        assert isinstance(result, slack.ApiException) and not isinstance(result, slack.ApiConnectionError)
        assert (result.status, result.error, result.retry_after) == (429, "ratelimited", 5.0)
        assert planned_waits == []
        assert len(fake.requests) == 1


def test_a_429_within_the_deadline_is_waited_out_as_asked(planned_waits: typing.List[float]) -> None:
    with slack.testing.FakeSlackServer() as fake:
        fake.queue_rate_limited(retry_after=3)
        result = call(fake.host, deadline=10)
        assert not isinstance(result, Exception), result
        assert planned_waits == [3.0]


def test_backoff_that_would_cross_the_deadline_ends_the_call_at_once(
        closed_port: int, planned_waits: typing.List[float]) -> None:
    # Waits of 0, 1 and 2 s are planned between four attempts; 0.5 s leaves room for the first only.
    result = call(f"http://127.0.0.1:{closed_port}/api", deadline=0.5, retries=3)
    _assert_deadline(result, 0.5)
    assert "(wait 1 s)" in str(result)
    assert planned_waits == []


def test_without_a_deadline_in_sight_backoff_is_planned_as_urllib3_computes_it(
        closed_port: int, planned_waits: typing.List[float]) -> None:
    result = call(f"http://127.0.0.1:{closed_port}/api", retries=3)
    assert isinstance(result, slack.ApiConnectionError) and result.reason == "connection failed"
    assert planned_waits == [1.0, 2.0]  # and 0 before the second attempt, which is no wait


def test_a_user_retry_policy_keeps_to_the_deadline_too(closed_port: int, planned_waits: typing.List[float]) -> None:
    policy = urllib3.Retry(total=10, backoff_factor=10)
    result = call(f"http://127.0.0.1:{closed_port}/api", retries=policy, deadline=5)
    _assert_deadline(result, 5)
    assert planned_waits == []  # the first real wait (20 s) would have crossed the deadline


def test_the_watchdog_thread_is_one_daemon_whatever_the_number_of_calls() -> None:
    with slack.testing.FakeSlackServer() as fake:
        for _ in range(5):
            assert not isinstance(call(fake.host), Exception)
    watchdogs = [t for t in threading.enumerate() if t.name == "slack-deadline"]
    assert len(watchdogs) == 1 and watchdogs[0].daemon


def test_a_body_read_until_close_that_is_cut_at_the_deadline_is_not_a_success() -> None:
    # No Content-Length: the body ends when the connection does, and so does the watchdog's cut.
    reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + SUCCESS_BODY

    def handler(conn: socket.socket) -> None:
        if read_request(conn):
            conn.sendall(reply[:-20])
            _trickle(conn, server, reply[-20:])

    with RawServer(handler) as server:
        _assert_deadline(call(server.host, deadline=SHORT, timeout=LONG_TIMEOUT, retries=0))


def test_a_user_retry_subclass_keeps_its_own_sleep(closed_port: int, planned_waits: typing.List[float]) -> None:
    slept: typing.List[float] = []

    class Patient(urllib3.Retry):
        def sleep(self, response: typing.Any = None) -> None:
            slept.append(self.get_backoff_time())
            super().sleep(response)

    result = call(f"http://127.0.0.1:{closed_port}/api", retries=Patient(total=2, backoff_factor=0.1), deadline=5)
    assert isinstance(result, slack.ApiConnectionError) and result.reason == "connection failed"
    assert len(slept) == 2  # its override ran, and under it the deadline-aware wait
    assert planned_waits == [w for w in slept if w > 0]


def test_a_chunked_429_whose_wait_would_cross_the_deadline_is_returned_readable() -> None:
    body = b'{"ok": false, "error": "ratelimited"}'
    reply = (b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 30\r\n"
             b"Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))

    def handler(conn: socket.socket) -> None:
        while read_request(conn):
            conn.sendall(reply)

    with RawServer(handler) as server:
        result = call(server.host, deadline=5)
    assert isinstance(result, slack.ApiException) and (result.status, result.error) == (429, "ratelimited")
    assert result.retry_after == 30 and result.body == body
