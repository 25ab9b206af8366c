"""FakeSlackServer, exercised with real requests over loopback using only the stdlib."""

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import typing

import pytest
import trustme

from slack.testing import FakeSlackServer, RecordedRequest

RTM_CONNECT = "/api/rtm.connect"
BEARER = {"Authorization": "Bearer xoxb-test-token"}


@pytest.fixture
def server() -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer() as fake:
        yield fake


@pytest.fixture
def conn(server: FakeSlackServer) -> typing.Iterator[http.client.HTTPConnection]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    with contextlib.closing(connection):
        yield connection


class Reply(typing.NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> typing.Any:
        return json.loads(self.body)


def call(
    conn: http.client.HTTPConnection,
    path: str = RTM_CONNECT,
    method: str = "GET",
    headers: typing.Optional[typing.Mapping[str, str]] = None,
    body: typing.Optional[bytes] = None,
) -> Reply:
    conn.request(method, path, body=body, headers=dict(headers or {}))
    response = conn.getresponse()
    return Reply(response.status, response.headers, response.read())


# Slack's default answers


def test_rtm_connect_with_bearer_token_returns_default_success_body(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    reply = call(conn, headers=BEARER)

    assert reply.status == 200
    assert reply.json() == server.ok_body()
    assert reply.json()["ok"] is True
    assert reply.json()["url"].startswith("wss://wss-primary.slack.com/websocket/")
    assert reply.json()["team"] == {"id": "T0FAKE0001", "name": "Fake Slack", "domain": "fake-slack"}
    assert reply.json()["self"] == {"id": "U0FAKE0001", "name": "fake-bot"}


def test_rtm_connect_accepts_token_as_query_or_form_param(conn: http.client.HTTPConnection) -> None:
    assert call(conn, RTM_CONNECT + "?token=xoxb-q").json()["ok"] is True
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert call(conn, method="POST", headers=form, body=b"token=xoxb-f").json()["ok"] is True


@pytest.mark.parametrize(
    "path, headers",
    [
        (RTM_CONNECT, {}),
        (RTM_CONNECT, {"Authorization": "Bearer "}),
        (RTM_CONNECT, {"Authorization": "Basic dXNlcjpwYXNz"}),
        (RTM_CONNECT + "?token=", {}),
    ],
)
def test_rtm_connect_without_token_answers_not_authed(
    conn: http.client.HTTPConnection, path: str, headers: typing.Dict[str, str]
) -> None:
    reply = call(conn, path, headers=headers)

    assert reply.status == 200
    assert reply.json() == {"ok": False, "error": "not_authed"}


def test_unknown_api_method_answers_unknown_method(conn: http.client.HTTPConnection) -> None:
    reply = call(conn, "/api/chat.postMessage", headers=BEARER)

    assert reply.status == 200
    assert reply.json() == {"ok": False, "error": "unknown_method"}


def test_path_outside_api_answers_404_not_found(conn: http.client.HTTPConnection) -> None:
    reply = call(conn, "/rtm.connect", headers=BEARER)

    assert reply.status == 404
    assert reply.json() == {"ok": False, "error": "not_found"}


def test_every_reply_carries_json_content_type_length_and_fresh_req_id(conn: http.client.HTTPConnection) -> None:
    replies = [call(conn, headers=BEARER), call(conn), call(conn, "/api/nope"), call(conn, "/nope")]

    for reply in replies:
        assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
        assert reply.headers["Content-Length"] == str(len(reply.body))
    req_ids = [reply.headers["x-slack-req-id"] for reply in replies]
    assert all(req_ids)
    assert len(set(req_ids)) == len(req_ids)


# Queued replies


def test_queue_ok_overrides_top_level_keys(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    server.queue_ok(warning="superfluous_charset", response_metadata={"warnings": ["superfluous_charset"]})
    server.queue_ok(team={"id": "TXYZ", "name": "x", "domain": "y"})

    first, second = call(conn, headers=BEARER).json(), call(conn, headers=BEARER).json()

    assert first == {
        **server.ok_body(),
        "warning": "superfluous_charset",
        "response_metadata": {"warnings": ["superfluous_charset"]},
    }
    assert second["team"] == {"id": "TXYZ", "name": "x", "domain": "y"}
    assert second["self"] == server.ok_body()["self"]


def test_queue_error_answers_code_at_given_status_with_extra_keys(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_error("invalid_auth")
    server.queue_error("fatal_error", status=500, detail="boom")

    first, second = call(conn, headers=BEARER), call(conn, headers=BEARER)

    assert (first.status, first.json()) == (200, {"ok": False, "error": "invalid_auth"})
    assert (second.status, second.json()) == (500, {"ok": False, "error": "fatal_error", "detail": "boom"})
    assert second.headers["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("retry_after, expected", [(30, "30"), (1.5, "1.5"), ("Wed, 21 Oct 2015 07:28:00 GMT", None)])
def test_queue_rate_limited_answers_429_with_retry_after(
    server: FakeSlackServer,
    conn: http.client.HTTPConnection,
    retry_after: typing.Union[float, str],
    expected: typing.Optional[str],
) -> None:
    server.queue_rate_limited(retry_after)

    reply = call(conn, headers=BEARER)

    assert reply.status == 429
    assert reply.headers["Retry-After"] == (expected or retry_after)
    assert reply.json() == {"ok": False, "error": "ratelimited"}


def test_queue_reply_sends_bytes_as_is_with_exactly_the_given_headers(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_reply(502, {"Content-Type": "text/html"}, b"<html>Bad Gateway</html>")

    reply = call(conn, headers=BEARER)

    assert reply.status == 502
    assert reply.body == b"<html>Bad Gateway</html>"
    assert reply.headers["Content-Type"] == "text/html"
    assert reply.headers["Content-Length"] == str(len(reply.body))
    assert reply.headers["x-slack-req-id"]


def test_queue_reply_keeps_caller_content_length_and_req_id(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_reply(200, {"content-length": "2", "X-Slack-Req-Id": "abc123"}, b"{}")

    reply = call(conn)

    assert reply.headers.get_all("Content-Length") == ["2"]
    assert reply.headers.get_all("x-slack-req-id") == ["abc123"]
    assert "Content-Type" not in reply.headers


@pytest.mark.parametrize(
    "body, expected",
    [
        ("caf\u00e9", "caf\u00e9".encode()),
        ({"ok": True, "n": 1}, b'{"ok": true, "n": 1}'),
        ([1, "two"], b'[1, "two"]'),
        (None, b""),
    ],
)
def test_queue_reply_encodes_str_as_utf8_and_mappings_and_lists_as_json(
    server: FakeSlackServer,
    conn: http.client.HTTPConnection,
    body: typing.Union[str, typing.Mapping[str, typing.Any], typing.List[typing.Any], None],
    expected: bytes,
) -> None:
    server.queue_reply(body=body)

    reply = call(conn)

    assert reply.status == 200
    assert reply.body == expected
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"


def test_queued_replies_are_served_in_order_then_defaults_resume(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_error("first")
    server.queue_rate_limited(1)
    server.queue_ok(n=3)

    statuses = [call(conn, headers=BEARER) for _ in range(4)]

    assert [r.json().get("error") for r in statuses] == ["first", "ratelimited", None, None]
    assert statuses[2].json()["n"] == 3
    assert statuses[3].json() == server.ok_body()


def test_delayed_reply_still_arrives(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    server.queue_reply(body={"ok": True}, delay=0.2)

    reply = call(conn)

    assert reply.json() == {"ok": True}


def test_dropped_reply_closes_connection_but_request_is_recorded(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_reply(drop=True, delay=0.1)

    with pytest.raises(ConnectionError):  # http.client.RemoteDisconnected is one
        call(conn, headers=BEARER)

    assert [r.path for r in server.requests] == [RTM_CONNECT]
    conn.close()
    assert call(conn, headers=BEARER).json()["ok"] is True


def test_connection_close_header_closes_the_connection(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_reply(headers={"Connection": "close"}, body=b"{}")

    call(conn)
    call(conn)  # http.client reconnects because the server said it would close

    first, second = server.requests
    assert first.connection != second.connection
    assert server.connections == 2


# Recording


def test_requests_records_method_path_query_and_lowercased_headers(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    call(conn, RTM_CONNECT + "?batch_presence_aware=1&presence_sub=&x=1&x=2", headers={"X-Custom-Header": "Yes"})

    (request,) = server.requests
    assert isinstance(request, RecordedRequest)
    assert request.method == "GET"
    assert request.path == RTM_CONNECT
    assert request.raw_query == "batch_presence_aware=1&presence_sub=&x=1&x=2"
    assert request.query == {"batch_presence_aware": "1", "presence_sub": "", "x": "2"}
    assert request.headers["x-custom-header"] == "Yes"
    assert request.headers["host"] == f"127.0.0.1:{server.port}"
    assert all(name == name.lower() for name in request.headers)


def test_post_bodies_are_read_so_keep_alive_survives(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    call(conn, method="POST", headers=form, body=b"token=xoxb-1&presence_sub=true")
    conn.request("POST", RTM_CONNECT, body=iter([b"token=", b"xoxb-2"]), headers=form, encode_chunked=True)
    chunked = conn.getresponse()
    assert json.loads(chunked.read())["ok"] is True

    first, second = server.requests
    assert first.query == {"token": "xoxb-1", "presence_sub": "true"}
    assert first.body == b"token=xoxb-1&presence_sub=true"
    assert second.body == b"token=xoxb-2"
    assert first.connection == second.connection


def test_keep_alive_requests_share_a_connection_number_and_new_connections_get_new_ones(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    call(conn, headers=BEARER)
    call(conn, headers=BEARER)
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)) as other:
        call(other, headers=BEARER)

    first, second, third = server.requests
    assert first.connection == second.connection
    assert third.connection != first.connection
    assert server.connections == 2


# Lifecycle and transports


def test_host_is_the_base_url_for_configuration(server: FakeSlackServer) -> None:
    assert server.host == f"http://127.0.0.1:{server.port}/api"


def test_stop_does_not_hang_while_a_handler_sleeps() -> None:
    fake = FakeSlackServer()
    fake.start()
    fake.queue_reply(delay=10)
    outcome: typing.List[OSError] = []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)
        try:
            call(connection)
        except OSError as exc:  # ConnectionError once stop() closes the socket
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=client, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not fake.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.requests

    started = time.monotonic()
    fake.stop()
    fake.stop()  # idempotent
    thread.join(timeout=5)

    assert time.monotonic() - started < 5
    assert not thread.is_alive()
    assert outcome, "the client should see the connection close, not a reply"


def test_stopped_server_refuses_connections() -> None:
    with FakeSlackServer() as fake:
        port = fake.port

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_https_with_ssl_context() -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)

    with FakeSlackServer(ssl_context=server_ctx) as fake:
        assert fake.host == f"https://127.0.0.1:{fake.port}/api"
        connection = http.client.HTTPSConnection("127.0.0.1", fake.port, timeout=10, context=client_ctx)
        with contextlib.closing(connection):
            assert call(connection, headers=BEARER).json() == fake.ok_body()
            assert call(connection).json() == {"ok": False, "error": "not_authed"}
        assert fake.connections == 1


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_ipv6_loopback() -> None:
    with FakeSlackServer(host="::1") as fake:
        assert fake.host == f"http://[::1]:{fake.port}/api"
        with contextlib.closing(http.client.HTTPConnection("::1", fake.port, timeout=10)) as connection:
            assert call(connection, headers=BEARER).json()["ok"] is True
