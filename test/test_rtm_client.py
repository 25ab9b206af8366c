"""The RTM session against ``FakeSlackServer`` over real loopback websockets.

Reconnect backoff, Retry-After waits and pacing go through ``slack.rtm_client._pause``,
which the ``pauses`` fixture records (and does not sleep), so tests assert the planned
waits as numbers. Liveness tests ping after ``SHORT_TIMEOUT`` of silence and give a pong twice that,
or ``LONG_TIMEOUT`` where only a missing pong could fail the test.
"""
import gc
import importlib
import logging
import os
import socket
import sys
import threading
import time
import typing

import frozendict
import pytest

pytest.importorskip("websockets", reason="the RTM session needs the rtm extra (websockets)")

import websockets.sync.client
import websockets.sync.server

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.rtm_client import RtmClient, RtmError
from slack.testing import FakeSlackServer

from conftest import LONG_TIMEOUT, SHORT_TIMEOUT

TOKEN = "xoxb-RTM-1234567890-secret"
FAST = {"ping_interval": SHORT_TIMEOUT, "pong_timeout": 2 * SHORT_TIMEOUT}  # a silent session is found out at once


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> typing.List[float]:
    """The waits the client plans (backoff, Retry-After, pacing), recorded instead of slept."""
    waits: typing.List[float] = []

    def pause(closed: threading.Event, seconds: float) -> bool:
        if seconds > 0:
            waits.append(seconds)
        return closed.is_set()

    monkeypatch.setattr("slack.rtm_client._pause", pause)
    return waits


@pytest.fixture
def api_client(fake: FakeSlackServer) -> typing.Iterator[slack.ApiClient]:
    with slack.ApiClient(slack.Configuration(host=fake.host, timeout=2)) as client:
        yield client


def _rtm(api_client: slack.ApiClient, **options: typing.Any) -> RtmClient:
    return RtmClient(api_client, token=TOKEN, **options)


def _eventually(condition: typing.Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``condition`` for what the fake's rtm_wait cannot see (threads of the test, HTTP requests)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)
    return condition()


def _next(events: typing.Iterator[typing.Mapping[str, typing.Any]]) -> typing.Mapping[str, typing.Any]:
    return next(events)


# --- connecting ------------------------------------------------------------------------------------


def test_connect_yields_hello_then_events_in_order(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        assert _next(events)["type"] == "hello"
        for n in range(20):
            fake.rtm_push({"type": "message", "channel": "C1", "text": f"n{n}"})
        assert [_next(events)["text"] for _ in range(20)] == [f"n{n}" for n in range(20)]
    request = fake.requests[0]
    assert request.path == "/api/rtm.connect"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_events_are_immutable_mappings_with_tuples_for_arrays(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        fake.rtm_push({"type": "message", "blocks": [{"type": "section", "ids": [1, [2, 3]]}]})
        event = _next(events)
    with pytest.raises(TypeError):
        event["type"] = "changed"  # type: ignore[index]
    assert event["blocks"] == ({"type": "section", "ids": (1, (2, 3))},)
    hash(event)  # immutable all the way down


def test_a_flat_event_is_a_frozendict_like_any_other(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        fake.rtm_push({"type": "message", "text": "flat", "n": 1})
        event = _next(events)
    same = frozendict.frozendict({"type": "message", "text": "flat", "n": 1})
    assert type(event) is frozendict.frozendict
    assert event == same and hash(event) == hash(same) and repr(event) == repr(same)
    with pytest.raises((TypeError, AttributeError)):
        event.clear()  # type: ignore[attr-defined]


def test_the_token_defaults_to_the_configurations_access_token(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, access_token=TOKEN)
    with slack.ApiClient(configuration) as client, RtmClient(client) as rtm:
        assert _next(iter(rtm))["type"] == "hello"
    assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_presence_options_are_sent_to_rtm_connect(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client, presence_sub=True, batch_presence_aware=True):
        pass
    assert fake.requests[0].query == {"presence_sub": "true", "batch_presence_aware": "true"}


def test_connect_raises_rtm_connects_api_exception_as_it_came(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth")
    rtm = _rtm(api_client)
    with pytest.raises(slack.ApiException) as info:
        rtm.connect()
    assert info.value.error == "invalid_auth"
    rtm.close()
    rtm.close()  # works after a failed connect, any number of times


def _serve_websocket(handler: typing.Callable[[typing.Any], None]) -> typing.Any:
    server = websockets.sync.server.serve(handler, "127.0.0.1", 0)
    # shutdown() checks on a handler that is still ending every 0.1 s by default: a test would wait that out.
    server.SHUTDOWN_POLLING_INTERVAL = 0.005
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_an_error_event_instead_of_hello_raises_rtm_error(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    used = str(RtmApi(api_client).rtm_connect(query_params={"token": TOKEN}).body["url"])
    with websockets.sync.client.connect(used) as ws:
        assert '"hello"' in ws.recv(timeout=1)
    fake.queue_ok(url=used)  # single-use: the fake answers it with Slack's error event, as Slack does
    with pytest.raises(RtmError) as info:
        _rtm(api_client).connect()
    assert info.value.code == 1
    assert isinstance(info.value, slack.ApiException)


def test_no_hello_in_time_raises_api_timeout_error(fake: FakeSlackServer) -> None:
    silent = _serve_websocket(lambda ws: ws.recv())  # never says hello
    try:
        port = silent.socket.getsockname()[1]
        fake.queue_ok(url=f"ws://127.0.0.1:{port}/websocket/x")
        with slack.ApiClient(slack.Configuration(host=fake.host, timeout=SHORT_TIMEOUT)) as client:
            with pytest.raises(slack.ApiTimeoutError):
                _rtm(client).connect()
    finally:
        silent.shutdown()


def test_a_failed_websocket_handshake_raises_api_connection_error_without_the_url(
        api_client: slack.ApiClient, fake: FakeSlackServer, closed_port: int) -> None:
    secret_url = f"ws://127.0.0.1:{closed_port}/websocket/SECRET-SESSION"
    fake.queue_ok(url=secret_url)
    with pytest.raises(slack.ApiConnectionError) as info:
        _rtm(api_client).connect()
    assert info.value.reason == "websocket handshake failed"
    assert "SECRET-SESSION" not in str(info.value) and info.value.__cause__ is None


# --- sending ---------------------------------------------------------------------------------------


def test_send_message_returns_slacks_ack(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        ack = rtm.send_message("C1", "pong!", thread_ts="1.2")
        assert ack["ok"] is True and ack["text"] == "pong!" and ack["ts"]
        assert rtm.send_message("C1", "again")["ts"] != ack["ts"]
    sent = [frame for frame in fake.rtm_received if frame["type"] == "message"]
    assert sent[0] == {"type": "message", "channel": "C1", "text": "pong!", "thread_ts": "1.2", "id": sent[0]["id"]}
    assert sent[1]["id"] == sent[0]["id"] + 1


def test_an_ack_is_not_yielded(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        rtm.send_message("C1", "hi")
        fake.rtm_push({"type": "user_typing"})
        assert _next(events)["type"] == "user_typing"


def test_send_message_with_ok_false_raises_rtm_error(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        with pytest.raises(RtmError) as info:
            rtm.send_message("C1", "")
    assert (info.value.code, info.value.msg) == (2, "message text is missing")


def test_send_message_without_a_reply_raises_api_timeout_error(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client, ack_timeout=SHORT_TIMEOUT, ping_interval=5) as rtm:
        fake.rtm_drop(silent=True)
        with pytest.raises(slack.ApiTimeoutError):
            rtm.send_message("C1", "anyone?")
        fake.rtm_drop()  # or close() would wait its second for a close frame that never comes


def test_send_message_raises_at_once_when_the_connection_drops(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    def hello_then_drop_on_the_message(ws: typing.Any) -> None:
        ws.send('{"type": "hello"}')
        ws.recv()  # the message: no ack, the connection just ends
        ws.socket.shutdown(socket.SHUT_RDWR)

    dropping = _serve_websocket(hello_then_drop_on_the_message)
    try:
        fake.queue_ok(url=f"ws://127.0.0.1:{dropping.socket.getsockname()[1]}/websocket/x")
        with _rtm(api_client, ack_timeout=30, reconnect=False) as rtm:
            with pytest.raises(slack.ApiConnectionError) as info:
                rtm.send_message("C1", "lost")
    finally:
        dropping.shutdown()
    assert type(info.value) is slack.ApiConnectionError  # not the ack timeout's ApiTimeoutError


def test_send_returns_the_id_and_typing_and_presence_send_slacks_payloads(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client) as rtm:
        first = rtm.send({"type": "custom", "x": 1})
        second = rtm.typing("C1")
        third = rtm.subscribe_presence(["U1", "U2"])
        assert fake.rtm_wait(lambda: len(fake.rtm_received) >= 3)
    assert (second, third) == (first + 1, first + 2)
    assert fake.rtm_received[:3] == [
        {"type": "custom", "x": 1, "id": first},
        {"type": "typing", "channel": "C1", "id": second},
        {"type": "presence_sub", "ids": ["U1", "U2"], "id": third},
    ]


@pytest.mark.parametrize("payload", [{"type": "message", "text": "x" * 16384}, {"type": "x", "data": "é" * 8200}])
def test_a_payload_over_16_kb_is_refused_before_it_is_sent(
        api_client: slack.ApiClient, fake: FakeSlackServer, payload: typing.Dict[str, str]) -> None:
    with _rtm(api_client) as rtm:
        with pytest.raises(slack.ApiValueError, match="16384"):
            rtm.send(payload)
        rtm.send({"type": "small"})
        assert fake.rtm_wait(lambda: len(fake.rtm_received) == 1)


@pytest.mark.parametrize("payload", [None, "ping", {"no": "type"}, {"type": 3}, {"type": "x", "v": {1, 2}}])
def test_a_payload_that_is_not_an_rtm_object_is_refused(api_client: slack.ApiClient, payload: typing.Any) -> None:
    with _rtm(api_client) as rtm:
        with pytest.raises((slack.ApiTypeError, slack.ApiValueError)):
            rtm.send(payload)


def test_messages_are_paced_after_the_burst(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    with _rtm(api_client, send_rate=2.0, send_burst=3) as rtm:
        for _ in range(5):
            rtm.send({"type": "message", "channel": "C1", "text": "t"})
        rtm.typing("C1")  # not a message: not paced
    assert len(pauses) == 2
    assert all(0.4 < wait <= 0.5 for wait in pauses)  # one message per 1/send_rate s after the burst


def test_pacing_off_never_waits(api_client: slack.ApiClient, pauses: typing.List[float]) -> None:
    with _rtm(api_client, send_rate=None) as rtm:
        for _ in range(30):
            rtm.send({"type": "message", "channel": "C1", "text": "t"})
    assert pauses == []


def test_sends_from_many_threads_while_one_iterates(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client, send_rate=None) as rtm:
        events = iter(rtm)
        _next(events)
        acks: typing.List[typing.Mapping[str, typing.Any]] = []

        def post(n: int) -> None:
            for i in range(10):
                acks.append(rtm.send_message("C1", f"{n}-{i}"))

        posters = [threading.Thread(target=post, args=(n,)) for n in range(4)]
        for poster in posters:
            poster.start()
        fake.rtm_push({"type": "during"})
        assert _next(events)["type"] == "during"
        for poster in posters:
            poster.join(5)
    assert sorted(ack["text"] for ack in acks) == sorted(f"{n}-{i}" for n in range(4) for i in range(10))


# --- staying alive and reconnecting ----------------------------------------------------------------


def test_a_quiet_connection_gets_rtm_pings(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client, ping_interval=SHORT_TIMEOUT, pong_timeout=LONG_TIMEOUT):
        assert fake.rtm_wait(lambda: sum(f["type"] == "ping" for f in fake.rtm_received) >= 2)
        assert fake.rtm_connects == 1  # pongs kept the session alive


def test_a_silent_dead_connection_is_detected_and_healed(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    with _rtm(api_client, **FAST) as rtm:
        events = iter(rtm)
        assert _next(events)["type"] == "hello"
        fake.rtm_drop(silent=True)
        assert _next(events)["type"] == "hello"  # a new session
        fake.rtm_push({"type": "after"})
        assert _next(events)["type"] == "after"
    assert fake.rtm_connects == 2
    assert pauses == []  # the first attempt after a disconnect comes at once


@pytest.mark.parametrize("how", ["goodbye", "dropped"])
def test_a_lost_session_is_replaced_and_its_hello_yielded(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float], how: str) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        if how == "goodbye":
            fake.rtm_goodbye()
            assert _next(events)["type"] == "goodbye"
        else:
            fake.rtm_drop()
        assert _next(events)["type"] == "hello"
    assert fake.rtm_connects == 2
    assert pauses == []


def test_a_close_frame_ends_the_session_and_a_new_one_is_opened(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    def hello_then_close(ws: typing.Any) -> None:
        ws.send('{"type": "hello", "from": "closing server"}')
        ws.close(1000)

    closing = _serve_websocket(hello_then_close)
    try:
        fake.queue_ok(url=f"ws://127.0.0.1:{closing.socket.getsockname()[1]}/websocket/x")
        with _rtm(api_client) as rtm:
            events = iter(rtm)
            assert _next(events)["from"] == "closing server"
            assert _next(events) == {"type": "hello"}  # the fake's session, after the close frame
    finally:
        closing.shutdown()


def test_a_server_that_closes_every_session_gets_growing_backoff(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    with _rtm(api_client, max_reconnect_delay=5) as rtm:
        events = iter(rtm)
        for _ in range(5):
            assert _next(events)["type"] == "hello"
            fake.rtm_goodbye()
            assert _next(events)["type"] == "goodbye"
        assert _next(events)["type"] == "hello"
    # At once, then about 1, 2, 4 s (jitter 0.8-1.2), then capped at max_reconnect_delay.
    assert len(pauses) == 4
    for wait, base in zip(pauses, (1, 2, 4, 5)):
        assert 0.8 * base <= wait <= min(5, 1.2 * base)


def test_a_429_on_reconnect_is_waited_out_as_asked(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    with _rtm(api_client, max_reconnect_delay=5) as rtm:
        events = iter(rtm)
        _next(events)
        fake.queue_rate_limited(retry_after=90)
        fake.rtm_goodbye()
        assert _next(events)["type"] == "goodbye"
        assert _next(events)["type"] == "hello"
    assert pauses[0] == 90  # beyond max_reconnect_delay: Slack asked for it
    assert [r.path for r in fake.requests].count("/api/rtm.connect") == 3


@pytest.mark.parametrize("code", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_fatal_error_on_reconnect_is_raised_from_the_iterator(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float], code: str) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        fake.queue_error(code)
        fake.rtm_goodbye()
        assert _next(events)["type"] == "goodbye"
        with pytest.raises(slack.ApiException) as info:
            _next(events)
    assert info.value.error == code


def test_other_errors_on_reconnect_are_retried(
        api_client: slack.ApiClient, fake: FakeSlackServer, pauses: typing.List[float]) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        fake.queue_error("internal_error", status=500)
        fake.queue_reply(503, {"Content-Type": "text/html"}, "<html>busy</html>")
        fake.rtm_goodbye()
        assert _next(events)["type"] == "goodbye"
        assert _next(events)["type"] == "hello"
    assert len(pauses) == 2  # at once (500), about 1 s (503), about 2 s: the session


def test_without_reconnect_a_lost_session_raises_from_the_iterator(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    with _rtm(api_client, reconnect=False) as rtm:
        events = iter(rtm)
        _next(events)
        fake.rtm_drop()
        with pytest.raises(slack.ApiConnectionError):
            _next(events)
    assert fake.rtm_connects == 1


def test_a_frame_that_is_not_a_json_object_is_logged_without_its_content_and_skipped(
        api_client: slack.ApiClient, fake: FakeSlackServer, caplog: pytest.LogCaptureFixture) -> None:
    with _rtm(api_client) as rtm:
        events = iter(rtm)
        _next(events)
        frames = ("not json SECRET-CONTENT", "[1, 2]", '"text"', '{"type": "x", "n": NaN}', "[" * 100_000)
        for frame in frames:
            fake.rtm_push(frame)
        fake.rtm_push({"type": "fine"})
        assert _next(events)["type"] == "fine"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("slack")]
    assert len(warnings) == len(frames)
    assert "SECRET-CONTENT" not in caplog.text


# --- threads and closing ---------------------------------------------------------------------------


def test_each_event_goes_to_exactly_one_of_several_iterating_threads(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    seen: typing.List[str] = []
    lock = threading.Lock()

    with _rtm(api_client) as rtm:
        def consume() -> None:
            for event in rtm:
                with lock:
                    seen.append(event.get("text", event["type"]))

        consumers = [threading.Thread(target=consume) for _ in range(3)]
        for consumer in consumers:
            consumer.start()
        for n in range(60):
            fake.rtm_push({"type": "message", "text": str(n)})
        assert _eventually(lambda: len(seen) == 61)  # and the hello
    for consumer in consumers:
        consumer.join(1)
    assert sorted(seen) == sorted(["hello", *map(str, range(60))])
    assert not any(consumer.is_alive() for consumer in consumers)


def test_close_from_another_thread_ends_the_iteration(api_client: slack.ApiClient) -> None:
    rtm = _rtm(api_client)
    rtm.connect()
    timer = threading.Timer(SHORT_TIMEOUT, rtm.close)
    timer.start()
    assert [event["type"] for event in rtm] == ["hello"]
    timer.join()


@pytest.mark.parametrize("retry_after", [3600, 10**10])  # the second beyond what a thread can wait
def test_close_ends_a_reconnect_wait(api_client: slack.ApiClient, fake: FakeSlackServer, retry_after: int) -> None:
    rtm = _rtm(api_client)
    events = iter(rtm)
    _next(events)
    fake.queue_rate_limited(retry_after=retry_after)
    fake.rtm_goodbye()
    assert _next(events)["type"] == "goodbye"
    assert _eventually(lambda: len(fake.requests) == 2)
    rtm.close()  # the reader thread is waiting out the hour: close() ends it
    assert list(events) == []
    assert not [t for t in threading.enumerate() if t.name == "slack-rtm-reader"]


def test_no_threads_or_sockets_leak_over_20_open_close_cycles(fake: FakeSlackServer) -> None:
    def fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
        with _rtm(client):
            pass  # warm-up: lazy imports, the pool's first connection
        threads, files = threading.active_count(), fds()
        for _ in range(20):  # any leak is one thread or socket per cycle at least
            with _rtm(client) as rtm:
                rtm.send({"type": "x"})
        assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)
        gc.collect()
        # The fake's handler thread for the last session may still be closing its socket: let it end.
        assert _eventually(lambda: threading.active_count() <= threads)
        assert _eventually(lambda: fds() <= files)


# --- arguments and secrets -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "error"), [
    ("ping_interval", 0, slack.ApiValueError), ("pong_timeout", float("inf"), slack.ApiValueError),
    ("max_reconnect_delay", -1, slack.ApiValueError), ("ack_timeout", float("nan"), slack.ApiValueError),
    ("ping_interval", "10", slack.ApiTypeError), ("send_rate", 0, slack.ApiValueError),
    ("send_rate", True, slack.ApiTypeError), ("send_burst", 0, slack.ApiValueError),
    ("send_burst", 1.5, slack.ApiTypeError), ("reconnect", 1, slack.ApiTypeError),
    ("presence_sub", "yes", slack.ApiTypeError), ("token", b"xoxb", slack.ApiTypeError),
    ("api_client", "http://x", slack.ApiTypeError),
])
def test_bad_arguments_are_refused_naming_them_before_anything_is_sent(
        fake: FakeSlackServer, name: str, value: typing.Any, error: type) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
        options: typing.Dict[str, typing.Any] = {"token": TOKEN, name: value}
        api = options.pop("api_client", client)
        with pytest.raises(error, match=name):
            RtmClient(api, **options)
    assert fake.requests == []


def test_without_any_token_the_client_is_refused(fake: FakeSlackServer) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
        with pytest.raises(slack.ApiValueError, match="token"):
            RtmClient(client)


def test_the_token_and_the_session_url_never_show(
        api_client: slack.ApiClient, fake: FakeSlackServer, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str], pauses: typing.List[float]) -> None:
    caplog.set_level(logging.DEBUG)
    with _rtm(api_client, **FAST) as rtm:
        events = iter(rtm)
        _next(events)
        shown = [repr(rtm), str(rtm)]
        fake.rtm_drop(silent=True)
        _next(events)
        fake.rtm_goodbye()
        _next(events)
        _next(events)
    out = capsys.readouterr()
    everything = caplog.text + out.out + out.err + " ".join(shown)
    assert TOKEN not in everything
    assert "/websocket/" not in everything


def test_without_websockets_the_import_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "websockets", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "slack.rtm_client")  # imported afresh; put back afterwards
    with pytest.raises(ImportError, match=r"pip install '\.\[rtm\]'"):
        importlib.import_module("slack.rtm_client")


# --- TLS and handshakes ------------------------------------------------------------------------------


def test_wss_is_verified_with_the_configurations_ca(tls: typing.Tuple[typing.Any, str]) -> None:
    context, ca_file = tls
    with FakeSlackServer(ssl_context=context) as fake:
        configuration = slack.Configuration(host=fake.host, ssl_ca_cert=ca_file)
        with slack.ApiClient(configuration) as client, _rtm(client) as rtm:
            assert _next(iter(rtm))["type"] == "hello"
            assert rtm.send_message("C1", "over wss")["text"] == "over wss"
        assert fake.ok_body()["url"].startswith("wss://")


def test_wss_with_a_certificate_nobody_vouches_for_is_refused(tls: typing.Tuple[typing.Any, str]) -> None:
    context, ca_file = tls
    with FakeSlackServer(ssl_context=context) as fake:
        configuration = slack.Configuration(host=fake.host, ssl_ca_cert=ca_file)
        with slack.ApiClient(configuration) as client:
            # The HTTP pool was built with the CA; the websocket reads the configuration when it
            # connects, and then checks the fake's certificate against certifi's bundle only.
            configuration.ssl_ca_cert = None
            with pytest.raises(slack.ApiConnectionError) as info:
                _rtm(client).connect()
    assert info.value.reason == "websocket handshake failed"
    assert "SSL" in str(info.value)


def test_wss_without_verification_connects(tls: typing.Tuple[typing.Any, str]) -> None:
    context, _ = tls
    with FakeSlackServer(ssl_context=context) as fake:
        with pytest.warns(Warning):  # urllib3's InsecureRequestWarning for the rtm.connect call
            with slack.ApiClient(slack.Configuration(host=fake.host, verify_ssl=False)) as client:
                with _rtm(client) as rtm:
                    assert _next(iter(rtm))["type"] == "hello"


def test_a_websocket_handshake_refused_with_an_http_status_says_which(
        api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    good = str(RtmApi(api_client).rtm_connect(query_params={"token": TOKEN}).body["url"])
    fake.queue_ok(url=good.replace("/websocket/", "/not-a-websocket/"))
    with pytest.raises(slack.ApiConnectionError, match="HTTP 404") as info:
        _rtm(api_client).connect()
    assert "not-a-websocket" not in str(info.value)


def test_events_beyond_the_queue_bound_are_dropped_with_a_warning_and_acks_still_arrive(
        api_client: slack.ApiClient, fake: FakeSlackServer, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr("slack.rtm_client.MAX_QUEUED_BYTES", 10 * 1024)  # room for about 9 events below
    with _rtm(api_client) as rtm:  # nobody iterates: a client that only sends
        for n in range(30):
            fake.rtm_push({"type": "message", "text": f"n{n}"})
        rtm.send_message("C1", "acked")  # its ack comes after the 30 events, so they have all been read
        assert sum(1 for record in caplog.records if "RTM events dropped" in record.getMessage()) == 1
        events = iter(rtm)
        assert _next(events)["type"] == "hello"
        kept = [_next(events)["text"] for _ in range(9)]
        assert kept == [f"n{n}" for n in range(9)]
        fake.rtm_push({"type": "message", "text": "after"})  # drained: queued again
        assert _next(events)["text"] == "after"
