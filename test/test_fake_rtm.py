"""FakeSlackServer's RTM websocket, driven by websockets' sync client and by URLs from real rtm.connect calls."""

import contextlib
import http.client
import importlib
import json
import re
import socket
import ssl
import sys
import threading
import time
import typing
import urllib.parse

import pytest

pytest.importorskip("websockets", reason="the fake serves RTM sessions only with the optional websockets package")

from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidStatus
from websockets.sync.client import ClientConnection, connect

import slack
import slack.testing
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

from conftest import needs_ipv6

# Frames that should arrive get LONG_TIMEOUT; checks that nothing arrives wait SHORT_TIMEOUT, many times
# what a loopback answer takes.
LONG_TIMEOUT = 2.0
SHORT_TIMEOUT = 0.1
QUERY = {"token": "xoxb-x"}
HELLO = {"type": "hello"}
TS = re.compile(r"^\d{10}\.\d{6}$")


def session_url(fake: FakeSlackServer, context: typing.Optional[ssl.SSLContext] = None) -> str:
    """One rtm.connect call over plain http.client (no client library threads): the session URL."""
    if context is None:
        connection: http.client.HTTPConnection = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", fake.port, timeout=5, context=context)
    with contextlib.closing(connection):
        connection.request("GET", "/api/rtm.connect?token=xoxb-x")
        return str(json.loads(connection.getresponse().read())["url"])


@contextlib.contextmanager
def open_session(url: str, **options: typing.Any) -> typing.Iterator[ClientConnection]:
    """A websocket on ``url`` whose hello has been read; without a keepalive thread (tests ping by hand)."""
    with connect(url, open_timeout=LONG_TIMEOUT, close_timeout=SHORT_TIMEOUT, ping_interval=None, **options) as ws:
        assert json.loads(ws.recv(timeout=LONG_TIMEOUT)) == HELLO
        yield ws


def exchange(ws: ClientConnection, payload: typing.Mapping[str, typing.Any]) -> typing.Any:
    ws.send(json.dumps(payload))
    return json.loads(ws.recv(timeout=LONG_TIMEOUT))


def nothing_arrives(ws: ClientConnection) -> bool:
    try:
        ws.recv(timeout=SHORT_TIMEOUT)
    except TimeoutError:
        return True
    return False


@pytest.fixture
def api(fake: FakeSlackServer) -> typing.Iterator[RtmApi]:
    with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
        yield RtmApi(client)


@pytest.fixture
def ws(fake: FakeSlackServer) -> typing.Iterator[ClientConnection]:
    with open_session(session_url(fake)) as connection:
        yield connection


# The session


def test_a_session_starts_with_hello(fake: FakeSlackServer, api: RtmApi) -> None:
    url = str(api.rtm_connect(query_params=QUERY).body["url"])

    with connect(url, open_timeout=LONG_TIMEOUT) as ws:
        assert json.loads(ws.recv(timeout=LONG_TIMEOUT)) == HELLO
        assert fake.rtm_connects == 1 and fake.rtm_sessions == 1


def test_ping_is_answered_with_a_pong_that_echoes_its_other_fields(ws: ClientConnection) -> None:
    assert exchange(ws, {"type": "ping", "id": 7, "time": 1403299273342, "note": {"a": [1]}}) == {
        "type": "pong", "reply_to": 7, "time": 1403299273342, "note": {"a": [1]},
    }


def test_message_is_acknowledged_with_its_text_and_a_unique_ts(ws: ClientConnection) -> None:
    replies = [exchange(ws, {"type": "message", "id": n, "channel": "C1", "text": f"hi {n}"}) for n in (1, 2, 3)]

    for n, reply in zip((1, 2, 3), replies):
        assert reply == {"ok": True, "reply_to": n, "ts": reply["ts"], "text": f"hi {n}"}
        assert TS.match(reply["ts"]), reply["ts"]
    stamps = [reply["ts"] for reply in replies]
    assert len(set(stamps)) == 3 and stamps == sorted(stamps)


def test_message_without_text_gets_ok_false_with_code_2(ws: ClientConnection) -> None:
    assert exchange(ws, {"type": "message", "id": 1, "channel": "C1"}) == {
        "ok": False, "reply_to": 1, "error": {"code": 2, "msg": "message text is missing"},
    }
    assert exchange(ws, {"type": "message", "id": 2, "channel": "C1", "text": ""})["error"]["code"] == 2


def test_message_without_channel_gets_ok_false_channel_not_found(ws: ClientConnection) -> None:
    assert exchange(ws, {"type": "message", "id": 3, "text": "hi"}) == {
        "ok": False, "reply_to": 3, "error": {"code": 1, "msg": "channel not found"},
    }


def _message_of(size: int) -> str:
    """A message frame of exactly ``size`` bytes of UTF-8 (more bytes than characters)."""
    head = json.dumps({"type": "message", "id": 1, "channel": "C1", "text": ""}, ensure_ascii=False)[:-2]
    padding = size - len(head.encode()) - 2
    return head + "é" * (padding // 2) + "x" * (padding % 2) + '"}'


def test_a_message_of_16_kb_is_accepted_and_one_byte_more_closes_the_connection_with_1009(
    fake: FakeSlackServer, ws: ClientConnection
) -> None:
    at_limit, over = _message_of(16384), _message_of(16385)
    assert len(at_limit.encode()) == 16384 and len(over.encode()) == 16385

    ws.send(at_limit)
    assert json.loads(ws.recv(timeout=LONG_TIMEOUT))["ok"] is True
    ws.send(over)

    with pytest.raises(ConnectionClosedError) as closed:
        ws.recv(timeout=LONG_TIMEOUT)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)
    assert len(fake.rtm_received) == 1  # the oversized message was never taken in


# Session URLs


def test_a_session_url_works_once_then_gets_slacks_expired_error(fake: FakeSlackServer) -> None:
    url = session_url(fake)
    with open_session(url):
        pass

    with connect(url, open_timeout=LONG_TIMEOUT) as again:
        assert json.loads(again.recv(timeout=LONG_TIMEOUT)) == {
            "type": "error", "error": {"code": 1, "msg": "Socket URL has expired"},
        }
        with pytest.raises(ConnectionClosedOK):
            again.recv(timeout=LONG_TIMEOUT)
    assert fake.rtm_connects == 1


def test_a_session_url_expires_30_seconds_after_rtm_connect(
    fake: FakeSlackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(slack.testing, "_now", lambda: clock[0])
    early, late = session_url(fake), session_url(fake)

    clock[0] += 29.9
    with open_session(early):
        pass
    clock[0] += 0.1

    with connect(late, open_timeout=LONG_TIMEOUT) as ws:
        assert json.loads(ws.recv(timeout=LONG_TIMEOUT))["error"]["code"] == 1
    assert fake.rtm_connects == 1


def test_every_success_hands_out_a_fresh_live_url_and_ok_body_shows_the_last(
    fake: FakeSlackServer, api: RtmApi
) -> None:
    before = fake.ok_body()["url"]
    fake.queue_ok(warning="superfluous_charset")

    urls = [str(api.rtm_connect(query_params=QUERY).body["url"]) for _ in range(3)]

    assert urls[0] == before  # ok_body() showed the URL the first success would hand out
    assert len(set(urls)) == 3
    assert all(url.startswith("ws://127.0.0.1:") and "/websocket/" in url for url in urls)
    assert fake.ok_body()["url"] == urls[-1]
    for url in urls:
        with open_session(url):
            pass
    assert fake.rtm_connects == 3


def test_a_url_override_is_sent_as_given_and_hands_out_nothing(fake: FakeSlackServer, api: RtmApi) -> None:
    last = str(api.rtm_connect(query_params=QUERY).body["url"])
    fake.queue_ok(url="wss://example.invalid/websocket/x")

    assert api.rtm_connect(query_params=QUERY).body["url"] == "wss://example.invalid/websocket/x"
    assert fake.ok_body()["url"] == last


@pytest.mark.parametrize(
    "query, error",
    [
        ("", "not_authed"),
        ("?token=xoxb-1%202", "invalid_auth"),
        ("?token=xapp-1-A0FAKE0001-1-abc", "not_allowed_token_type"),
    ],
)
def test_a_refused_rtm_connect_hands_out_no_session_url(fake: FakeSlackServer, query: str, error: str) -> None:
    url = session_url(fake)
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)) as connection:
        connection.request("GET", "/api/rtm.connect" + query)
        assert json.loads(connection.getresponse().read()) == {"ok": False, "error": error}

    assert fake.ok_body()["url"] == url
    with open_session(url):  # still the live one
        pass


def test_auth_test_then_rtm_connect_opens_a_session_as_slack_sdks_rtm_client_does(fake: FakeSlackServer) -> None:
    # slack_sdk's RTMClient calls auth.test first: it must not use up or spoil the session URL.
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)) as connection:
        connection.request("POST", "/api/auth.test", headers={"Authorization": "Bearer xoxb-x"})
        assert json.loads(connection.getresponse().read())["bot_id"] == "B0FAKE0001"

    with open_session(session_url(fake)):
        assert fake.rtm_wait(lambda: fake.rtm_sessions == 1)
    assert [request.path for request in fake.requests] == ["/api/auth.test", "/api/rtm.connect"]


def test_a_path_outside_websocket_is_refused_with_404(fake: FakeSlackServer) -> None:
    port = urllib.parse.urlsplit(session_url(fake)).port

    with pytest.raises(InvalidStatus) as refused:
        connect(f"ws://127.0.0.1:{port}/api/rtm.connect", open_timeout=LONG_TIMEOUT)
    assert refused.value.response.status_code == 404


# Driving sessions from the test


def test_rtm_push_reaches_every_open_session(fake: FakeSlackServer) -> None:
    with open_session(session_url(fake)) as first, open_session(session_url(fake)) as second:
        assert fake.rtm_push({"type": "user_typing", "channel": "C1", "user": "U1"}) == 2
        assert fake.rtm_push("not json") == 2

        for ws in (first, second):
            assert json.loads(ws.recv(timeout=LONG_TIMEOUT)) == {"type": "user_typing", "channel": "C1", "user": "U1"}
            assert ws.recv(timeout=LONG_TIMEOUT) == "not json"
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)
    assert fake.rtm_push({"type": "x"}) == 0


def test_rtm_push_works_from_one_thread_while_a_client_reads_in_another(
    fake: FakeSlackServer, ws: ClientConnection
) -> None:
    received: typing.List[typing.Any] = []
    reader = threading.Thread(target=lambda: received.extend(json.loads(ws.recv(timeout=LONG_TIMEOUT))["n"]
                                                             for _ in range(50)))
    reader.start()
    for n in range(50):
        assert fake.rtm_push({"type": "event", "n": n}) == 1
    reader.join(LONG_TIMEOUT)

    assert received == list(range(50))


def test_rtm_received_keeps_every_frame_clients_sent_in_order(fake: FakeSlackServer, ws: ClientConnection) -> None:
    ws.send(json.dumps({"type": "typing", "id": 1, "channel": "C1"}))
    ws.send(['{"type": "presence_sub", ', '"id": 2, "ids": ["U1"]}'])  # one message in two fragments
    ws.send("not json")
    ws.send(b"\x00\x01")
    ws.send(json.dumps({"type": "ping", "id": 3}))

    assert json.loads(ws.recv(timeout=LONG_TIMEOUT))["type"] == "pong"  # nothing before it was answered
    assert fake.rtm_received == [
        {"type": "typing", "id": 1, "channel": "C1"},
        {"type": "presence_sub", "id": 2, "ids": ["U1"]},
        "not json",
        b"\x00\x01",
        {"type": "ping", "id": 3},
    ]
    fake.rtm_received.clear()  # a copy
    assert len(fake.rtm_received) == 5


def test_goodbye_is_sent_to_every_session_and_the_server_then_closes_it(fake: FakeSlackServer) -> None:
    with open_session(session_url(fake)) as first, open_session(session_url(fake)) as second:
        assert fake.rtm_goodbye() == 2

        for ws in (first, second):
            assert json.loads(ws.recv(timeout=LONG_TIMEOUT)) == {"type": "goodbye"}
            with pytest.raises(ConnectionClosedOK) as closed:
                ws.recv(timeout=LONG_TIMEOUT)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
        assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)


def test_drop_cuts_the_connection_without_a_close_frame(fake: FakeSlackServer, ws: ClientConnection) -> None:
    assert fake.rtm_drop() == 1

    with pytest.raises(ConnectionClosedError) as closed:
        ws.recv(timeout=LONG_TIMEOUT)
    assert closed.value.rcvd is None  # no close frame: the TCP connection just ended
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)


def test_silent_drop_answers_nothing_not_even_websocket_pings(fake: FakeSlackServer, ws: ClientConnection) -> None:
    assert exchange(ws, {"type": "ping", "id": 1})["type"] == "pong"  # alive before
    assert ws.ping().wait(LONG_TIMEOUT)

    assert fake.rtm_drop(silent=True) == 1
    assert fake.rtm_push({"type": "x"}) == 0
    ws.send(json.dumps({"type": "ping", "id": 2}))
    pong = ws.ping()

    assert nothing_arrives(ws)  # the wait for the websocket pong too: it would have come by now
    assert not pong.wait(0)
    assert fake.rtm_sessions == 1  # still open: the client has to find out for itself
    assert fake.rtm_received == [{"type": "ping", "id": 1}]
    ws.socket.shutdown(socket.SHUT_RDWR)  # the client gives up (a close() would wait for the silent peer)
    ws.close()
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)


def test_rtm_sessions_counts_open_sessions_and_rtm_connects_every_one_opened(fake: FakeSlackServer) -> None:
    assert (fake.rtm_sessions, fake.rtm_connects) == (0, 0)
    with open_session(session_url(fake)):
        with open_session(session_url(fake)):
            assert (fake.rtm_sessions, fake.rtm_connects) == (2, 2)
        assert fake.rtm_wait(lambda: fake.rtm_sessions == 1)
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)
    assert fake.rtm_connects == 2


def test_rtm_wait_returns_false_when_the_condition_never_holds(fake: FakeSlackServer) -> None:
    started = time.monotonic()
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 1, timeout=0.01) is False
    assert time.monotonic() - started < 0.5


def test_wss_with_a_trustme_certificate(tls: typing.Tuple[ssl.SSLContext, str]) -> None:
    server_ctx, ca_file = tls
    client_ctx = ssl.create_default_context(cafile=ca_file)

    with FakeSlackServer(ssl_context=server_ctx) as fake:
        url = session_url(fake, client_ctx)
        assert url.startswith("wss://127.0.0.1:")
        with open_session(url, ssl=client_ctx) as ws:
            assert exchange(ws, {"type": "message", "id": 1, "channel": "C1", "text": "hi"})["ok"] is True
            assert fake.rtm_drop() == 1
            with pytest.raises(ConnectionClosedError):
                ws.recv(timeout=LONG_TIMEOUT)
        with pytest.raises(ssl.SSLError):  # the same certificate, so an untrusting client refuses it
            connect(session_url(fake, client_ctx), ssl=ssl.create_default_context(), open_timeout=LONG_TIMEOUT)


@needs_ipv6
def test_ipv6_loopback() -> None:
    with FakeSlackServer(host="::1") as fake:
        with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
            url = str(RtmApi(client).rtm_connect(query_params=QUERY).body["url"])
        assert url.startswith("ws://[::1]:")
        with open_session(url) as ws:
            assert exchange(ws, {"type": "ping", "id": 1}) == {"type": "pong", "reply_to": 1}


# Ending it all


def test_reset_ends_sessions_and_forgets_frames_counts_and_urls(fake: FakeSlackServer) -> None:
    unused = session_url(fake)
    with open_session(session_url(fake)) as ws:
        exchange(ws, {"type": "ping", "id": 1})

        fake.reset()

        assert (fake.rtm_received, fake.rtm_sessions, fake.rtm_connects) == ([], 0, 0)
        with pytest.raises(ConnectionClosedError):
            ws.recv(timeout=LONG_TIMEOUT)
    with connect(unused, open_timeout=LONG_TIMEOUT) as stale:
        assert json.loads(stale.recv(timeout=LONG_TIMEOUT))["type"] == "error"
    with open_session(session_url(fake)):
        assert fake.rtm_connects == 1


def rtm_threads(fake: FakeSlackServer) -> typing.List[str]:
    prefix = f"FakeSlackServer-{fake.port}-rtm-"
    return [thread.name for thread in threading.enumerate() if thread.name.startswith(prefix)]


def test_stop_ends_every_session_and_thread_in_well_under_a_second() -> None:
    before = set(threading.enumerate())
    fake = FakeSlackServer()
    fake.start()
    with contextlib.ExitStack() as stack:
        stack.callback(fake.stop)
        talking = stack.enter_context(open_session(session_url(fake)))
        silent = stack.enter_context(open_session(session_url(fake)))
        closing = stack.enter_context(open_session(session_url(fake)))
        assert fake.rtm_drop(silent=True) == 3
        assert fake.rtm_wait(lambda: fake.rtm_sessions == 3)
        rtm_port = urllib.parse.urlsplit(fake.ok_body()["url"]).port
        upgrading = stack.enter_context(socket.create_connection(("127.0.0.1", rtm_port)))  # never says a word
        deadline = time.monotonic() + LONG_TIMEOUT
        while len(rtm_threads(fake)) < 4:  # accepted: its handler thread waits for the upgrade request
            assert time.monotonic() < deadline, rtm_threads(fake)
            time.sleep(0.01)

        started = time.monotonic()
        fake.stop()
        assert time.monotonic() - started < 0.5

        assert [t.name for t in threading.enumerate() if t.name.startswith("FakeSlackServer")] == []
        for ws in (talking, silent, closing):
            with pytest.raises(ConnectionClosedError):
                ws.recv(timeout=LONG_TIMEOUT)
            ws.close()
        assert upgrading.recv(1) == b""
    assert [thread.name for thread in set(threading.enumerate()) - before] == []


def test_without_websockets_the_fake_serves_the_fixed_url_and_no_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == "websockets"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "websockets", None)  # as if it were not installed
    monkeypatch.setattr(slack, "testing", slack.testing)  # slack.testing is imported afresh, then put back
    monkeypatch.delitem(sys.modules, "slack.testing")
    testing = importlib.import_module("slack.testing")
    assert "websockets" not in [name.split(".")[0] for name in sys.modules if sys.modules[name] is not None]

    with testing.FakeSlackServer() as fake:
        fake.queue_ok()
        for _ in range(2):
            with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)) as connection:
                connection.request("GET", "/api/rtm.connect?token=xoxb-x")
                assert json.loads(connection.getresponse().read()) == fake.ok_body()
        assert fake.ok_body()["url"].startswith("wss://wss-primary.slack.com/websocket/")
        assert (fake.rtm_push({"type": "x"}), fake.rtm_goodbye(), fake.rtm_drop(), fake.rtm_sessions) == (0, 0, 0, 0)
