# hand-written in the generated style
"""Proxies: ``configuration.proxy``, ``proxy_headers``, the ``*_PROXY``/``NO_PROXY`` environment, and proxy credentials.

A small threaded forward proxy on loopback relays absolute-URI requests
(``GET http://127.0.0.1:PORT/...``) and ``CONNECT`` tunnels, and records what it
saw, so each test can check that a call went through the proxy (or did not).
Credentials in a proxy URL go out as ``Proxy-Authorization`` and appear in no
log line, repr or exception message.
"""
import base64
import http.client
import http.server
import logging
import selectors
import socket
import socketserver
import ssl
import threading
import traceback
import typing
import urllib.parse
from dataclasses import dataclass

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import ApiResponseFor200
from slack.testing import FakeSlackServer

from conftest import QUERY, call, outcome

USER, PASSWORD = "user", "p@ss"
QUOTED_PASSWORD = "p%40ss"
BASIC = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
SECRETS = (PASSWORD, QUOTED_PASSWORD, BASIC.split()[1], f"{USER}:p")

# Not forwarded by a proxy: they concern one hop only.
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authorization", "proxy-authenticate", "proxy-connection",
                         "te", "trailers", "transfer-encoding", "upgrade", "content-length"})


@dataclass(frozen=True)
class Proxied:
    """One request as the proxy received it."""

    method: str
    target: str
    headers: typing.Dict[str, str]

    @property
    def proxy_authorization(self) -> typing.Optional[str]:
        return self.headers.get("proxy-authorization")


class _ProxyServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    proxy: "ForwardProxy"

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # no reverse DNS lookup
        self.server_name, self.server_port = "127.0.0.1", int(self.server_address[1])

    def handle_error(self, request: typing.Any, client_address: typing.Any) -> None:
        pass  # clients hanging up mid-relay are normal here


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, a kept-alive reply waits ~40 ms for an ACK.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: typing.Any) -> None:
        pass

    def _admit(self) -> bool:
        proxy = typing.cast(_ProxyServer, self.server).proxy
        proxy.record(Proxied(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        if proxy.required_auth is not None and self.headers.get("Proxy-Authorization") != proxy.required_auth:
            self.send_response(407, "Proxy Authentication Required")
            self.send_header("Proxy-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        return True

    def do_GET(self) -> None:
        if not self._admit():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.scheme != "http" or not url.hostname:
            self.send_error(400, "absolute http URI expected")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            upstream.request(self.command, url.path + (f"?{url.query}" if url.query else ""), body, headers)
            reply = upstream.getresponse()
            data = reply.read()
        finally:
            upstream.close()
        self.send_response(reply.status, reply.reason)
        for name, value in reply.getheaders():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_POST = do_GET

    def do_CONNECT(self) -> None:
        if not self._admit():
            return
        host, _, port = self.path.rpartition(":")
        upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        with upstream, selectors.DefaultSelector() as selector:
            selector.register(self.connection, selectors.EVENT_READ, upstream)
            selector.register(upstream, selectors.EVENT_READ, self.connection)
            while True:
                for key, _ in selector.select(timeout=10):
                    source = typing.cast(socket.socket, key.fileobj)
                    data = source.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)


class ForwardProxy:
    """A threaded loopback HTTP forward proxy that records what it relays."""

    def __init__(self, required_auth: typing.Optional[str] = None) -> None:
        self.required_auth = required_auth
        self._lock = threading.Lock()
        self._seen: typing.List[Proxied] = []
        self._httpd = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
        self._httpd.proxy = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_with_credentials(self) -> str:
        return f"http://{USER}:{QUOTED_PASSWORD}@127.0.0.1:{self.port}"

    @property
    def seen(self) -> typing.List[Proxied]:
        with self._lock:
            return list(self._seen)

    def record(self, request: Proxied) -> None:
        with self._lock:
            self._seen.append(request)

    def reset(self) -> None:
        """Forget what was relayed, so that tests in a module can share one proxy."""
        with self._lock:
            self._seen.clear()

    def __enter__(self) -> "ForwardProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


@pytest.fixture(scope="module")
def _open_proxy() -> typing.Iterator[ForwardProxy]:
    with ForwardProxy() as server:
        yield server


@pytest.fixture(scope="module")
def _closed_proxy() -> typing.Iterator[ForwardProxy]:
    with ForwardProxy(required_auth=BASIC) as server:
        yield server


@pytest.fixture
def proxy(_open_proxy: ForwardProxy) -> ForwardProxy:
    """A forward proxy that admits anyone; one per module, with nothing relayed yet."""
    _open_proxy.reset()
    return _open_proxy


@pytest.fixture
def authenticating_proxy(_closed_proxy: ForwardProxy) -> ForwardProxy:
    """A forward proxy that wants ``USER:PASSWORD``; one per module, with nothing relayed yet."""
    _closed_proxy.reset()
    return _closed_proxy


def _assert_went_through(proxy: ForwardProxy, fake: FakeSlackServer, result: typing.Any) -> None:
    assert isinstance(result, ApiResponseFor200), result
    assert [(p.method, p.target) for p in proxy.seen] == [("GET", f"{fake.host}/rtm.connect")]
    assert len(fake.requests) == 1
    assert fake.requests[0].headers["authorization"] == f"Bearer {QUERY['token']}"


def _assert_went_direct(proxy: ForwardProxy, fake: FakeSlackServer, result: typing.Any) -> None:
    assert isinstance(result, ApiResponseFor200), result
    assert proxy.seen == []
    assert len(fake.requests) == 1


# --- configuration.proxy -------------------------------------------------------------------------


def test_configured_proxy_routes_the_call_through_it(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    response = call(fake.host, proxy=proxy.url)
    _assert_went_through(proxy, fake, response)
    assert response.body["url"] == fake.ok_body()["url"]


def test_without_a_proxy_the_call_goes_direct(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    _assert_went_direct(proxy, fake, call(fake.host))


def test_proxy_headers_are_sent_to_the_proxy(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    response = call(fake.host, proxy=proxy.url,
                    proxy_headers={"X-Proxy-Tag": "team-a", "Proxy-Authorization": "Bearer proxy-tok"})
    assert isinstance(response, ApiResponseFor200), response
    (seen,) = proxy.seen
    assert seen.headers["x-proxy-tag"] == "team-a"
    assert seen.proxy_authorization == "Bearer proxy-tok"


def test_errors_through_a_proxy_are_the_same_api_exceptions(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth")
    e = call(fake.host, proxy=proxy.url)
    assert type(e) is slack.ApiException
    assert (e.status, e.error) == (200, "invalid_auth")
    assert len(proxy.seen) == 1


def test_a_rate_limit_through_a_proxy_is_retried_through_it(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    fake.queue_rate_limited(0)
    assert isinstance(call(fake.host, proxy=proxy.url), ApiResponseFor200)
    assert len(proxy.seen) == 2
    assert len(fake.requests) == 2


# --- the environment -----------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
def test_proxy_from_the_environment_is_used_for_an_http_host(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer, variable: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    _assert_went_through(proxy, fake, call(fake.host))


def test_https_proxy_is_not_used_for_an_http_host(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    _assert_went_direct(proxy, fake, call(fake.host))


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY", "HTTPS_PROXY"])
def test_empty_proxy_variables_are_ignored(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer, variable: str
) -> None:
    monkeypatch.setenv(variable, "")
    _assert_went_direct(proxy, fake, call(fake.host))


def test_an_empty_http_proxy_falls_back_to_all_proxy(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "")
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    _assert_went_through(proxy, fake, call(fake.host))


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "localhost,127.0.0.1", "*", "127.0.0.1:{port}"])
def test_no_proxy_bypasses_the_environment_proxy(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer, no_proxy: str
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy.format(port=fake.port))
    _assert_went_direct(proxy, fake, call(fake.host))


def test_no_proxy_for_another_host_does_not_bypass(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "slack.com,10.0.0.1")
    _assert_went_through(proxy, fake, call(fake.host))


def test_trust_env_false_ignores_the_environment(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    _assert_went_direct(proxy, fake, call(fake.host, trust_env=False))


def test_configured_proxy_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer, closed_port: int
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port}")
    _assert_went_through(proxy, fake, call(fake.host, proxy=proxy.url))


def test_configured_proxy_is_used_even_with_trust_env_false(proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    _assert_went_through(proxy, fake, call(fake.host, proxy=proxy.url, trust_env=False))


# --- HTTPS through a CONNECT tunnel --------------------------------------------------------------


@pytest.fixture
def tls_fake(tls: typing.Tuple[ssl.SSLContext, str]) -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer(ssl_context=tls[0]) as server:
        yield server


def test_https_proxy_from_the_environment_tunnels_an_https_host(
    monkeypatch: pytest.MonkeyPatch, authenticating_proxy: ForwardProxy, tls_fake: FakeSlackServer,
    tls: typing.Tuple[ssl.SSLContext, str],
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", authenticating_proxy.url_with_credentials())
    response = call(tls_fake.host, ssl_ca_cert=tls[1])
    assert isinstance(response, ApiResponseFor200), response
    assert response.body["url"] == tls_fake.ok_body()["url"]
    (seen,) = authenticating_proxy.seen
    assert (seen.method, seen.target) == ("CONNECT", f"127.0.0.1:{tls_fake.port}")
    assert seen.proxy_authorization == BASIC
    # Inside the tunnel the proxy credentials are not sent: Slack never sees them.
    (request,) = tls_fake.requests
    assert "proxy-authorization" not in request.headers
    assert request.headers["authorization"] == f"Bearer {QUERY['token']}"


def test_http_proxy_variable_is_not_used_for_an_https_host(
    monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, tls_fake: FakeSlackServer,
    tls: typing.Tuple[ssl.SSLContext, str],
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    assert isinstance(call(tls_fake.host, ssl_ca_cert=tls[1]), ApiResponseFor200)
    assert proxy.seen == []
    assert len(tls_fake.requests) == 1


# --- credentials in the proxy URL ----------------------------------------------------------------


def _assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked"


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="slack")
    caplog.set_level(logging.DEBUG, logger="urllib3")
    return caplog


def test_proxy_url_credentials_are_sent_as_basic_proxy_authorization(
    authenticating_proxy: ForwardProxy, fake: FakeSlackServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    configuration = slack.Configuration(host=fake.host, proxy=authenticating_proxy.url_with_credentials())
    with slack.ApiClient(configuration) as client:
        assert isinstance(outcome(RtmApi(client)), ApiResponseFor200)
    (seen,) = authenticating_proxy.seen
    assert seen.proxy_authorization == BASIC  # the password percent-decoded: user:p@ss
    assert seen.target == f"{fake.host}/rtm.connect"  # and no credentials in the request line
    assert debug_logs.records, "expected DEBUG records from slack and urllib3"
    _assert_no_secret(debug_logs.text)
    _assert_no_secret(repr(configuration))


def test_proxy_credentials_from_the_environment_are_sent_and_not_logged(
    monkeypatch: pytest.MonkeyPatch, authenticating_proxy: ForwardProxy, fake: FakeSlackServer,
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", authenticating_proxy.url_with_credentials())
    assert isinstance(call(fake.host), ApiResponseFor200)
    assert [p.proxy_authorization for p in authenticating_proxy.seen] == [BASIC]
    _assert_no_secret(debug_logs.text)


def test_wrong_proxy_credentials_raise_an_api_exception_without_them(
    authenticating_proxy: ForwardProxy, fake: FakeSlackServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    wrong = f"http://{USER}:wr%40ng-{QUOTED_PASSWORD}@127.0.0.1:{authenticating_proxy.port}"
    e = call(fake.host, proxy=wrong)
    assert isinstance(e, slack.ApiException) and e.status == 407
    assert fake.requests == []
    text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    assert "wr%40ng" not in text and "wr@ng" not in text
    assert "wr%40ng" not in debug_logs.text and "wr@ng" not in debug_logs.text


@pytest.mark.parametrize("retries", [0, 1])
def test_proxy_down_raises_api_connection_error_without_the_credentials(
    fake: FakeSlackServer, debug_logs: pytest.LogCaptureFixture, retries: int, closed_port: int,
    planned_waits: typing.List[float],
) -> None:
    configuration = slack.Configuration(
        host=fake.host, proxy=f"http://{USER}:{QUOTED_PASSWORD}@127.0.0.1:{closed_port}", retries=retries)
    with slack.ApiClient(configuration) as client:
        e = outcome(RtmApi(client))
    assert isinstance(e, slack.ApiConnectionError)
    assert e.status == 0
    assert e.reason == "proxy failure"
    assert "proxy" in str(e)
    assert fake.requests == []
    # Nowhere: the message, the repr, the whole chained traceback, the logs (urllib3's retry warning too).
    _assert_no_secret(str(e))
    _assert_no_secret(repr(e))
    _assert_no_secret("".join(traceback.format_exception(type(e), e, e.__traceback__)))
    _assert_no_secret(debug_logs.text)
    _assert_no_secret(repr(configuration))
    if retries:
        assert "Retrying" in debug_logs.text


def test_configuration_repr_shows_the_proxy_without_its_credentials(proxy: ForwardProxy) -> None:
    configuration = slack.Configuration(proxy=proxy.url_with_credentials())
    assert f"127.0.0.1:{proxy.port}" in repr(configuration)
    _assert_no_secret(repr(configuration))
    with slack.ApiClient(configuration) as client:
        _assert_no_secret(repr(client))


@pytest.mark.parametrize("value", ["http://user:pa/ss@proxy.example:3128", "http://user:s3cr#t@proxy.example:3128",
                                   "http://[::1:3128", "ftp://user:s3cret@proxy.example"])
def test_an_unusable_proxy_from_the_environment_is_refused_without_its_password(
        monkeypatch: pytest.MonkeyPatch, fake: FakeSlackServer, value: str) -> None:
    monkeypatch.setenv("HTTP_PROXY", value)
    with pytest.raises(slack.ApiValueError) as info:
        slack.ApiClient(slack.Configuration(host=fake.host))
    assert "environment" in str(info.value)
    for secret in ("pa/ss", "s3cr", "user"):
        assert secret not in str(info.value) and secret not in repr(info.value.__context__)
    assert fake.requests == []


def test_a_proxy_from_the_environment_without_a_scheme_is_an_http_proxy(
        monkeypatch: pytest.MonkeyPatch, proxy: ForwardProxy, fake: FakeSlackServer) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url.split("://", 1)[1])
    _assert_went_through(proxy, fake, call(fake.host))


def test_proxy_headers_with_a_socks_proxy_are_refused_not_ignored(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, proxy="socks5h://user:pw@proxy.example:1080",
                                        proxy_headers={"X-Proxy-Team": "a"})
    with pytest.raises(slack.ApiValueError, match=r"proxy_headers cannot go through a socks proxy"):
        slack.ApiClient(configuration)
    assert fake.requests == []
