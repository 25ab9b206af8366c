"""TLS: verified by default against certifi's bundle, and every knob the configuration offers works.

Certificates come from ``trustme``; the server is a ``FakeSlackServer`` with an
``ssl_context``. A failed verification must be an ``ApiConnectionError`` raised
before any HTTP request reaches the server (the token never leaves the client).
Runs under urllib3 1.26 and 2.x.
"""
import contextlib
import ssl
import typing

import certifi
import pytest
import trustme
import urllib3

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import ApiResponseFor200
from slack.testing import FakeSlackServer

from conftest import LONG_TIMEOUT, QUERY, call, needs_ipv6

LOOPBACKS = [
    "127.0.0.1",
    "localhost",
    pytest.param("::1", marks=needs_ipv6),
]


# --- certificates --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_pem(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def _server_context(cert: trustme.LeafCert) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


@pytest.fixture(scope="module")
def loopback_cert(ca: trustme.CA) -> trustme.LeafCert:
    return ca.issue_cert("localhost", "127.0.0.1", "::1")


@contextlib.contextmanager
def _serve(context: ssl.SSLContext, host: str = "127.0.0.1") -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer(ssl_context=context, host=host) as fake:
        yield fake


def _succeeds(fake: FakeSlackServer, **settings: typing.Any) -> None:
    response = call(fake.host, **settings)
    assert isinstance(response, ApiResponseFor200), response
    assert response.body["team"]["id"] == "T0FAKE0001"


def _fails_fast_before_any_request(fake: FakeSlackServer, **settings: typing.Any) -> slack.ApiConnectionError:
    # A client that hung instead would end at the deadline, as an ApiTimeoutError.
    error = call(fake.host, deadline=LONG_TIMEOUT, **settings)
    assert isinstance(error, slack.ApiConnectionError), error
    assert not isinstance(error, slack.ApiTimeoutError), error
    assert error.reason == "TLS failure"
    assert fake.requests == []  # nothing, and so no token, went over the unverified connection
    assert QUERY["token"] not in str(error)
    return error


# --- defaults ------------------------------------------------------------------------------------


def test_verification_is_on_by_default_with_certifis_bundle() -> None:
    with slack.ApiClient(slack.Configuration()) as client:
        pool_kw = client.rest_client.pool_manager.connection_pool_kw

    # Not passed means urllib3's default, CERT_REQUIRED; the next test shows it in action.
    assert pool_kw.get("cert_reqs", "CERT_REQUIRED") == "CERT_REQUIRED"
    assert pool_kw["ca_certs"] == certifi.where()


def test_server_signed_by_a_private_ca_is_rejected_by_default(loopback_cert: trustme.LeafCert) -> None:
    with _serve(_server_context(loopback_cert)) as fake:
        error = _fails_fast_before_any_request(fake)

    assert "certificate" in str(error).lower()


# --- trusting a CA -------------------------------------------------------------------------------


@pytest.mark.parametrize("host", LOOPBACKS)
def test_ssl_ca_cert_trusts_the_given_ca(host: str, loopback_cert: trustme.LeafCert, ca_pem: str) -> None:
    with _serve(_server_context(loopback_cert), host) as fake:
        assert fake.host.startswith("https://")
        _succeeds(fake, ssl_ca_cert=ca_pem)
        assert fake.requests[0].headers["authorization"] == f"Bearer {QUERY['token']}"


@pytest.mark.parametrize("host", LOOPBACKS)
def test_unknown_ca_is_rejected_before_any_request(host: str, loopback_cert: trustme.LeafCert) -> None:
    other_ca_pem = trustme.CA().cert_pem
    with other_ca_pem.tempfile() as other_ca, _serve(_server_context(loopback_cert), host) as fake:
        _fails_fast_before_any_request(fake, ssl_ca_cert=other_ca)


@pytest.mark.parametrize("host", LOOPBACKS)
def test_hostname_mismatch_is_rejected_before_any_request(host: str, ca: trustme.CA, ca_pem: str) -> None:
    with _serve(_server_context(ca.issue_cert("slack.test")), host) as fake:
        error = _fails_fast_before_any_request(fake, ssl_ca_cert=ca_pem)

    assert "slack.test" in str(error) or "match" in str(error).lower()


def test_verify_ssl_false_accepts_an_untrusted_mismatched_certificate() -> None:
    stranger = trustme.CA().issue_cert("somewhere.else")
    with _serve(_server_context(stranger)) as fake, pytest.warns(urllib3.exceptions.InsecureRequestWarning):
        _succeeds(fake, verify_ssl=False)


# --- the environment -----------------------------------------------------------------------------


def test_ssl_cert_file_is_honoured_with_trust_env(
    loopback_cert: trustme.LeafCert, ca_pem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", ca_pem)
    with _serve(_server_context(loopback_cert)) as fake:
        _succeeds(fake, trust_env=True)


def test_ssl_cert_file_is_ignored_without_trust_env(
    loopback_cert: trustme.LeafCert, ca_pem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", ca_pem)
    with _serve(_server_context(loopback_cert)) as fake:
        _fails_fast_before_any_request(fake, trust_env=False)


def test_explicit_ssl_ca_cert_wins_over_ssl_cert_file(
    loopback_cert: trustme.LeafCert, ca_pem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with trustme.CA().cert_pem.tempfile() as other_ca:
        monkeypatch.setenv("SSL_CERT_FILE", other_ca)
        with _serve(_server_context(loopback_cert)) as fake:
            _succeeds(fake, ssl_ca_cert=ca_pem)


# --- client certificates -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mutual_tls_context(ca: trustme.CA, loopback_cert: trustme.LeafCert) -> ssl.SSLContext:
    context = _server_context(loopback_cert)
    context.verify_mode = ssl.CERT_REQUIRED
    ca.configure_trust(context)
    return context


@pytest.fixture(scope="module")
def client_cert(ca: trustme.CA) -> trustme.LeafCert:
    return ca.issue_cert("client@slack.test")


def test_client_certificate_from_cert_file_and_key_file(
    mutual_tls_context: ssl.SSLContext, client_cert: trustme.LeafCert, ca_pem: str
) -> None:
    with client_cert.cert_chain_pems[0].tempfile() as cert_file, client_cert.private_key_pem.tempfile() as key_file:
        with _serve(mutual_tls_context) as fake:
            _succeeds(fake, ssl_ca_cert=ca_pem, cert_file=cert_file, key_file=key_file)


def test_client_certificate_and_key_in_one_cert_file(
    mutual_tls_context: ssl.SSLContext, client_cert: trustme.LeafCert, ca_pem: str
) -> None:
    with client_cert.private_key_and_cert_chain_pem.tempfile() as cert_file, _serve(mutual_tls_context) as fake:
        _succeeds(fake, ssl_ca_cert=ca_pem, cert_file=cert_file)


def test_server_requiring_a_client_certificate_rejects_a_client_without_one(
    mutual_tls_context: ssl.SSLContext, ca_pem: str
) -> None:
    with _serve(mutual_tls_context) as fake:
        error = call(fake.host, ssl_ca_cert=ca_pem, retries=0, deadline=LONG_TIMEOUT)

        assert isinstance(error, slack.ApiConnectionError) and not isinstance(error, slack.ApiTimeoutError), error
        assert fake.requests == []


# --- naming the server differently ---------------------------------------------------------------


@pytest.fixture(scope="module")
def other_name_context(ca: trustme.CA) -> ssl.SSLContext:
    return _server_context(ca.issue_cert("slack.test"))


@pytest.mark.parametrize("host", LOOPBACKS)
def test_assert_hostname_checks_the_certificate_against_that_name(
    host: str, other_name_context: ssl.SSLContext, ca_pem: str
) -> None:
    with _serve(other_name_context, host) as fake:
        _succeeds(fake, ssl_ca_cert=ca_pem, assert_hostname="slack.test")


def test_assert_hostname_with_a_name_the_certificate_lacks_fails(
    other_name_context: ssl.SSLContext, ca_pem: str
) -> None:
    with _serve(other_name_context) as fake:
        _fails_fast_before_any_request(fake, ssl_ca_cert=ca_pem, assert_hostname="elsewhere.test")


def test_assert_hostname_does_not_weaken_chain_verification(ca_pem: str) -> None:
    stranger = _server_context(trustme.CA().issue_cert("slack.test"))
    with _serve(stranger) as fake:
        _fails_fast_before_any_request(fake, ssl_ca_cert=ca_pem, assert_hostname="slack.test")


def _recording_sni(context: ssl.SSLContext) -> typing.List[typing.Optional[str]]:
    names: typing.List[typing.Optional[str]] = []

    def record(sock: ssl.SSLObject, name: typing.Optional[str], ctx: ssl.SSLContext) -> None:
        names.append(name)

    context.sni_callback = record  # type: ignore[assignment]
    return names


@pytest.mark.parametrize("host", LOOPBACKS)
def test_tls_server_name_is_sent_as_sni_and_checked_against_the_certificate(
    host: str, ca: trustme.CA, ca_pem: str
) -> None:
    context = _server_context(ca.issue_cert("slack.test"))
    server_names = _recording_sni(context)
    with _serve(context, host) as fake:
        _succeeds(fake, ssl_ca_cert=ca_pem, tls_server_name="slack.test")
    assert server_names == ["slack.test"]


def test_tls_server_name_that_the_certificate_lacks_fails(loopback_cert: trustme.LeafCert, ca_pem: str) -> None:
    # The certificate is valid for 127.0.0.1, but the client was told to expect slack.test.
    with _serve(_server_context(loopback_cert)) as fake:
        _fails_fast_before_any_request(fake, ssl_ca_cert=ca_pem, tls_server_name="slack.test")


def test_without_tls_server_name_sni_is_the_host_name(loopback_cert: trustme.LeafCert, ca_pem: str) -> None:
    context = _server_context(loopback_cert)
    server_names = _recording_sni(context)
    with _serve(context, "localhost") as fake:
        _succeeds(fake, ssl_ca_cert=ca_pem)

    assert server_names == ["localhost"]


# --- one verified connection is reused -----------------------------------------------------------


def test_verified_connection_is_kept_alive_across_calls(loopback_cert: trustme.LeafCert, ca_pem: str) -> None:
    with _serve(_server_context(loopback_cert)) as fake:
        with slack.ApiClient(slack.Configuration(host=fake.host, ssl_ca_cert=ca_pem)) as client:
            api = RtmApi(client)
            for _ in range(5):
                assert api.rtm_connect(query_params=QUERY).body["team"]["id"] == "T0FAKE0001"

        assert fake.connections == 1
        assert len(fake.requests) == 5
