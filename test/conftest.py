"""Shared fixtures: a FakeSlackServer on loopback and a client configured for it."""
import typing

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file", "ssl_cert_dir")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to loopback: a proxy or CA bundle set on the machine must not interfere."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def fake() -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer() as server:
        yield server


@pytest.fixture
def configuration(fake: FakeSlackServer) -> slack.Configuration:
    return slack.Configuration(host=fake.host)


@pytest.fixture
def api_client(configuration: slack.Configuration) -> typing.Iterator[slack.ApiClient]:
    with slack.ApiClient(configuration) as client:
        yield client


@pytest.fixture
def api(api_client: slack.ApiClient) -> RtmApi:
    return RtmApi(api_client)
