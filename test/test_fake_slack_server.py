"""FakeSlackServer, exercised with real requests over loopback using only the stdlib."""

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import typing
import urllib.parse

import pytest
import trustme

import slack.testing
from slack.testing import FakeSlackServer, RecordedRequest

from conftest import AUTH_TEST_BODY, SHORT_TIMEOUT, needs_ipv6

RTM_CONNECT = "/api/rtm.connect"
AUTH_TEST = "/api/auth.test"
BEARER = {"Authorization": "Bearer xoxb-test-token"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = {"Content-Type": "application/json; charset=utf-8"}
MIB = 1024 * 1024
# Malformed requests must be answered within this; a raw client's socket timeout is the failure mode.
ANSWER_TIMEOUT = 2.0


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


def exchange(port: int, data: bytes, *, half_close: bool = False) -> bytes:
    """Send raw bytes on a new connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=ANSWER_TIMEOUT) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    return bytes(received)


def status_of(answer: bytes) -> int:
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 "), answer[:200]
    return int(status_line.split()[1])


def wait_until(condition: typing.Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.01)


def threads_of(fake: FakeSlackServer) -> typing.List[str]:
    """Names of the live accept and handler threads of ``fake``."""
    prefix = f"FakeSlackServer-{fake.port}"
    return [thread.name for thread in threading.enumerate() if thread.name.startswith(prefix)]


def request_in_background(fake: FakeSlackServer) -> typing.Tuple[threading.Thread, typing.List[object]]:
    """Start one rtm.connect call on its own thread; the list gets its reply or its OSError."""
    outcome: typing.List[object] = []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)
        try:
            outcome.append(call(connection))
        except OSError as exc:
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=client, daemon=True)
    thread.start()
    return thread, outcome


@pytest.fixture(scope="module")
def tls() -> typing.Tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a trustme certificate for 127.0.0.1, and a client context trusting it."""
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    return server_ctx, client_ctx


# Slack's default answers


def test_rtm_connect_with_bearer_token_returns_default_success_body(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    reply = call(conn, headers=BEARER)

    assert reply.status == 200
    assert reply.json() == server.ok_body()
    assert reply.json()["ok"] is True
    # A live session URL on the fake with websockets installed; Slack's shape of one without.
    assert reply.json()["url"].startswith(("ws://127.0.0.1:", "wss://wss-primary.slack.com/websocket/"))
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


@pytest.mark.parametrize(
    "method, path, req_method",
    [
        ("GET", "/api/chat.postMessage", "chat.postMessage"),
        ("POST", "/api/users.info?user=U1", "users.info"),
        ("GET", "/api/foo%2Ebar", "foo.bar"),
        ("PUT", RTM_CONNECT, "rtm.connect"),  # Slack's methods answer GET and POST
    ],
)
def test_unknown_api_method_answers_unknown_method_with_req_method(
    conn: http.client.HTTPConnection, method: str, path: str, req_method: str
) -> None:
    reply = call(conn, path, method=method, headers=BEARER)

    assert reply.status == 200
    assert reply.json() == {"ok": False, "error": "unknown_method", "req_method": req_method}


def test_unknown_method_is_answered_before_the_token_is_looked_at(conn: http.client.HTTPConnection) -> None:
    assert call(conn, "/api/nope").json() == {"ok": False, "error": "unknown_method", "req_method": "nope"}


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


# Tokens


def post_form(conn: http.client.HTTPConnection, fields: typing.Mapping[str, str], path: str = RTM_CONNECT) -> Reply:
    return call(conn, path, method="POST", headers=FORM, body=urllib.parse.urlencode(fields).encode())


def multipart(*parts: typing.Tuple[str, bytes, typing.Optional[str]], boundary: str = "b0und4ry") -> bytes:
    """A multipart/form-data body of (name, value, filename) parts, as browsers and slack_sdk send it."""
    body = bytearray()
    for name, value, filename in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n"
    return bytes(body + f"--{boundary}--\r\n".encode())


MULTIPART = {"Content-Type": "multipart/form-data; boundary=b0und4ry"}


@pytest.mark.parametrize(
    "token", ["xoxb-1-2-abc", "xoxp-1-2-3-abc", "xoxe.xoxp-1-abc", "xapp-1-A1-2-abc", "YOUR_ACCESS_TOKEN"]
)
def test_by_default_any_token_of_visible_ascii_is_accepted(conn: http.client.HTTPConnection, token: str) -> None:
    reply = call(conn, AUTH_TEST, headers={"Authorization": f"Bearer {token}"})

    assert reply.json()["ok"] is True


@pytest.mark.parametrize(
    "path, headers",
    [
        pytest.param(RTM_CONNECT, {"Authorization": "Bearer xoxb-1 2"}, id="inner space in the header"),
        pytest.param(RTM_CONNECT + "?token=xoxb-1%202", {}, id="inner space in the query"),
        pytest.param(RTM_CONNECT + "?token=xoxb-1%09", {}, id="tab"),
        pytest.param(RTM_CONNECT + "?token=xoxb-%00", {}, id="NUL"),
        pytest.param(RTM_CONNECT + "?token=xoxb-caf%C3%A9", {}, id="non-ASCII"),
        pytest.param(AUTH_TEST + "?token=xoxb-1%0A", {}, id="newline, on auth.test"),
    ],
)
def test_by_default_a_malformed_token_answers_invalid_auth(
    conn: http.client.HTTPConnection, path: str, headers: typing.Dict[str, str]
) -> None:
    reply = call(conn, path, headers=headers)

    assert (reply.status, reply.json()) == (200, {"ok": False, "error": "invalid_auth"})


def test_tokens_accepts_only_the_listed_tokens_wherever_they_come_from() -> None:
    with FakeSlackServer(tokens=["xoxb-good", "xoxp-good"]) as fake:
        with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)) as conn:
            good = [
                call(conn, headers={"Authorization": "Bearer xoxb-good"}),
                call(conn, AUTH_TEST + "?token=xoxp-good"),
                post_form(conn, {"token": "xoxb-good"}),
                call(conn, method="POST", headers=MULTIPART, body=multipart(("token", b"xoxb-good", None))),
            ]
            bad = [
                call(conn, headers={"Authorization": "Bearer xoxb-other"}),
                call(conn, AUTH_TEST + "?token=xoxb-goo"),
                post_form(conn, {"token": "xoxb-good-too"}),
                call(conn, method="POST", headers=MULTIPART, body=multipart(("token", b"xoxp-bad", None))),
            ]
            missing = call(conn)

    assert [reply.json()["ok"] for reply in good] == [True] * 4
    assert [reply.json() for reply in bad] == [{"ok": False, "error": "invalid_auth"}] * 4
    assert missing.json() == {"ok": False, "error": "not_authed"}


def test_tokens_may_be_empty_so_that_every_token_is_refused() -> None:
    with FakeSlackServer(tokens=()) as fake:
        with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)) as conn:
            assert call(conn, headers=BEARER).json() == {"ok": False, "error": "invalid_auth"}


@pytest.mark.parametrize("tokens", ["xoxb-one", b"xoxb-one", ["xoxb-one", 1]])
def test_tokens_must_be_a_collection_of_str(tokens: typing.Any) -> None:
    with pytest.raises(TypeError, match="tokens must be a collection of str"):
        FakeSlackServer(tokens=tokens)


def test_tokens_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        FakeSlackServer(None, "127.0.0.1", ["xoxb-one"])  # type: ignore[misc]


@pytest.mark.parametrize(
    "headers, query, expected",
    [
        ({"Authorization": "Bearer xoxb-good"}, "?token=xoxb-bad", True),
        ({"Authorization": "Bearer xoxb-bad"}, "?token=xoxb-good", False),
        ({"Authorization": "bearer xoxb-good"}, "", True),  # the scheme is case-insensitive
        ({"Authorization": "Basic eG94Yi1nb29kOg=="}, "?token=xoxb-good", True),  # not a token: the argument counts
    ],
)
def test_a_bearer_token_in_authorization_wins_over_the_token_argument(
    headers: typing.Dict[str, str], query: str, expected: bool
) -> None:
    with FakeSlackServer(tokens={"xoxb-good"}) as fake:
        with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)) as conn:
            assert call(conn, RTM_CONNECT + query, headers=headers).json()["ok"] is expected


def test_a_form_token_wins_over_the_query_strings(conn: http.client.HTTPConnection) -> None:
    reply = call(conn, RTM_CONNECT + "?token=xoxb-ok", method="POST", headers=FORM, body=b"token=xoxb-1%202")

    assert reply.json() == {"ok": False, "error": "invalid_auth"}


def test_a_token_in_a_json_body_is_ignored_as_slack_ignores_it(conn: http.client.HTTPConnection) -> None:
    body = json.dumps({"token": "xoxb-in-the-body"}).encode()

    without_header = call(conn, method="POST", headers=JSON, body=body)
    with_header = call(conn, method="POST", headers={**JSON, **BEARER}, body=body)
    beside_a_query_token = call(conn, RTM_CONNECT + "?token=xoxb-q", method="POST", headers=JSON, body=body)

    assert without_header.json() == {"ok": False, "error": "not_authed"}
    assert with_header.json()["ok"] is True
    assert beside_a_query_token.json()["ok"] is True


def test_an_app_level_token_gets_not_allowed_token_type_from_rtm_connect_only(
    conn: http.client.HTTPConnection,
) -> None:
    app = {"Authorization": "Bearer xapp-1-A0FAKE0001-1-abc"}

    assert call(conn, headers=app).json() == {"ok": False, "error": "not_allowed_token_type"}
    assert call(conn, AUTH_TEST, headers=app).json()["ok"] is True


def test_an_unlisted_app_level_token_gets_invalid_auth_first() -> None:
    with FakeSlackServer(tokens={"xapp-listed"}) as fake:
        with contextlib.closing(http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)) as conn:
            unlisted = call(conn, RTM_CONNECT + "?token=xapp-unlisted").json()
            listed = call(conn, RTM_CONNECT + "?token=xapp-listed").json()

    assert unlisted == {"ok": False, "error": "invalid_auth"}
    assert listed == {"ok": False, "error": "not_allowed_token_type"}


# auth.test

AUTH_TEST_USER = {key: value for key, value in AUTH_TEST_BODY.items() if key != "bot_id"}


@pytest.mark.parametrize(
    "token, expected",
    [
        ("xoxb-1-2-abc", {**AUTH_TEST_USER, "bot_id": "B0FAKE0001"}),
        ("xoxe.xoxb-1-abc", {**AUTH_TEST_USER, "bot_id": "B0FAKE0001"}),  # a rotating bot token
        ("xoxp-1-2-3-abc", AUTH_TEST_USER),
        ("xapp-1-A1-2-abc", AUTH_TEST_USER),
    ],
)
def test_auth_test_says_who_the_token_is_with_bot_id_for_bot_tokens(
    conn: http.client.HTTPConnection, token: str, expected: typing.Dict[str, typing.Any]
) -> None:
    by_get = call(conn, AUTH_TEST, headers={"Authorization": f"Bearer {token}"})
    by_post = post_form(conn, {"token": token}, AUTH_TEST)

    assert by_get.status == by_post.status == 200
    assert by_get.json() == by_post.json() == expected
    assert by_get.headers["Content-Type"] == "application/json; charset=utf-8"


def test_auth_test_names_the_team_and_user_of_rtm_connect(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    who = call(conn, AUTH_TEST, headers=BEARER).json()

    assert (who["team_id"], who["team"]) == (server.ok_body()["team"]["id"], server.ok_body()["team"]["name"])
    assert (who["user_id"], who["user"]) == (server.ok_body()["self"]["id"], server.ok_body()["self"]["name"])
    assert who["url"] == f"https://{server.ok_body()['team']['domain']}.slack.com/"


def test_auth_test_without_a_token_answers_not_authed(conn: http.client.HTTPConnection) -> None:
    assert call(conn, AUTH_TEST).json() == {"ok": False, "error": "not_authed"}


def test_auth_test_hands_out_no_session_url(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    url = call(conn, headers=BEARER).json()["url"]
    call(conn, AUTH_TEST, headers=BEARER)

    assert server.ok_body()["url"] == url


# Arguments


def test_params_holds_query_and_form_arguments_and_the_form_wins(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    call(conn, RTM_CONNECT + "?presence_sub=false&x=q", method="POST", headers=FORM, body=b"token=xoxb-1&x=f&e=")

    (request,) = server.requests
    assert request.params == {"presence_sub": "false", "x": "f", "token": "xoxb-1", "e": ""}


def test_params_holds_multipart_text_fields_but_not_files(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    body = multipart(("token", b"xoxb-1", None), ("title", "caf\u00e9".encode(), None), ("file", b"\x00\xff", "a.bin"))

    reply = call(conn, AUTH_TEST + "?x=1", method="POST", headers=MULTIPART, body=body)

    assert reply.json()["ok"] is True
    assert server.requests[0].params == {"x": "1", "token": "xoxb-1", "title": "caf\u00e9"}


def test_params_holds_a_json_objects_keys_with_their_json_values(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    body = {"presence_sub": True, "n": 1, "nested": {"a": [1, None]}, "x": "body"}

    call(conn, RTM_CONNECT + "?x=query&q=1", method="POST", headers={**JSON, **BEARER}, body=json.dumps(body).encode())

    assert server.requests[0].params == {"q": "1", **body}


def test_a_form_is_decoded_by_its_charset(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    latin1 = {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"}

    reply = call(conn, method="POST", headers=latin1, body=b"token=xoxb-1&name=caf%E9")

    assert reply.json()["ok"] is True
    assert server.requests[0].params["name"] == "caf\u00e9"


def test_a_text_plain_body_is_accepted_and_holds_no_arguments(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    reply = call(conn, method="POST", headers={"Content-Type": "text/plain", **BEARER}, body=b"token=xoxb-1")

    assert reply.json()["ok"] is True
    assert server.requests[0].params == {}


def test_an_empty_post_needs_no_content_type(conn: http.client.HTTPConnection) -> None:
    assert call(conn, method="POST", headers=BEARER, body=b"").json()["ok"] is True


@pytest.mark.parametrize(
    "content_type, body, error",
    [
        pytest.param(None, b"token=xoxb-1", "missing_post_type", id="no Content-Type"),
        pytest.param("application/xml", b"<token/>", "invalid_post_type", id="unsupported type"),
        pytest.param("form", b"token=xoxb-1", "invalid_post_type", id="not a media type"),
        pytest.param(FORM["Content-Type"] + "; charset=koi8-r", b"token=xoxb-1", "invalid_charset", id="charset"),
        pytest.param("multipart/form-data", multipart(("a", b"1", None)), "invalid_form_data", id="no boundary"),
        pytest.param(MULTIPART["Content-Type"], multipart(("a", b"1", None))[:-4], "invalid_form_data", id="no end"),
        pytest.param(MULTIPART["Content-Type"], b"token=xoxb-1", "invalid_form_data", id="not multipart"),
        pytest.param(JSON["Content-Type"], b'{"token": ', "invalid_json", id="truncated JSON"),
        pytest.param(JSON["Content-Type"], b'\xff{"a": 1}', "invalid_json", id="JSON not UTF-8"),
        pytest.param(JSON["Content-Type"], b"[1, 2]", "json_not_object", id="JSON array"),
        pytest.param(JSON["Content-Type"], b'"xoxb-1"', "json_not_object", id="JSON string"),
    ],
)
def test_a_body_slack_cannot_read_gets_slacks_error_code(
    server: FakeSlackServer,
    conn: http.client.HTTPConnection,
    content_type: typing.Optional[str],
    body: bytes,
    error: str,
) -> None:
    headers = {**BEARER, **({} if content_type is None else {"Content-Type": content_type})}

    reply = call(conn, method="POST", headers=headers, body=body)

    assert (reply.status, reply.json()) == (200, {"ok": False, "error": error})
    assert server.requests[0].body == body  # recorded all the same


# Queued replies


def test_queue_ok_overrides_top_level_keys(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    server.queue_ok(warning="superfluous_charset", response_metadata={"warnings": ["superfluous_charset"]})
    server.queue_ok(team={"id": "TXYZ", "name": "x", "domain": "y"})

    first, second = call(conn, headers=BEARER).json(), call(conn, headers=BEARER).json()

    assert first == {
        **server.ok_body(url=first["url"]),  # each success hands out its own session URL
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


@pytest.mark.parametrize(
    "retry_after, expected",
    [
        (30, "30"),
        (0, "0"),
        (1.0, "1"),  # not "1.0": slack_sdk's RateLimitErrorRetryHandler reads it with int()
        (1.5, "2"),  # Slack sends whole seconds; rounding up never shortens the wait
        (0.01, "1"),
        ("1.5", None),  # a str goes out as given, to test a client's parsing
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
    ],
)
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


@pytest.mark.parametrize("retry_after", [-1, -0.5, float("inf"), float("nan")])
def test_queue_rate_limited_refuses_a_negative_or_endless_number(
    server: FakeSlackServer, conn: http.client.HTTPConnection, retry_after: float
) -> None:
    with pytest.raises(ValueError, match="pass a str to send any other Retry-After value"):
        server.queue_rate_limited(retry_after)

    assert call(conn, headers=BEARER).json()["ok"] is True  # and nothing was queued


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
    server.queue_reply(body={"ok": True}, delay=0.01)

    reply = call(conn)

    assert reply.json() == {"ok": True}


def test_dropped_reply_closes_connection_but_request_is_recorded(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_reply(drop=True, delay=0.01)

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


def test_stop_ends_a_handler_waiting_out_a_delay_within_a_second() -> None:
    fake = FakeSlackServer()
    fake.start()
    fake.queue_reply(delay=60)
    thread, outcome = request_in_background(fake)
    wait_until(lambda: bool(fake.requests))
    assert f"FakeSlackServer-{fake.port}-connection-1" in threads_of(fake)

    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 1
    assert threads_of(fake) == []
    fake.stop()  # idempotent
    thread.join(timeout=5)

    assert not thread.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], OSError), "the client should see the connection close, not a reply"


def test_stop_ends_idle_keep_alive_connections_and_their_threads(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    call(conn, headers=BEARER)
    assert threads_of(server) == [f"FakeSlackServer-{server.port}", f"FakeSlackServer-{server.port}-connection-1"]

    server.stop()

    assert threads_of(server) == []
    assert conn.sock is not None
    assert conn.sock.recv(1) == b""  # the server closed its end


def test_start_and_stop_take_milliseconds() -> None:
    # serve_forever's poll made every stop() wait ~50 ms: 20 rounds took over a second.
    started = time.monotonic()
    for _ in range(20):
        with FakeSlackServer():
            pass
    assert time.monotonic() - started < 0.5


def test_a_burst_of_128_connections_waits_in_the_backlog_until_served() -> None:
    fake = FakeSlackServer()  # listening, not accepting yet: connections queue in the backlog
    with contextlib.ExitStack() as stack:
        stack.callback(fake.stop)
        clients = [
            stack.enter_context(socket.create_connection(("127.0.0.1", fake.port), timeout=ANSWER_TIMEOUT))
            for _ in range(128)
        ]
        fake.start()
        for client in clients:
            client.sendall(b"GET /api/rtm.connect?token=xoxb-x HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n")
        for client in clients:
            answer = bytearray()
            while chunk := client.recv(65536):
                answer += chunk
            assert status_of(bytes(answer)) == 200
        assert fake.connections == 128


def test_a_stopped_server_cannot_be_started_again() -> None:
    fake = FakeSlackServer()
    fake.stop()

    with pytest.raises(RuntimeError, match="make a new one"):
        fake.start()


def test_stopped_server_refuses_connections() -> None:
    with FakeSlackServer() as fake:
        port = fake.port

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_https_with_ssl_context(tls: typing.Tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    server_ctx, client_ctx = tls
    with FakeSlackServer(ssl_context=server_ctx) as fake:
        assert fake.host == f"https://127.0.0.1:{fake.port}/api"
        connection = http.client.HTTPSConnection("127.0.0.1", fake.port, timeout=10, context=client_ctx)
        with contextlib.closing(connection):
            assert call(connection, headers=BEARER).json() == fake.ok_body()
            assert call(connection).json() == {"ok": False, "error": "not_authed"}
        assert fake.connections == 1


def test_stop_ends_a_tls_client_that_never_handshakes(
    tls: typing.Tuple[ssl.SSLContext, ssl.SSLContext], capfd: pytest.CaptureFixture[str]
) -> None:
    server_ctx, client_ctx = tls
    fake = FakeSlackServer(ssl_context=server_ctx)
    fake.start()
    with contextlib.ExitStack() as stack:
        stack.callback(fake.stop)
        silent = stack.enter_context(socket.create_connection(("127.0.0.1", fake.port), timeout=ANSWER_TIMEOUT))
        wait_until(lambda: fake.connections == 1)
        connection = http.client.HTTPSConnection("127.0.0.1", fake.port, timeout=10, context=client_ctx)
        with contextlib.closing(connection):
            assert call(connection, headers=BEARER).json()["ok"] is True  # the silent client blocks no one
        assert f"FakeSlackServer-{fake.port}-connection-1" in threads_of(fake)

        started = time.monotonic()
        fake.stop()
        assert time.monotonic() - started < 1

        assert threads_of(fake) == []
        assert silent.recv(1) == b""
    assert capfd.readouterr().err == ""


def test_a_tls_client_that_never_handshakes_is_dropped_after_the_handshake_timeout(
    tls: typing.Tuple[ssl.SSLContext, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slack.testing, "_HANDSHAKE_TIMEOUT", SHORT_TIMEOUT)
    with FakeSlackServer(ssl_context=tls[0]) as fake:
        with socket.create_connection(("127.0.0.1", fake.port), timeout=ANSWER_TIMEOUT) as silent:
            assert silent.recv(1) == b""  # while the server keeps running
        wait_until(lambda: threads_of(fake) == [f"FakeSlackServer-{fake.port}"])


def test_dropped_reply_over_tls_closes_the_connection(tls: typing.Tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    server_ctx, client_ctx = tls
    with FakeSlackServer(ssl_context=server_ctx) as fake:
        fake.queue_reply(drop=True)
        connection = http.client.HTTPSConnection("127.0.0.1", fake.port, timeout=10, context=client_ctx)
        with contextlib.closing(connection):
            with pytest.raises(ConnectionError):
                call(connection, headers=BEARER)
            connection.close()
            assert call(connection, headers=BEARER).json()["ok"] is True
        assert fake.connections == 2


@needs_ipv6
def test_ipv6_loopback() -> None:
    with FakeSlackServer(host="::1") as fake:
        assert fake.host == f"http://[::1]:{fake.port}/api"
        with contextlib.closing(http.client.HTTPConnection("::1", fake.port, timeout=10)) as connection:
            assert call(connection, headers=BEARER).json()["ok"] is True


# Malformed requests

POST = b"POST /api/rtm.connect HTTP/1.1\r\nHost: fake\r\n"
CHUNKED = POST + b"Transfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"GARBAGE\r\n\r\n", id="request line of one word"),
        pytest.param(b"GET / HTTP/1.1 extra\r\n\r\n", id="request line of four words"),
        pytest.param(b"\xff\xfe\r\n\r\n", id="request line that is not text"),
        pytest.param(b"GET http://[::1/api/rtm.connect HTTP/1.1\r\nHost: fake\r\n\r\n", id="unparsable target"),
        pytest.param(POST + b"Content-Length: abc\r\n\r\n", id="non-numeric Content-Length"),
        pytest.param(POST + b"Content-Length: -1\r\n\r\n", id="negative Content-Length"),
        pytest.param(POST + b"Content-Length: +2\r\n\r\nab", id="signed Content-Length"),
        pytest.param(POST + b"Content-Length: \xb2\r\n\r\nab", id="superscript-two Content-Length"),
        pytest.param(POST + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc", id="conflicting Content-Lengths"),
        pytest.param(POST + b"Content-Length: 2, 3\r\n\r\nabc", id="conflicting Content-Length list"),
        pytest.param(POST + b"Transfer-Encoding: gzip\r\n\r\n", id="transfer coding without chunked"),
        pytest.param(CHUNKED + b"zz\r\n", id="non-hex chunk size"),
        pytest.param(CHUNKED + b"-1\r\n", id="negative chunk size"),
        pytest.param(CHUNKED + b"0" * 100_000 + b"1\r\n", id="absurdly long chunk-size line"),
        pytest.param(CHUNKED + b"2\r\nabXY0\r\n\r\n", id="chunk data without its CRLF"),
    ],
)
def test_malformed_request_gets_400_and_nothing_on_stderr(
    server: FakeSlackServer, capfd: pytest.CaptureFixture[str], data: bytes
) -> None:
    answer = exchange(server.port, data)  # reads until the server closes the connection
    server.stop()  # joins the handler threads, so whatever they printed is in capfd now

    assert status_of(answer) == 400
    assert capfd.readouterr().err == ""


def test_body_cut_short_gets_400(server: FakeSlackServer, capfd: pytest.CaptureFixture[str]) -> None:
    answer = exchange(server.port, POST + b"Content-Length: 10\r\n\r\nabc", half_close=True)
    server.stop()

    assert status_of(answer) == 400
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(POST + b"Content-Length: 1048577\r\n\r\n", id="one byte over 1 MiB"),
        pytest.param(POST + b"Content-Length: 99999999999999999999\r\n\r\n", id="20-digit Content-Length"),
        pytest.param(POST + b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n", id="5000-digit Content-Length"),
        pytest.param(CHUNKED + b"2540BE400\r\n", id="10 GB chunk"),
        pytest.param(CHUNKED + b"100000\r\n" + b"x" * MIB + b"\r\n1\r\n", id="chunks adding up past 1 MiB"),
    ],
)
def test_body_over_1_mib_gets_413_at_once_and_the_connection_closes(
    server: FakeSlackServer, capfd: pytest.CaptureFixture[str], data: bytes
) -> None:
    # Reading or buffering the announced size would run into ANSWER_TIMEOUT.
    answer = exchange(server.port, data)
    server.stop()

    assert status_of(answer) == 413
    assert b"\r\nConnection: close\r\n" in answer
    assert capfd.readouterr().err == ""


def test_body_of_exactly_1_mib_is_accepted(server: FakeSlackServer, conn: http.client.HTTPConnection) -> None:
    conn.request("POST", RTM_CONNECT, body=iter([b"x" * (MIB // 2)] * 2), encode_chunked=True)
    assert conn.getresponse().read()
    call(conn, method="POST", body=b"y" * MIB)

    first, second = server.requests
    assert first.body == b"x" * MIB
    assert second.body == b"y" * MIB


def test_repeated_equal_content_lengths_are_one_length(server: FakeSlackServer) -> None:
    answer = exchange(server.port, POST + b"Content-Length: 2\r\nContent-Length: 2, 2\r\nConnection: close\r\n\r\nab")

    assert status_of(answer) == 200
    assert [r.body for r in server.requests] == [b"ab"]


def test_malformed_request_is_not_recorded_and_leaves_the_queue_alone(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_error("queued")

    assert status_of(exchange(server.port, POST + b"Content-Length: -1\r\n\r\n")) == 400
    assert server.requests == []

    assert call(conn, headers=BEARER).json() == {"ok": False, "error": "queued"}
    assert len(server.requests) == 1


# Sharing one server


def test_reset_forgets_queued_replies_requests_and_the_connection_count(
    server: FakeSlackServer, conn: http.client.HTTPConnection
) -> None:
    server.queue_error("first")
    server.queue_error("never served")
    call(conn, headers=BEARER)
    conn.close()

    server.reset()

    assert server.requests == []
    assert server.connections == 0
    assert call(conn, headers=BEARER).json() == server.ok_body()
    assert [r.connection for r in server.requests] == [1]
    assert server.connections == 1


def test_reset_ends_open_connections_and_pending_delays(server: FakeSlackServer) -> None:
    server.queue_reply(body={"ok": True}, delay=60)
    thread, outcome = request_in_background(server)
    wait_until(lambda: bool(server.requests))

    server.reset()

    assert threads_of(server) == [f"FakeSlackServer-{server.port}"]  # only the accept loop is left
    thread.join(timeout=5)
    assert len(outcome) == 1
    assert isinstance(outcome[0], OSError), "the delayed reply should never arrive"
    assert server.requests == []
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)) as connection:
        assert call(connection, headers=BEARER).json()["ok"] is True


@pytest.fixture(scope="module")
def module_server() -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer() as fake:
        yield fake


@pytest.fixture
def shared(module_server: FakeSlackServer) -> FakeSlackServer:
    module_server.reset()
    return module_server


@pytest.mark.parametrize("round_", [1, 2])
def test_a_module_shares_one_server_through_reset(shared: FakeSlackServer, round_: int) -> None:
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", shared.port, timeout=10)) as connection:
        assert call(connection, headers=BEARER).json() == shared.ok_body()

    assert [r.connection for r in shared.requests] == [1]
    assert shared.connections == 1
    shared.queue_error("left over")  # the next round must not see it
