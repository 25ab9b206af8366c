"""Everything the doc page and the module map promise: importable, the right shape, and working."""
import ast
import importlib
import inspect
import json
import pathlib
import re
import threading
import typing

import frozendict
import pytest
import urllib3

import slack
from slack import api_client as api_client_module
from slack import schemas
from slack.apis.tags.rtm_api import RtmApi
from slack.configuration import _SETTINGS
from slack.model.defs_ok_true import DefsOkTrue
from slack.model.defs_team import DefsTeam
from slack.model.defs_user_id import DefsUserId
from slack.paths.rtm_connect import get as rtm_connect_get
from slack.testing import FakeSlackServer

from conftest import LONG_TIMEOUT, SHORT_TIMEOUT

TOKEN = "xoxb-surface-0001"
QUERY = {"token": TOKEN}


# --- the top-level package ------------------------------------------------------------------------


def test_package_exposes_version_configuration_client_and_exceptions() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[.-]?\w+)?", slack.__version__)
    assert inspect.isclass(slack.Configuration) and inspect.isclass(slack.ApiClient)
    for name in ("OpenApiException", "ApiTypeError", "ApiValueError", "ApiKeyError", "ApiAttributeError",
                 "ApiException", "ApiConnectionError", "ApiTimeoutError"):
        cls = getattr(slack, name)
        assert issubclass(cls, slack.OpenApiException)
        assert cls is getattr(importlib.import_module("slack.exceptions"), name)
    assert issubclass(slack.ApiTimeoutError, slack.ApiConnectionError)
    assert issubclass(slack.ApiConnectionError, slack.ApiException)
    for name in slack.__all__:
        assert hasattr(slack, name), name


@pytest.mark.parametrize(
    "module",
    ["slack", "slack.api_client", "slack.configuration", "slack.exceptions", "slack.rest", "slack.schemas",
     "slack.apis.tags", "slack.apis.tags.rtm_api", "slack.apis.paths.rtm_connect", "slack.apis.path_to_api",
     "slack.apis.tag_to_api", "slack.paths", "slack.paths.rtm_connect", "slack.paths.rtm_connect.get",
     "slack.model.defs_team", "slack.model.defs_user_id", "slack.model.defs_ok_true", "slack.model.defs_ok_false",
     "slack.models"],
)
def test_every_module_of_the_map_imports_and_its_all_resolves(module: str) -> None:
    mod = importlib.import_module(module)

    for name in getattr(mod, "__all__", ()):
        assert hasattr(mod, name), f"{module}.{name}"


def test_apis_are_found_by_tag_and_by_path() -> None:
    from slack.apis.path_to_api import path_to_api
    from slack.apis.paths.rtm_connect import RtmConnect
    from slack.apis.tag_to_api import tag_to_api
    from slack.apis.tags import TagValues
    from slack.paths import PathValues

    assert TagValues.RTM == "rtm"
    assert PathValues.RTM_CONNECT == "/rtm.connect"
    assert tag_to_api[TagValues.RTM] is RtmApi
    assert path_to_api[PathValues.RTM_CONNECT] is RtmConnect
    # str enums: the plain strings find the same classes.
    assert tag_to_api["rtm"] is RtmApi  # type: ignore[index]
    assert path_to_api["/rtm.connect"] is RtmConnect  # type: ignore[index]
    assert callable(RtmConnect().get)
    assert callable(RtmApi().rtm_connect)


def test_endpoint_module_declares_the_generated_names() -> None:
    m = rtm_connect_get
    assert m.TokenSchema is schemas.StrSchema
    assert issubclass(m.BatchPresenceAwareSchema, schemas.BoolSchema)
    assert issubclass(m.PresenceSubSchema, schemas.BoolSchema)
    assert m.RequestRequiredQueryParams.__required_keys__ == frozenset({"token"})
    assert m.RequestOptionalQueryParams.__optional_keys__ == frozenset({"batch_presence_aware", "presence_sub"})
    assert m.RequestQueryParams.__required_keys__ == frozenset({"token"})
    assert m.RequestQueryParams.__optional_keys__ == frozenset({"batch_presence_aware", "presence_sub"})
    assert issubclass(m.SchemaFor200ResponseBodyApplicationJson, schemas.DictSchema)
    assert issubclass(m.SchemaFor0ResponseBodyApplicationJson, schemas.DictSchema)
    props = m.SchemaFor200ResponseBodyApplicationJson.MetaOapg.properties
    assert issubclass(props.self, schemas.DictSchema) and issubclass(props.team, schemas.DictSchema)
    assert props.ok is DefsOkTrue and props.url is schemas.StrSchema
    assert props.team.MetaOapg.properties.id is DefsTeam
    assert props.self.MetaOapg.properties.id is DefsUserId
    assert m.SchemaFor200ResponseBodyApplicationJson.__doc__ == "Schema for successful response from rtm.connect method"
    assert m.SchemaFor0ResponseBodyApplicationJson.__doc__ == "Schema for error response from rtm.connect method"
    for response_cls in (m.ApiResponseFor200, m.ApiResponseForDefault):
        assert issubclass(response_cls, api_client_module.ApiResponse)
        assert response_cls.__slots__ == ()
    assert api_client_module.ApiResponse.__slots__ == ("body", "headers", "response")
    assert callable(m.RtmConnect.rtm_connect) and callable(m.ApiForget.get)
    assert issubclass(RtmApi, m.RtmConnect)


def test_rtm_connect_signature_matches_the_doc_page() -> None:
    parameters = inspect.signature(RtmApi.rtm_connect).parameters

    assert list(parameters) == [
        "self", "query_params", "accept_content_types", "stream", "timeout", "skip_deserialization"]
    assert parameters["accept_content_types"].default == ("application/json",)
    assert parameters["stream"].default is False
    assert parameters["timeout"].default is None
    assert parameters["skip_deserialization"].default is False


# --- real calls through both entry points ---------------------------------------------------------------


def test_path_api_get_makes_a_real_call(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    from slack.apis.path_to_api import path_to_api
    from slack.paths import PathValues

    response = path_to_api[PathValues.RTM_CONNECT](api_client).get(query_params=QUERY)

    assert isinstance(response, rtm_connect_get.ApiResponseFor200)
    assert response.body["team"]["id"] == "T0FAKE0001"
    assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_tag_api_rtm_connect_makes_a_real_call(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    from slack.apis.tag_to_api import tag_to_api
    from slack.apis.tags import TagValues

    response = tag_to_api[TagValues.RTM](api_client).rtm_connect(query_params=QUERY)

    assert isinstance(response, rtm_connect_get.ApiResponseFor200)
    assert response.body["self"]["id"] == "U0FAKE0001"
    assert len(fake.requests) == 1


# --- the typed response -----------------------------------------------------------------------------


def test_every_response_field_has_its_documented_type(api: RtmApi, fake: FakeSlackServer) -> None:
    response = api.rtm_connect(query_params=QUERY)
    body = response.body

    assert isinstance(response.response, urllib3.HTTPResponse)
    assert response.response.status == 200
    assert response.headers is schemas.unset
    assert isinstance(body, rtm_connect_get.SchemaFor200ResponseBodyApplicationJson)
    assert isinstance(body, frozendict.frozendict)
    assert isinstance(body["ok"], DefsOkTrue) and isinstance(body["ok"], schemas.BoolClass)
    assert body["ok"] == True  # noqa: E712
    assert isinstance(body["url"], str) and body["url"] == fake.ok_body()["url"]
    props = rtm_connect_get.SchemaFor200ResponseBodyApplicationJson.MetaOapg.properties
    assert isinstance(body["team"], props.team) and isinstance(body["team"], frozendict.frozendict)
    assert isinstance(body["team"]["id"], DefsTeam) and isinstance(body["team"]["id"], str)
    assert isinstance(body["team"]["name"], str) and isinstance(body["team"]["domain"], str)
    assert (body["team"]["id"], body["team"]["name"], body["team"]["domain"]) == ("T0FAKE0001", "Fake Slack",
                                                                                   "fake-slack")
    assert isinstance(body["self"], props.self)
    assert isinstance(body["self"]["id"], DefsUserId) and body["self"]["id"] == "U0FAKE0001"
    assert isinstance(body["self"]["name"], str) and body["self"]["name"] == "fake-bot"


def test_body_json_dumps_back_to_the_plain_json_slack_sent(api: RtmApi, fake: FakeSlackServer) -> None:
    body = api.rtm_connect(query_params=QUERY).body

    assert json.loads(json.dumps(body, cls=slack.api_client.JSONEncoder)) == fake.ok_body()


def test_extra_keys_slack_adds_are_kept_and_dump_back(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_ok(warning="superfluous_charset", response_metadata={"warnings": ["superfluous_charset"]},
                  team={"id": "T0FAKE0001", "name": "F", "domain": "f", "is_enterprise": False})

    body = api.rtm_connect(query_params=QUERY).body

    assert body["warning"] == "superfluous_charset"
    assert body["team"]["is_enterprise"] == False  # noqa: E712
    expected = fake.ok_body(warning="superfluous_charset", response_metadata={"warnings": ["superfluous_charset"]},
                            team={"id": "T0FAKE0001", "name": "F", "domain": "f", "is_enterprise": False})
    assert json.loads(json.dumps(body, cls=slack.api_client.JSONEncoder)) == expected


def test_discard_unknown_keys_drops_what_slack_adds(configuration: slack.Configuration, fake: FakeSlackServer) -> None:
    configuration.discard_unknown_keys = True
    fake.queue_ok(warning="w", self={"id": "U0FAKE0001", "name": "b", "is_bot": True})

    with slack.ApiClient(configuration) as client:
        body = RtmApi(client).rtm_connect(query_params=QUERY).body

    assert set(body) == {"ok", "url", "team", "self"}
    assert set(body["self"]) == {"id", "name"}


def test_skip_deserialization_returns_the_raw_response(api: RtmApi, fake: FakeSlackServer) -> None:
    response = api.rtm_connect(query_params=QUERY, skip_deserialization=True)

    assert type(response) is api_client_module.ApiResponseWithoutDeserialization
    assert response.body is schemas.unset and response.headers is schemas.unset
    assert isinstance(response.response, urllib3.HTTPResponse)
    assert response.response.status == 200
    assert json.loads(response.response.data) == fake.ok_body()


def test_skip_deserialization_with_stream_leaves_the_body_unread(api: RtmApi, fake: FakeSlackServer) -> None:
    response = api.rtm_connect(query_params=QUERY, skip_deserialization=True, stream=True)

    raw = b"".join(response.response.stream(16))
    response.response.release_conn()
    assert json.loads(raw) == fake.ok_body()


def test_stream_true_still_gives_the_typed_body(api: RtmApi, fake: FakeSlackServer) -> None:
    response = api.rtm_connect(query_params=QUERY, stream=True)

    assert isinstance(response, rtm_connect_get.ApiResponseFor200)
    assert response.body["team"]["id"] == "T0FAKE0001"
    # The connection went back to the pool: the next call reuses it.
    api.rtm_connect(query_params=QUERY, stream=True)
    assert fake.connections == 1


@pytest.mark.parametrize("timeout", [5, 2.5, (3, 4), (1.5, 10.0), urllib3.Timeout(connect=2, read=3)])
def test_per_call_timeout_accepts_seconds_pairs_and_urllib3_timeouts(
    api: RtmApi, fake: FakeSlackServer, timeout: typing.Any
) -> None:
    response = api.rtm_connect(query_params=QUERY, timeout=timeout)

    assert response.body["ok"] == True  # noqa: E712
    assert len(fake.requests) == 1


@pytest.mark.parametrize("timeout", [SHORT_TIMEOUT, (LONG_TIMEOUT, SHORT_TIMEOUT)])
def test_per_call_timeout_is_the_one_used(api: RtmApi, fake: FakeSlackServer, timeout: typing.Any) -> None:
    fake.queue_reply(200, body=fake.ok_body(), delay=3)

    with pytest.raises(slack.ApiTimeoutError):
        api.rtm_connect(query_params=QUERY, timeout=timeout)
    assert len(fake.requests) == 1


# --- bad input: rejected before anything is sent ----------------------------------------------------------


@pytest.mark.parametrize(
    "query_params, error, message",
    [
        ({}, slack.ApiTypeError, r"^query_params is missing required key 'token'$"),
        ({"presence_sub": True}, slack.ApiTypeError, r"^query_params is missing required key 'token'$"),
        ({"token": 123}, slack.ApiTypeError, r"^query_params\['token'\] must be a str, got int$"),
        ({"token": None}, slack.ApiTypeError, r"^query_params\['token'\] must be a str, got NoneType$"),
        ({"token": b"xoxb"}, slack.ApiTypeError, r"^query_params\['token'\] must be a str, got bytes$"),
        ({"token": ""}, slack.ApiValueError, r"^query_params\['token'\] is empty or has characters"),
        ({"token": "xoxb-1\r\nX-Evil: 1"}, slack.ApiValueError, r"^query_params\['token'\] is empty or has"),
        ({"token": TOKEN, "presence_sub": "true"}, slack.ApiTypeError,
         r"^query_params\['presence_sub'\] must be a bool, got str$"),
        ({"token": TOKEN, "presence_sub": 1}, slack.ApiTypeError,
         r"^query_params\['presence_sub'\] must be a bool, got int$"),
        ({"token": TOKEN, "batch_presence_aware": None}, slack.ApiTypeError,
         r"^query_params\['batch_presence_aware'\] must be a bool, got NoneType$"),
        ({"token": TOKEN, "presense_sub": True}, slack.ApiTypeError,
         r"^query_params has an unexpected key 'presense_sub'; expected \['batch_presence_aware', 'presence_sub', "
         r"'token'\]$"),
    ],
)
def test_bad_query_params_raise_naming_the_parameter_and_send_nothing(
    api: RtmApi, fake: FakeSlackServer, query_params: typing.Any, error: typing.Type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as info:
        api.rtm_connect(query_params=query_params)

    assert fake.requests == []
    assert "xoxb-1" not in str(info.value)


@pytest.mark.parametrize("query_params", [None, [("token", TOKEN)], "token=xoxb", 5])
def test_query_params_that_are_not_a_dict_are_rejected(
    api: RtmApi, fake: FakeSlackServer, query_params: typing.Any
) -> None:
    with pytest.raises(slack.ApiTypeError, match=r"^query_params must be a dict, got "):
        api.rtm_connect(query_params=query_params)

    assert fake.requests == []


@pytest.mark.parametrize(
    "timeout, error",
    [("5", slack.ApiTypeError), (True, slack.ApiTypeError), ((1, 2, 3), slack.ApiTypeError),
     ((), slack.ApiTypeError), (0, slack.ApiValueError), (-1, slack.ApiValueError),
     (float("inf"), slack.ApiValueError), (float("nan"), slack.ApiValueError), ((5, 0), slack.ApiValueError),
     ((5,), slack.ApiTypeError), (10**400, slack.ApiValueError), ((5, 10**400), slack.ApiValueError),
     (urllib3.Timeout(connect=float("nan")), slack.ApiValueError),
     (urllib3.Timeout(total=threading.TIMEOUT_MAX * 2), slack.ApiValueError)],
)
def test_bad_timeout_is_rejected_naming_timeout_and_sends_nothing(
    api: RtmApi, fake: FakeSlackServer, timeout: typing.Any, error: typing.Type[Exception]
) -> None:
    with pytest.raises(error, match=r"^timeout "):
        api.rtm_connect(query_params=QUERY, timeout=timeout)

    assert fake.requests == []


@pytest.mark.parametrize("accept", ["application/json", (), ("application/json", 1), None, [b"application/json"]])
def test_bad_accept_content_types_are_rejected_and_send_nothing(
    api: RtmApi, fake: FakeSlackServer, accept: typing.Any
) -> None:
    with pytest.raises(slack.ApiTypeError, match=r"^accept_content_types must be a non-empty tuple of str$"):
        api.rtm_connect(query_params=QUERY, accept_content_types=accept)

    assert fake.requests == []


def test_accept_content_types_with_a_header_breaking_value_is_rejected(api: RtmApi, fake: FakeSlackServer) -> None:
    with pytest.raises(slack.OpenApiException, match="accept_content_types"):
        api.rtm_connect(query_params=QUERY, accept_content_types=("application/json\r\nX-Evil: 1",))

    assert fake.requests == []


# --- the default configuration -------------------------------------------------------------------------


@pytest.fixture
def restore_default() -> typing.Iterator[None]:
    saved = slack.Configuration._default
    yield
    slack.Configuration._default = saved


def test_default_configuration_values() -> None:
    c = slack.Configuration()

    assert c.host == "https://slack.com/api"
    assert c.access_token is None
    assert c.verify_ssl is True
    assert c.timeout == 30
    assert c.trust_env is True
    assert c.retries is None
    assert c.max_retry_after == 30
    assert c.debug is False
    assert c.discard_unknown_keys is False
    assert c.disabled_client_side_validations == ""
    assert c.proxy is None and c.ssl_ca_cert is None
    assert c.auth_settings() == {}


def test_auth_settings_describe_slack_auth_as_a_bearer_header() -> None:
    c = slack.Configuration(access_token="xoxb-configured")

    assert c.auth_settings() == {
        "slackAuth": {"type": "oauth2", "in": "header", "key": "Authorization", "value": "Bearer xoxb-configured"}
    }


def test_host_settings_list_slacks_one_server() -> None:
    c = slack.Configuration()

    settings = c.get_host_settings()
    assert [s["url"] for s in settings] == ["https://slack.com/api"]
    assert settings[0]["variables"] == {}
    assert c.get_host_from_settings(0) == "https://slack.com/api"
    assert c.get_host_from_settings(None) == "https://slack.com/api"
    settings[0]["url"] = "http://changed"  # a copy: changing it changes nothing
    assert c.get_host_settings()[0]["url"] == "https://slack.com/api"


@pytest.mark.parametrize("index", [1, -1, 99])
def test_bad_server_index_raises_api_value_error(index: int) -> None:
    with pytest.raises(slack.ApiValueError, match=r"configuration\.server_index"):
        slack.Configuration().get_host_from_settings(index)
    with pytest.raises(slack.ApiValueError, match=r"configuration\.server_index"):
        slack.Configuration(server_index=index)


def test_explicit_host_wins_over_server_index_and_trailing_slash_is_dropped() -> None:
    assert slack.Configuration(host="http://127.0.0.1:1/api/", server_index=0).host == "http://127.0.0.1:1/api"


def test_api_client_without_configuration_uses_a_copy_of_the_default(
    restore_default: None, fake: FakeSlackServer
) -> None:
    slack.Configuration.set_default(None)
    with slack.ApiClient() as client:
        assert client.configuration.host == "https://slack.com/api"

    default = slack.Configuration(host=fake.host, access_token="xoxb-default")
    slack.Configuration.set_default(default)
    default.host = "http://127.0.0.1:9/api"  # set_default kept a copy

    copy_one, copy_two = slack.Configuration.get_default_copy(), slack.Configuration.get_default_copy()
    assert copy_one is not copy_two and copy_one is not default
    assert copy_one.host == fake.host

    with slack.ApiClient() as client:
        assert client.configuration.host == fake.host
        response = client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",))
    assert response.status == 200
    assert fake.requests[0].headers["authorization"] == "Bearer xoxb-default"

    api = RtmApi()  # no client at all: one is made from the default
    try:
        assert api.rtm_connect(query_params=QUERY).body["ok"] == True  # noqa: E712
    finally:
        api.api_client.close()
    assert len(fake.requests) == 2


# --- every Configuration keyword ------------------------------------------------------------------------


_GOOD: typing.Dict[str, typing.Any] = {
    "host": "http://127.0.0.1:8080/api",
    "access_token": "xoxb-good",
    "verify_ssl": False,
    "ssl_ca_cert": "/tmp/ca.pem",
    "cert_file": "/tmp/cert.pem",
    "key_file": "/tmp/key.pem",
    "assert_hostname": "slack.com",
    "tls_server_name": "slack.com",
    "connection_pool_maxsize": 3,
    "proxy": "http://proxy.invalid:3128",
    "proxy_headers": {"X-Proxy": "1"},
    "socket_options": [(6, 1, 1)],
    "retries": 2,
    "max_retry_after": 5,
    "timeout": (2, 7),
    "deadline": 45.5,
    "max_response_bytes": 4096,
    "trust_env": False,
    "debug": False,
    "logger_file": None,
    "logger_format": "%(message)s",
    "discard_unknown_keys": True,
    "disabled_client_side_validations": "pattern,enum",
    "server_index": 0,
    "server_variables": {},
}


def test_every_constructor_keyword_is_covered_here() -> None:
    keywords = set(inspect.signature(slack.Configuration).parameters)

    assert keywords == set(_GOOD)


def test_constructor_signature_lists_the_settings_table_in_order_with_its_defaults() -> None:
    parameters = inspect.signature(slack.Configuration).parameters

    assert list(parameters) == list(_SETTINGS)
    for name, setting in _SETTINGS.items():
        assert parameters[name].default == setting.default, name
        assert type(parameters[name].default) is type(setting.default), name
    assert list(typing.get_type_hints(slack.Configuration)) == ["_default", "_disabled_keywords", *_SETTINGS]


def _readme_configuration_defaults() -> typing.Dict[str, str]:
    """Each setting in the README's configuration table, with the text of its default column."""
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    defaults = {}
    for row in re.findall(r"^\|(.*)\|$", section, re.MULTILINE)[2:]:  # after the header and its rule
        names, default = row.split("|")[:2]
        defaults.update(dict.fromkeys(re.findall(r"`(\w+)`", names), default.strip()))
    return defaults


def _as_readme_shows(value: typing.Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return '""' if value == "" else str(value)


def test_readme_configuration_table_lists_every_setting_with_its_default() -> None:
    readme = _readme_configuration_defaults()

    assert sorted(readme) == sorted(_SETTINGS)
    for name, setting in _SETTINGS.items():
        if readme[name].startswith("`"):  # not prose, such as the CPU count rule
            # The default as declared, or as it reads once set (host=None is Slack's URL).
            shown = {_as_readme_shows(setting.default), _as_readme_shows(getattr(slack.Configuration(), name))}
            assert readme[name].split("`")[1] in shown, name


def test_none_means_the_default_for_host_and_connection_pool_maxsize() -> None:
    c = slack.Configuration(host=None, connection_pool_maxsize=None)

    assert c.host == slack.configuration.DEFAULT_HOST
    assert c.connection_pool_maxsize == slack.configuration.DEFAULT_CONNECTION_POOL_MAXSIZE >= 5
    c.host = None
    assert c.host == "https://slack.com/api"


@pytest.mark.parametrize("variables", [{"region": "eu"}, {"region": "eu", "tier": "x"}])
def test_server_variables_are_refused_naming_them_since_slacks_server_declares_none(
    variables: typing.Dict[str, str]
) -> None:
    expected = re.escape(f"configuration.server_variables has unknown variables {sorted(variables)}; "
                         "https://slack.com/api declares none")

    with pytest.raises(slack.ApiValueError, match=f"^{expected}$"):
        slack.Configuration(server_variables=variables)
    with pytest.raises(slack.ApiValueError, match=f"^{expected}$"):
        slack.Configuration().get_host_from_settings(0, variables)
    assert slack.Configuration(server_variables=None).server_variables == {}


def test_get_host_from_settings_fills_in_the_variables_of_servers_given_to_it() -> None:
    servers = [{"url": "https://{region}.example/api", "description": "d",
                "variables": {"region": {"default_value": "eu", "enum_values": ["eu", "us"]}}}]
    c = slack.Configuration()

    assert c.get_host_from_settings(0, servers=servers) == "https://eu.example/api"
    assert c.get_host_from_settings(0, {"region": "us"}, servers) == "https://us.example/api"
    with pytest.raises(slack.ApiValueError, match=r"^configuration\.server_variables\['region'\] must be one of"):
        c.get_host_from_settings(0, {"region": "mars"}, servers)
    with pytest.raises(slack.ApiValueError, match=r"unknown variables \['tier'\]; .* declares \['region'\]$"):
        c.get_host_from_settings(0, {"tier": "x"}, servers)


@pytest.mark.parametrize(
    "value, connect, read, total",
    [(5, 5, 5, None), (2.5, 2.5, 2.5, None), ((3, 4), 3, 4, None), (urllib3.Timeout(connect=1, total=9), 1, None, 9)],
)
def test_to_timeout_turns_each_timeout_form_into_a_urllib3_timeout(
    value: typing.Any, connect: typing.Any, read: typing.Any, total: typing.Any
) -> None:
    timeout = slack.configuration.to_timeout(value, "timeout")

    assert isinstance(timeout, urllib3.Timeout)
    assert (timeout.connect_timeout, timeout.total) == (connect, total)
    if read is not None:
        assert timeout.read_timeout == read
    if isinstance(value, urllib3.Timeout):
        assert timeout is value


@pytest.mark.parametrize("value", ["5", (5,), (1, 0), float("nan"), 10**400, urllib3.Timeout(read=float("inf"))])
def test_to_timeout_rejects_what_check_timeout_rejects_naming_the_argument(value: typing.Any) -> None:
    with pytest.raises((slack.ApiTypeError, slack.ApiValueError), match=r"^per_call_timeout ") as info:
        slack.configuration.to_timeout(value, "per_call_timeout")
    with pytest.raises(type(info.value), match=re.escape(str(info.value))):
        slack.configuration.check_timeout(value, "per_call_timeout")


def test_the_version_lives_in_a_leaf_module_that_imports_nothing() -> None:
    from slack import _version

    tree = ast.parse(pathlib.Path(_version.__file__).read_text(encoding="utf-8"))

    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert slack.__version__ == _version.__version__
    assert f"SDK Package Version: {_version.__version__}\n" in slack.Configuration().to_debug_report()


@pytest.mark.parametrize("name", sorted(_GOOD))
def test_every_setting_is_a_keyword_and_an_attribute(name: str) -> None:
    c = slack.Configuration(**{name: _GOOD[name]})

    assert getattr(c, name) == _GOOD[name]
    setattr(c, name, _GOOD[name])
    assert getattr(c, name) == _GOOD[name]


_BAD: typing.List[typing.Tuple[str, typing.Any]] = [
    ("host", 5),
    ("host", "slack.com/api"),
    ("access_token", 5),
    ("verify_ssl", "no"),
    ("ssl_ca_cert", 5),
    ("cert_file", b"x"),
    ("key_file", 5),
    ("assert_hostname", 5),
    ("tls_server_name", 5),
    ("connection_pool_maxsize", 0),
    ("connection_pool_maxsize", "10"),
    ("proxy", 5),
    ("proxy_headers", "X-Proxy: 1"),
    ("proxy_headers", {"X-Proxy": 1}),
    ("socket_options", "TCP_NODELAY"),
    ("retries", -1),
    ("retries", "3"),
    ("retries", True),
    ("max_retry_after", -1),
    ("max_retry_after", "30"),
    ("timeout", 0),
    ("deadline", 0),
    ("deadline", float("inf")),
    ("deadline", 10**400),
    ("deadline", "120"),
    ("max_response_bytes", 0),
    ("max_response_bytes", 1.5),
    ("max_response_bytes", True),
    ("timeout", "30"),
    ("trust_env", 1),
    ("debug", "yes"),
    ("logger_file", 5),
    ("logger_format", 5),
    ("discard_unknown_keys", None),
    ("disabled_client_side_validations", ["pattern"]),
    ("disabled_client_side_validations", "patern"),
    ("server_index", 1),
    ("server_index", "0"),
    ("server_variables", "x"),
    ("server_variables", {"region": "eu"}),  # Slack's one server declares no variables: refused, not ignored
    # Checked where set, so that nothing fails later, mid-call, with IndexError or OverflowError.
    ("timeout", (5,)),
    ("timeout", (1, 2, 3)),
    ("timeout", ()),
    ("timeout", [1, 2]),
    ("timeout", 10**400),
    ("timeout", float("nan")),
    ("timeout", (5, float("inf"))),
    ("timeout", (threading.TIMEOUT_MAX * 2, 5)),
    ("timeout", urllib3.Timeout(connect=float("nan"))),
    ("timeout", urllib3.Timeout(read=float("inf"))),
    ("timeout", urllib3.Timeout(total=1e300)),
    ("max_retry_after", 10**400),
    ("max_retry_after", float("inf")),
    ("max_retry_after", float("nan")),
    ("max_retry_after", threading.TIMEOUT_MAX * 2),
    ("host", "http://[::1"),
    ("host", "http://slack.example:99999999/api"),
    ("host", "http://a b/api"),
    ("host", "https://slack.example/api\r\nX-Injected: 1"),
    ("host", "https://slack.example/api?token=x"),
    ("host", "https://slack.example/api#top"),
    ("host", "https://user:pw@slack.example/api"),
    ("host", "https://@slack.example/api"),
    ("host", "http:///api"),
    ("proxy", "http://[::1"),
    ("proxy", "http://proxy.example:99999999"),
    ("proxy", "http://a b:3128"),
    ("proxy", "http://user:pa/ss@proxy.example:3128"),
    ("proxy", "ftp://proxy.example:21"),
    ("proxy", "proxy.example:3128"),
    ("proxy", "http://"),
    ("proxy", "http://proxy.example:3128/some/path"),
]


@pytest.mark.parametrize("name, value", _BAD)
def test_bad_setting_is_rejected_naming_the_setting(name: str, value: typing.Any) -> None:
    expected = rf"^configuration\.{name}\b"

    with pytest.raises((slack.ApiTypeError, slack.ApiValueError), match=expected):
        slack.Configuration(**{name: value})

    c = slack.Configuration()
    with pytest.raises((slack.ApiTypeError, slack.ApiValueError), match=expected):
        setattr(c, name, value)


def test_bad_setting_messages_never_echo_the_value() -> None:
    with pytest.raises(slack.ApiValueError) as info:
        slack.Configuration(host="xoxb-sekrit-token")
    assert "xoxb-sekrit-token" not in str(info.value)
    with pytest.raises(slack.ApiTypeError) as type_info:
        slack.Configuration(proxy_headers={"Proxy-Authorization": b"Basic sekrit"})
    assert "sekrit" not in str(type_info.value)


def test_api_responses_are_immutable_and_compare_by_value(api: RtmApi) -> None:
    r = api.rtm_connect(query_params={"token": "xoxb-t"})
    with pytest.raises(AttributeError):
        r.body = None  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del r.response
    same = type(r)(r.response, r.body)
    assert same == r and same is not r
    assert repr(r).startswith("ApiResponseFor200(response=")


_EDGE_GOOD: typing.List[typing.Tuple[str, typing.Any]] = [
    ("timeout", threading.TIMEOUT_MAX),
    ("timeout", (0.001, threading.TIMEOUT_MAX)),
    ("timeout", urllib3.Timeout()),  # every part at urllib3's default
    ("timeout", urllib3.Timeout(total=5)),
    ("timeout", urllib3.Timeout(connect=1, read=None)),
    ("max_retry_after", 0),
    ("max_retry_after", threading.TIMEOUT_MAX),
    ("host", "http://[::1]:8080/api"),
    ("host", "https://slack.example:443"),
    ("proxy", "https://proxy.example:3128/"),
    ("proxy", "socks5h://user:pw@proxy.example:1080"),
    ("proxy", "socks4a://proxy.example:1080"),
    ("proxy", "http://user:p%2Fw%40x@[::1]:3128"),
    ("proxy", ""),  # no proxy, as an empty HTTPS_PROXY means
]


@pytest.mark.parametrize("name, value", _EDGE_GOOD)
def test_settings_at_the_edge_of_their_rules_are_accepted(name: str, value: typing.Any) -> None:
    c = slack.Configuration(**{name: value})

    assert getattr(c, name) == value or getattr(c, name) is value


def test_check_proxy_url_names_where_the_proxy_came_from_and_returns_it() -> None:
    from slack.configuration import check_proxy_url

    assert check_proxy_url("http://proxy.example:3128", "HTTPS_PROXY") == "http://proxy.example:3128"
    with pytest.raises(slack.ApiValueError, match=r"^HTTPS_PROXY is not a valid URL") as info:
        check_proxy_url("http://user:pa/SECRET@proxy.example:3128", "HTTPS_PROXY")
    assert "SECRET" not in str(info.value)
    with pytest.raises(slack.ApiTypeError, match=r"^HTTPS_PROXY must be a str, got NoneType$"):
        check_proxy_url(None, "HTTPS_PROXY")
