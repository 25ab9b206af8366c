"""The request exactly as it goes on the wire: method, path, query, headers, auth."""
import typing

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

from conftest import RawServer, http_reply, replying, success_body

TOKEN = "xoxb-wire-0001"


# --- a raw socket server, for the bytes urllib3 writes -------------------------------------------


def _request_lines(raw: RawServer) -> typing.List[str]:
    """The lines of the one request ``raw`` received."""
    (received,) = raw.requests
    head, _, _ = received.partition(b"\r\n\r\n")
    return head.decode("ascii").split("\r\n")


def _header_values(raw: RawServer, name: str) -> typing.List[str]:
    """Every value sent for header ``name``, matched in any case, one per header line."""
    found = []
    for line in _request_lines(raw)[1:]:
        sent_name, _, value = line.partition(":")
        if sent_name.lower() == name.lower():
            found.append(value.strip())
    return found


_TEAM_ID = "T0RAW0001"
_OK_REPLY = http_reply(success_body(team={"id": _TEAM_ID, "name": "Raw", "domain": "raw"}))


def _raw_call(query_params: typing.Mapping[str, typing.Any]) -> typing.Tuple[RawServer, typing.Any]:
    with replying(_OK_REPLY) as raw, slack.ApiClient(slack.Configuration(host=raw.host)) as client:
        response = RtmApi(client).rtm_connect(query_params=query_params)  # type: ignore[arg-type]
    return raw, response


def test_raw_request_line_is_get_path_and_boolean_query_only() -> None:
    raw, response = _raw_call({"token": TOKEN, "presence_sub": True})

    assert _request_lines(raw)[0] == "GET /api/rtm.connect?presence_sub=true HTTP/1.1"
    assert response.body["team"]["id"] == _TEAM_ID


def test_raw_request_headers_carry_auth_accept_and_user_agent_and_no_body() -> None:
    raw, _ = _raw_call({"token": TOKEN, "presence_sub": True})

    lines = _request_lines(raw)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(": ")
        headers[name.lower()] = value
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith(f"slack-python/{slack.__version__} ")
    assert headers["host"] == f"127.0.0.1:{raw.port}"
    # Nothing beyond what urllib3 itself adds (Host, Accept-Encoding) and what we set.
    assert set(headers) <= {"host", "accept-encoding", "user-agent", "authorization", "accept"}
    # A GET carries no body, and the token shows up once, in its header only.
    assert raw.requests[0].endswith(b"\r\n\r\n")
    assert "content-length" not in headers and "transfer-encoding" not in headers
    assert raw.requests[0].count(TOKEN.encode()) == 1


def test_raw_request_line_without_booleans_has_no_query_string() -> None:
    raw, _ = _raw_call({"token": TOKEN})

    assert _request_lines(raw)[0] == "GET /api/rtm.connect HTTP/1.1"


# --- through the FakeSlackServer ------------------------------------------------------------------


def test_rtm_connect_is_a_get_on_api_rtm_connect(api: RtmApi, fake: FakeSlackServer) -> None:
    api.rtm_connect(query_params={"token": TOKEN})

    (request,) = fake.requests
    assert request.method == "GET"
    assert request.path == "/api/rtm.connect"
    assert request.body == b""
    assert "content-type" not in request.headers


_CHOICES = (None, True, False)


@pytest.mark.parametrize("batch_presence_aware", _CHOICES)
@pytest.mark.parametrize("presence_sub", _CHOICES)
def test_query_holds_only_the_booleans_given_spelled_true_or_false(
    api: RtmApi,
    fake: FakeSlackServer,
    batch_presence_aware: typing.Optional[bool],
    presence_sub: typing.Optional[bool],
) -> None:
    query_params: typing.Dict[str, typing.Any] = {"token": TOKEN}
    expected = []
    if batch_presence_aware is not None:
        query_params["batch_presence_aware"] = batch_presence_aware
        expected.append(f"batch_presence_aware={str(batch_presence_aware).lower()}")
    if presence_sub is not None:
        query_params["presence_sub"] = presence_sub
        expected.append(f"presence_sub={str(presence_sub).lower()}")

    api.rtm_connect(query_params=query_params)  # type: ignore[arg-type]

    (request,) = fake.requests
    assert request.raw_query == "&".join(expected)
    assert "token" not in request.query
    assert TOKEN not in request.raw_query


def test_booleans_already_validated_as_boolclass_go_out_the_same(api: RtmApi, fake: FakeSlackServer) -> None:
    from slack.paths.rtm_connect.get import BatchPresenceAwareSchema, PresenceSubSchema, TokenSchema

    api.rtm_connect(query_params={
        "token": TokenSchema(TOKEN),
        "batch_presence_aware": BatchPresenceAwareSchema(False),
        "presence_sub": PresenceSubSchema(True),
    })

    (request,) = fake.requests
    assert request.raw_query == "batch_presence_aware=false&presence_sub=true"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_headers_are_accept_json_user_agent_and_bearer_token(api: RtmApi, fake: FakeSlackServer) -> None:
    api.rtm_connect(query_params={"token": TOKEN})

    headers = fake.requests[0].headers
    assert headers["accept"] == "application/json"
    assert headers["authorization"] == f"Bearer {TOKEN}"
    product, _, _ = headers["user-agent"].partition(" ")
    assert product == f"slack-python/{slack.__version__}"
    assert product == "slack-python/0.1.0"


def test_accept_header_lists_the_given_accept_content_types(api: RtmApi, fake: FakeSlackServer) -> None:
    api.rtm_connect(query_params={"token": TOKEN}, accept_content_types=("application/json", "text/plain"))

    assert fake.requests[0].headers["accept"] == "application/json, text/plain"


def test_per_call_token_wins_over_configuration_access_token(
    configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    configuration.access_token = "xoxb-from-configuration"
    with slack.ApiClient(configuration) as client:
        RtmApi(client).rtm_connect(query_params={"token": TOKEN})

    (request,) = fake.requests
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert "xoxb-from-configuration" not in repr(request)


def test_generic_call_api_uses_configuration_access_token_for_slack_auth(
    configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    configuration.access_token = "xoxb-from-configuration"
    with slack.ApiClient(configuration) as client:
        response = client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",))

    assert response.status == 200
    (request,) = fake.requests
    assert request.method == "GET"
    assert request.path == "/api/rtm.connect"
    assert request.raw_query == ""
    assert request.headers["authorization"] == "Bearer xoxb-from-configuration"
    assert request.headers["user-agent"].startswith(f"slack-python/{slack.__version__} ")


def test_generic_call_api_without_auth_settings_sends_no_authorization(
    configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    configuration.access_token = "xoxb-from-configuration"
    with slack.ApiClient(configuration) as client:
        client.call_api("/rtm.connect", "GET")

    assert "authorization" not in fake.requests[0].headers


def test_generic_call_api_with_no_access_token_sends_no_authorization(
    api_client: slack.ApiClient, fake: FakeSlackServer
) -> None:
    api_client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",))

    assert "authorization" not in fake.requests[0].headers


def test_generic_call_api_explicit_authorization_header_wins(
    configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    configuration.access_token = "xoxb-from-configuration"
    with slack.ApiClient(configuration) as client:
        client.call_api("/rtm.connect", "GET", headers={"Authorization": f"Bearer {TOKEN}"},
                        auth_settings=("slackAuth",))

    assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_generic_call_api_encodes_the_query_it_is_given(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    api_client.call_api("/rtm.connect", "GET", query=[("presence_sub", "true"), ("x", "a b&c")])

    request = fake.requests[0]
    assert request.raw_query == "presence_sub=true&x=a+b%26c"
    assert request.query == {"presence_sub": "true", "x": "a b&c"}


def test_default_headers_and_user_agent_override_go_on_the_wire(
    configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    with slack.ApiClient(configuration, header_name="X-Trace-Id", header_value="trace-1") as client:
        client.user_agent = "my-app/2.0"
        RtmApi(client).rtm_connect(query_params={"token": TOKEN})

    headers = fake.requests[0].headers
    assert headers["x-trace-id"] == "trace-1"
    assert headers["user-agent"] == "my-app/2.0"


def test_calls_on_one_client_reuse_one_keep_alive_connection(api: RtmApi, fake: FakeSlackServer) -> None:
    for _ in range(3):
        api.rtm_connect(query_params={"token": TOKEN})

    assert [r.connection for r in fake.requests] == [1, 1, 1]
    assert fake.connections == 1


def test_host_with_a_trailing_slash_still_gives_one_slash(fake: FakeSlackServer) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host + "/")) as client:
        RtmApi(client).rtm_connect(query_params={"token": TOKEN})

    assert fake.requests[0].path == "/api/rtm.connect"


# --- one header per name, whatever the case it was set in -----------------------------------------

_DEFAULT_TOKEN = "xoxb-from-default-header"
_CONFIGURATION_TOKEN = "xoxb-from-configuration"


def _raw_client_call(
    set_up: typing.Callable[[slack.ApiClient], None], *, access_token: typing.Optional[str] = None,
    query_token: typing.Optional[str] = None,
) -> RawServer:
    """One call to a RawServer: ``rtm_connect`` with ``query_token``, else ``call_api`` with slackAuth."""
    with replying(_OK_REPLY) as raw:
        with slack.ApiClient(slack.Configuration(host=raw.host, access_token=access_token)) as client:
            set_up(client)
            if query_token is not None:
                RtmApi(client).rtm_connect(query_params={"token": query_token})
            else:
                assert client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",)).status == 200
    return raw


@pytest.mark.parametrize("name", ["Authorization", "authorization", "AUTHORIZATION", "aUtHoRiZaTiOn"])
def test_per_call_token_is_the_one_authorization_header_whatever_the_case_of_the_default(name: str) -> None:
    raw = _raw_client_call(lambda client: client.set_default_header(name, f"Bearer {_DEFAULT_TOKEN}"),
                           access_token=_CONFIGURATION_TOKEN, query_token=TOKEN)

    assert _header_values(raw, "Authorization") == [f"Bearer {TOKEN}"]
    assert _DEFAULT_TOKEN.encode() not in raw.requests[0]
    assert _CONFIGURATION_TOKEN.encode() not in raw.requests[0]


@pytest.mark.parametrize("name", ["Authorization", "authorization", "AUTHORIZATION"])
def test_configuration_access_token_replaces_a_default_authorization_header_in_any_case(name: str) -> None:
    raw = _raw_client_call(lambda client: client.set_default_header(name, f"Bearer {_DEFAULT_TOKEN}"),
                           access_token=_CONFIGURATION_TOKEN)

    assert _header_values(raw, "Authorization") == [f"Bearer {_CONFIGURATION_TOKEN}"]
    assert _DEFAULT_TOKEN.encode() not in raw.requests[0]


def test_a_default_authorization_header_is_sent_once_when_there_is_no_other_token() -> None:
    raw = _raw_client_call(lambda client: client.set_default_header("authorization", f"Bearer {_DEFAULT_TOKEN}"))

    assert _header_values(raw, "Authorization") == [f"Bearer {_DEFAULT_TOKEN}"]


def test_a_default_authorization_put_straight_into_default_headers_still_loses_to_the_per_call_token() -> None:
    def set_up(client: slack.ApiClient) -> None:
        client.default_headers["authorization"] = f"Bearer {_DEFAULT_TOKEN}"  # a public dict: no setter involved

    raw = _raw_client_call(set_up, query_token=TOKEN)

    assert _header_values(raw, "Authorization") == [f"Bearer {TOKEN}"]


@pytest.mark.parametrize("name", ["user-agent", "USER-AGENT", "User-Agent"])
def test_setting_user_agent_in_any_case_replaces_the_default_one(name: str) -> None:
    def set_up(client: slack.ApiClient) -> None:
        client.set_default_header(name, "my-app/3.0")
        assert [k for k in client.default_headers if k.lower() == "user-agent"] == ["User-Agent"]
        assert client.user_agent == "my-app/3.0"

    raw = _raw_client_call(set_up, query_token=TOKEN)

    assert _header_values(raw, "User-Agent") == ["my-app/3.0"]


def test_a_default_header_set_twice_in_different_cases_goes_out_once_with_the_last_value() -> None:
    def set_up(client: slack.ApiClient) -> None:
        client.set_default_header("X-Trace-Id", "first")
        client.set_default_header("x-trace-id", "second")

    raw = _raw_client_call(set_up, query_token=TOKEN)

    assert _header_values(raw, "X-Trace-Id") == ["second"]


def test_call_api_headers_win_over_a_default_of_the_same_name_in_another_case(
    api_client: slack.ApiClient, fake: FakeSlackServer
) -> None:
    api_client.set_default_header("X-Trace-Id", "default")
    api_client.call_api("/rtm.connect", "GET", headers={"x-trace-id": "per-call"})

    assert fake.requests[0].headers["x-trace-id"] == "per-call"


def test_call_api_headers_naming_one_header_twice_in_different_cases_are_refused(
    api_client: slack.ApiClient, fake: FakeSlackServer
) -> None:
    with pytest.raises(slack.ApiValueError, match="twice"):
        api_client.call_api("/rtm.connect", "GET", headers={"Authorization": "Bearer a", "authorization": "Bearer b"})

    assert fake.requests == []


# --- what comes back on the wire: a hostile status line -------------------------------------------


def test_a_reason_phrase_with_control_characters_gives_a_one_line_message_and_keeps_the_raw_reason() -> None:
    reason = b"Service\x0bUnavailable\x1b[2J\x85now \x7f!"
    reply = (b"HTTP/1.1 503 " + reason + b"\r\nContent-Type: text/html\r\nContent-Length: 2\r\n"
             b"Connection: close\r\n\r\nno")
    with replying(reply) as raw, slack.ApiClient(slack.Configuration(host=raw.host, retries=0)) as client:
        with pytest.raises(slack.ApiException) as info:
            RtmApi(client).rtm_connect(query_params={"token": TOKEN})

    message = str(info.value)
    assert info.value.status == 503
    assert info.value.reason == reason.decode("latin-1")  # the attribute keeps what the server sent
    assert "Service\\x0bUnavailable\\x1b[2J\\x85now \\x7f!" in message
    assert message.isprintable()


def test_call_api_host_sends_that_one_call_to_another_base_url() -> None:
    with FakeSlackServer() as configured, FakeSlackServer() as other:
        with slack.ApiClient(slack.Configuration(host=configured.host, access_token="xoxb-WIRE-other")) as client:
            response = client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",), host=other.host)
            assert response.status == 200
            client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",))
        assert [r.path for r in other.requests] == ["/api/rtm.connect"]
        assert other.requests[0].headers["authorization"] == "Bearer xoxb-WIRE-other"
        assert len(configured.requests) == 1
