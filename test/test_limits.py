"""Bounded responses and framing: whatever bytes a server sends, the call ends in a validated
response or an exception of our family, holding at most ``max_response_bytes`` of body.

The servers here write raw bytes, so lengths, chunk sizes and encodings can lie.
The memory tests run the client in a subprocess and read its peak RSS.
"""
import gzip
import json
import os
import socket
import subprocess
import sys
import textwrap
import typing
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slack

from conftest import SUCCESS_BODY, call, hang_up, http_reply, replying

LIMIT = 4096


def _assert_too_large(result: typing.Any, status: int = 200) -> None:
    assert isinstance(result, slack.ApiException) and not isinstance(result, slack.ApiConnectionError), result
    assert (result.status, result.reason) == (status, "response too large")
    assert "max_response_bytes" in str(result)


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n"
    with replying(head + b"x" * 200) as server:
        _assert_too_large(call(server.host, max_response_bytes=LIMIT))


def test_an_endless_chunked_body_stops_at_the_limit() -> None:
    def endless(conn: socket.socket) -> None:
        while True:
            conn.sendall(b"400\r\n" + b"x" * 0x400 + b"\r\n")

    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    with replying(head, then=endless) as server:
        _assert_too_large(call(server.host, max_response_bytes=LIMIT))


def test_a_body_read_until_close_stops_at_the_limit() -> None:
    head = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    with replying(head + b" " * (LIMIT * 4), then=hang_up) as server:
        _assert_too_large(call(server.host, max_response_bytes=LIMIT), status=503)


def test_a_body_at_the_limit_is_read() -> None:
    body = SUCCESS_BODY[:-1] + b', "pad": "' + b"p" * (LIMIT - len(SUCCESS_BODY) - 11) + b'"}'
    assert len(body) == LIMIT
    with replying(http_reply(body)) as server:
        assert not isinstance(call(server.host, max_response_bytes=LIMIT), Exception)
    chunked = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunked += b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    with replying(chunked) as server:
        assert not isinstance(call(server.host, max_response_bytes=LIMIT), Exception)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compressed_body_is_not_inflated_since_none_was_asked_for(encoding: str) -> None:
    data = gzip.compress(SUCCESS_BODY) if encoding == "gzip" else zlib.compress(SUCCESS_BODY)
    with replying(http_reply(data, "200 OK", f"Content-Encoding: {encoding}")) as server:
        result = call(server.host)
    assert isinstance(result, slack.ApiException) and result.status == 200
    assert f"Content-Encoding '{encoding}'" in str(result)
    assert result.body == data  # as sent, not inflated
    assert b"accept-encoding: identity" in server.requests[0].lower()


def test_a_connection_that_ends_inside_the_headers_is_a_connection_error() -> None:
    with replying(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", then=hang_up) as server:
        result = call(server.host, retries=0)
    assert isinstance(result, slack.ApiConnectionError), result
    assert (result.status, result.reason) == (0, "connection dropped")


# --- any framing -----------------------------------------------------------------------------------

_LENGTHS = st.sampled_from(["0", "5", "-1", "99999999999999999999", "abc", "5, 6", "1e3", " 12 ", "0x10", ""])
_CHUNKS = st.sampled_from([b"0", b"5", b"fffffffffffffffffffffffffffff", b"-1", b"zz", b"5;ext=1", b"", b"a" * 70000])


@st.composite
def _responses(draw: st.DrawFn) -> bytes:
    status = draw(st.sampled_from([b"200 OK", b"429 Too Many Requests", b"100 Continue", b"999 X", b"20", b"abc"]))
    head = [b"HTTP/1.1 " + status, b"Content-Type: application/json"]
    if draw(st.booleans()):
        head.append(b"Content-Length: " + draw(_LENGTHS).encode())
    if draw(st.booleans()):
        head.append(b"Transfer-Encoding: " + draw(st.sampled_from([b"chunked", b"gzip, chunked", b"bogus"])))
    if draw(st.booleans()):
        head.append(b"Content-Encoding: " + draw(st.sampled_from([b"gzip", b"deflate", b"br", b"x"])))
    if draw(st.booleans()):
        head.append(b"Retry-After: " + draw(st.sampled_from([b"0", b"1" * 400, b"Wed, 21 Oct 2015 07:28:00 GMT"])))
    body = draw(st.sampled_from([SUCCESS_BODY, b"", b"{", gzip.compress(SUCCESS_BODY)]))
    if draw(st.booleans()):
        body = draw(_CHUNKS) + b"\r\n" + body + b"\r\n0\r\n\r\n"
    cut = draw(st.integers(min_value=0, max_value=3))  # 0: whole; else cut somewhere
    data = b"\r\n".join(head) + b"\r\n\r\n" + body
    return data if cut == 0 else data[: len(data) * cut // 4]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_responses())
def test_any_framing_ends_in_a_response_or_our_exception(data: bytes) -> None:
    with replying(data, then=hang_up) as server:
        result = call(server.host, retries=1, max_response_bytes=LIMIT, deadline=2, timeout=1)
    if isinstance(result, Exception):
        assert type(result) in (slack.ApiException, slack.ApiConnectionError, slack.ApiTimeoutError), repr(result)
        assert "\n" not in str(result)
    else:
        assert result.response.status == 200


# --- peak memory -------------------------------------------------------------------------------------

_CLIENT = textwrap.dedent("""
    import json, resource, sys
    import slack
    from slack.apis.tags.rtm_api import RtmApi

    def peak():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    with slack.ApiClient(slack.Configuration(host=sys.argv[1], retries=0)) as client:
        api = RtmApi(client)
        before = peak()
        try:
            api.rtm_connect(query_params={"token": "xoxb-memory-0001"})
            outcome = "success"
        except slack.ApiException as e:
            outcome = e.reason or e.error or "ApiException"
        except BaseException as e:
            outcome = type(e).__name__
    print(json.dumps({"before": before, "after": peak(), "outcome": outcome}))
""")


def _peak_growth(host: str) -> typing.Tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, "-c", _CLIENT, host], capture_output=True, text=True, env=env,
                            timeout=120, check=True)
    report = json.loads(result.stdout)
    return report["after"] - report["before"], report["outcome"]


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """A gzip body that inflates to 1 GiB of spaces: 64 members of 16 MiB each, about 1 MB on the wire."""
    return gzip.compress(b" " * (16 << 20), compresslevel=1) * 64


def test_a_gzip_bomb_does_not_grow_memory(gzip_bomb: bytes) -> None:
    limit = slack.configuration.DEFAULT_MAX_RESPONSE_BYTES
    with replying(http_reply(gzip_bomb, "200 OK", "Content-Encoding: gzip")) as server:
        growth, outcome = _peak_growth(server.host)
    assert outcome is not None and outcome != "success"
    assert growth < 2 * limit


def test_a_huge_plain_body_grows_memory_by_at_most_twice_the_limit() -> None:
    limit = slack.configuration.DEFAULT_MAX_RESPONSE_BYTES
    zeros = b"0" * (1 << 20)

    def endless(conn: socket.socket) -> None:
        for _ in range(500):  # 500 MB, unless the client stops reading first
            conn.sendall(zeros)

    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    with replying(head, then=endless) as server:
        growth, outcome = _peak_growth(server.host)
    assert outcome == "response too large"
    assert growth < 2 * limit
