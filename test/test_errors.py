# hand-written in the generated style
"""What a caller gets when Slack says no, or says something that is not a valid answer.

Slack answers most errors with HTTP 200 and ``ok: false``; those raise
``ApiException`` carrying the typed error body. Slack also adds keys and error
codes that its 2020 spec does not list; those are kept and readable. Anything
else that is not a valid success (an HTML error page, broken or odd JSON, a
body that breaks the schema) is an ``ApiException`` that says what was wrong.
"""
import json
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slack
from slack.api_client import JSONEncoder
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import (
    ApiResponseFor200,
    ApiResponseForDefault,
    SchemaFor0ResponseBodyApplicationJson,
    SchemaFor200ResponseBodyApplicationJson,
)
from slack.testing import FakeSlackServer

from conftest import CHARACTERS, raised, success_body

TOKEN = "xoxb-ERRORS-1234567890"
ErrorCode = SchemaFor0ResponseBodyApplicationJson.MetaOapg.properties.error


def _assert_one_line(error: BaseException) -> None:
    text = str(error)
    assert text and "\n" not in text and "\r" not in text


# --- ok: false -----------------------------------------------------------------------------------


def test_ok_false_at_http_200_raises_api_exception_with_error_code(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth")
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.status == 200
    assert e.reason == "OK"
    assert e.error == "invalid_auth"
    assert str(e).startswith("(200) invalid_auth")
    _assert_one_line(e)


def test_ok_false_api_response_is_the_typed_default_response(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth")
    e = raised(api)
    assert isinstance(e.api_response, ApiResponseForDefault)
    body = e.api_response.body
    assert isinstance(body, SchemaFor0ResponseBodyApplicationJson)
    assert body["ok"] is not None and bool(body["ok"]) is False
    assert body["error"] == "invalid_auth"
    assert isinstance(body["error"], ErrorCode)
    assert e.api_response.response.status == 200


def test_ok_false_request_id_is_the_x_slack_req_id_header(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(200, {"Content-Type": "application/json", "x-slack-req-id": "req-0123abcd"},
                     {"ok": False, "error": "not_authed"})
    e = raised(api)
    assert e.request_id == "req-0123abcd"
    assert e.headers is not None and e.headers["x-slack-req-id"] == "req-0123abcd"
    assert "req-0123abcd" in str(e)


def test_ok_false_keeps_the_raw_body_bytes(api: RtmApi, fake: FakeSlackServer) -> None:
    raw = b'{"ok": false, "error": "account_inactive"}'
    fake.queue_reply(200, {"Content-Type": "application/json"}, raw)
    e = raised(api)
    assert e.body == raw
    assert e.error == "account_inactive"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500, 503])
def test_ok_false_at_any_http_status_raises_with_that_status_and_typed_body(
    api: RtmApi, fake: FakeSlackServer, status: int
) -> None:
    fake.queue_error("fatal_error", status=status)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.status == status
    assert e.error == "fatal_error"
    assert str(e).startswith(f"({status}) fatal_error")
    assert isinstance(e.api_response, ApiResponseForDefault)
    assert e.api_response.body["error"] == ErrorCode.FATAL_ERROR
    assert len(fake.requests) == 1  # no status but 429 is retried


def test_error_is_none_when_the_ok_false_body_has_no_string_error(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(200, None, {"ok": False})
    e = raised(api)
    assert e.status == 200
    assert e.error is None
    assert isinstance(e.__cause__, slack.ApiTypeError)  # error is a required key
    assert "error" in str(e.__cause__)
    _assert_one_line(e)


def test_ok_false_with_a_non_string_error_has_no_error_code_and_a_type_error_cause(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_reply(200, None, {"ok": False, "error": 42})
    e = raised(api)
    assert e.error is None
    assert e.api_response is None
    assert isinstance(e.__cause__, slack.ApiTypeError)
    assert "malformed" in str(e)


# --- forward compatibility: what Slack added after the spec --------------------------------------


def test_enum_codes_are_class_constants() -> None:
    assert ErrorCode.INVALID_AUTH == "invalid_auth"
    assert ErrorCode.NOT_AUTHED == "not_authed"
    assert ErrorCode.FATAL_ERROR == "fatal_error"
    assert ErrorCode.TEAM_ADDED_TO_ORG == "team_added_to_org"
    for value, name in ErrorCode.MetaOapg.enum_value_to_name.items():
        assert getattr(ErrorCode, name) == value


def test_caught_error_compares_with_the_enum_constant(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("token_revoked")
    e = raised(api)
    assert e.error == ErrorCode.TOKEN_REVOKED
    assert e.api_response.body["error"] == ErrorCode.TOKEN_REVOKED


@pytest.mark.parametrize(
    "code", ["not_allowed_token_type", "missing_scope", "ratelimited", "ekm_access_denied", "accesslimited"])
def test_error_code_outside_the_enum_is_kept_as_the_error_string(
    api: RtmApi, fake: FakeSlackServer, code: str
) -> None:
    fake.queue_error(code)
    e = raised(api)
    assert e.error == code
    assert str(e).startswith(f"(200) {code}")
    assert isinstance(e.api_response, ApiResponseForDefault)
    assert e.api_response.body["error"] == code
    assert e.__cause__ is None


def test_missing_scope_keeps_needed_provided_and_context(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("missing_scope", needed="rtm:stream", provided="bot,chat:write",
                     context={"scope": "rtm:stream", "team": "T0FAKE0001"})
    e = raised(api)
    body = e.api_response.body
    assert e.error == "missing_scope"
    assert body["needed"] == "rtm:stream"
    assert body["provided"] == "bot,chat:write"
    assert body["context"]["scope"] == "rtm:stream"
    assert body["context"]["team"] == "T0FAKE0001"
    # The message says what is missing, so a log line alone is enough to act on.
    assert "needed rtm:stream" in str(e)
    assert "provided bot,chat:write" in str(e)
    _assert_one_line(e)


def test_undeclared_keys_on_an_error_body_are_readable_at_any_depth(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth", warning="superfluous_charset",
                     response_metadata={"warnings": ["superfluous_charset"], "messages": ["[WARN] x"]})
    body = raised(api).api_response.body
    assert body["warning"] == "superfluous_charset"
    assert body["response_metadata"]["warnings"][0] == "superfluous_charset"
    assert body["response_metadata"]["messages"] == ("[WARN] x",)


def test_undeclared_keys_on_a_success_body_are_readable_at_any_depth(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_ok(
        warning="superfluous_charset",
        response_metadata={"warnings": ["superfluous_charset"], "nested": {"deeper": [1, {"x": True}]}},
        team={"id": "T0FAKE0001", "name": "Fake", "domain": "fake", "enterprise_id": "E0001"},
        self={"id": "U0FAKE0001", "name": "bot", "prefs": {"theme": "dark"}},
    )
    response = api.rtm_connect(query_params={"token": TOKEN})
    assert isinstance(response, ApiResponseFor200)
    body = response.body
    assert isinstance(body, SchemaFor200ResponseBodyApplicationJson)
    assert body["warning"] == "superfluous_charset"
    assert body["response_metadata"]["warnings"][0] == "superfluous_charset"
    assert body["response_metadata"]["nested"]["deeper"][1]["x"] == True  # noqa: E712 (a BoolClass)
    assert body["team"]["enterprise_id"] == "E0001"
    assert body["self"]["prefs"]["theme"] == "dark"


# Declared keys keep full validation, even on a lenient read.
_BAD_ERROR_BODIES = [
    pytest.param({"ok": False, "error": "invalid_auth", "callstack": 5}, slack.ApiTypeError, id="callstack-int"),
    pytest.param({"ok": False, "error": ["invalid_auth"]}, slack.ApiTypeError, id="error-list"),
]


@pytest.mark.parametrize(("body", "cause"), _BAD_ERROR_BODIES)
def test_declared_keys_of_an_error_body_are_still_validated(
    api: RtmApi, fake: FakeSlackServer, body: typing.Dict[str, typing.Any], cause: type
) -> None:
    fake.queue_reply(200, None, body)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert isinstance(e.__cause__, cause)
    assert e.api_response is None
    assert "error response is malformed" in str(e)
    _assert_one_line(e)


_BAD_SUCCESS_BODIES = [
    pytest.param(success_body(url=5), slack.ApiTypeError, id="url-int"),
    pytest.param({k: v for k, v in success_body().items() if k != "url"}, slack.ApiTypeError, id="url-missing"),
    pytest.param({k: v for k, v in success_body().items() if k != "team"}, slack.ApiTypeError, id="team-missing"),
    pytest.param(success_body(ok="true"), slack.ApiTypeError, id="ok-str"),
    pytest.param(success_body(ok=1), slack.ApiTypeError, id="ok-int"),
    pytest.param(success_body(ok=None), slack.ApiTypeError, id="ok-null"),
    pytest.param(success_body(team={"id": "X0FAKE0001", "name": "Fake", "domain": "fake"}), slack.ApiValueError,
                 id="team-id-pattern"),
    pytest.param(success_body(team={"id": "t0fake", "name": "Fake", "domain": "fake"}), slack.ApiValueError,
                 id="team-id-lowercase"),
    pytest.param(success_body(self={"id": "B0FAKE0001", "name": "bot"}), slack.ApiValueError, id="user-id-pattern"),
    pytest.param(success_body(self={"id": "U0FAKE0001"}), slack.ApiTypeError, id="self-name-missing"),
    pytest.param(success_body(self=["U0FAKE0001", "bot"]), slack.ApiTypeError, id="self-list"),
    pytest.param(success_body(team={"id": "T0FAKE0001", "name": 7, "domain": "fake"}), slack.ApiTypeError,
                 id="team-name-int"),
]


@pytest.mark.parametrize(("body", "cause"), _BAD_SUCCESS_BODIES)
def test_success_body_failing_validation_raises_with_the_validation_error_chained(
    api: RtmApi, fake: FakeSlackServer, body: typing.Dict[str, typing.Any], cause: type
) -> None:
    fake.queue_reply(200, None, body)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.status == 200
    assert isinstance(e.__cause__, cause)
    assert e.error is None
    assert e.body == json.dumps(body).encode()
    assert "does not match the schema" in str(e)
    _assert_one_line(e)


def test_ok_false_value_is_checked_so_ok_false_with_a_string_is_not_an_error_body(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    # "false" is not false: the body is read as a (failed) success, never as Slack's error.
    fake.queue_reply(200, None, {"ok": "false", "error": "invalid_auth"})
    e = raised(api)
    assert e.error is None
    assert isinstance(e.__cause__, slack.ApiTypeError)


def test_requests_stay_strict_an_unknown_query_param_is_refused_before_sending(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    with pytest.raises(slack.ApiTypeError, match="unexpected key 'warning'"):
        api.rtm_connect(query_params={"token": TOKEN, "warning": "x"})  # type: ignore[typeddict-unknown-key]
    assert fake.requests == []


def test_building_a_body_yourself_stays_strict_about_extra_keys_and_unknown_codes() -> None:
    # Leniency is for reading Slack's answers; a value a program builds follows the spec.
    with pytest.raises(slack.ApiTypeError, match="unexpected key 'warning'"):
        SchemaFor0ResponseBodyApplicationJson({"ok": False, "error": "invalid_auth", "warning": "x"})
    with pytest.raises(slack.ApiValueError, match="must be one of"):
        SchemaFor0ResponseBodyApplicationJson({"ok": False, "error": "missing_scope"})
    built = SchemaFor0ResponseBodyApplicationJson({"ok": False, "error": ErrorCode.INVALID_AUTH})
    assert built["error"] == "invalid_auth"


# --- answers that are not Slack JSON -------------------------------------------------------------

_HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"


def test_502_html_page_raises_with_status_reason_body_and_headers(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(502, {"Content-Type": "text/html", "x-slack-req-id": "req-502"}, _HTML)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.status == 502
    assert e.reason == "Bad Gateway"
    assert e.body == _HTML
    assert e.headers is not None and e.headers["Content-Type"] == "text/html"
    assert e.request_id == "req-502"
    assert e.error is None and e.api_response is None
    assert str(e).startswith("(502) Bad Gateway")
    assert "text/html" in str(e)
    assert "<html>" not in str(e)  # the body is on .body, not in the message
    _assert_one_line(e)


_NOT_A_SUCCESS = [
    pytest.param({"Content-Type": "text/html"}, b"<html>ok</html>", "expected a JSON response, got text/html",
                 id="2xx-html"),
    pytest.param({"Content-Type": "text/plain"}, b'{"ok": true}', "expected a JSON response, got text/plain",
                 id="json-as-text-plain"),
    pytest.param({}, b'{"ok": true}', "no Content-Type", id="no-content-type"),
    pytest.param(None, b'{"ok": true, "url": ', "not valid JSON", id="truncated-json"),
    pytest.param(None, b"{ok: true}", "not valid JSON", id="unquoted-key"),
    pytest.param(None, b"\xff\xfe{}", "not valid JSON", id="not-utf8"),
    pytest.param(None, b"", "empty", id="empty"),
    pytest.param(None, b"  \r\n ", "empty", id="whitespace"),
    pytest.param(None, b"[]", "list, not an object", id="array"),
    pytest.param(None, b'[{"ok": true}]', "list, not an object", id="array-of-success"),
    pytest.param(None, b'"ok"', "str, not an object", id="string"),
    pytest.param(None, b"42", "int, not an object", id="int"),
    pytest.param(None, b"4.5", "float, not an object", id="float"),
    pytest.param(None, b"true", "bool, not an object", id="true"),
    pytest.param(None, b"null", "NoneType, not an object", id="null"),
    pytest.param(None, b'{"ok": true, "n": NaN}', "not valid JSON", id="nan"),
    pytest.param(None, b'{"ok": true, "n": Infinity}', "not valid JSON", id="infinity"),
    pytest.param(None, b'{"ok": false, "error": "x", "n": -Infinity}', "not valid JSON", id="ok-false-neg-inf"),
]


@pytest.mark.parametrize(("headers", "raw", "says"), _NOT_A_SUCCESS)
def test_2xx_that_is_not_a_json_object_raises_saying_what_was_wrong(
    api: RtmApi, fake: FakeSlackServer, headers: typing.Optional[typing.Dict[str, str]], raw: bytes, says: str
) -> None:
    fake.queue_reply(200, headers, raw)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.status == 200
    assert e.reason == "OK"
    assert e.body == raw
    assert e.headers is not None and "x-slack-req-id" in e.headers
    assert e.api_response is None
    assert says in str(e)
    _assert_one_line(e)


def test_non_json_error_status_says_http_status_and_the_problem(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(500, {"Content-Type": "application/json"}, b"")
    e = raised(api)
    assert e.status == 500
    assert "HTTP 500 without a Slack JSON body" in str(e)
    assert "empty" in str(e)


def test_a_valid_success_body_at_a_status_other_than_200_is_not_a_success(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(201, None, success_body())
    e = raised(api)
    assert e.status == 201
    assert "HTTP 201 is not a success" in str(e)


@pytest.mark.parametrize("content_type", [
    "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
    "Application/JSON; charset=utf-8", "application/vnd.slack+json"])
def test_json_content_types_with_parameters_are_json(api: RtmApi, fake: FakeSlackServer, content_type: str) -> None:
    fake.queue_reply(200, {"Content-Type": content_type}, success_body())
    response = api.rtm_connect(query_params={"token": TOKEN})
    assert response.body["team"]["id"] == success_body()["team"]["id"]


@pytest.mark.parametrize("ok", [True, False])
def test_shallow_nesting_in_an_undeclared_key_is_kept(api: RtmApi, fake: FakeSlackServer, ok: bool) -> None:
    start = success_body() if ok else {"ok": False, "error": "invalid_auth"}
    fake.queue_reply(200, None, {**start, "deep": json.loads("[" * 50 + "]" * 50)})
    if ok:
        body = api.rtm_connect(query_params={"token": TOKEN}).body
    else:
        body = raised(api).api_response.body
    value = body["deep"]
    for _ in range(49):
        value = value[0]
    assert value == ()


@pytest.mark.parametrize("depth", [900, 5_000, 100_000])
@pytest.mark.parametrize("ok", [True, False])
def test_deeply_nested_json_is_an_api_exception_never_a_recursion_error(
    api: RtmApi, fake: FakeSlackServer, depth: int, ok: bool
) -> None:
    start = success_body() if ok else {"ok": False, "error": "invalid_auth"}
    raw = json.dumps(start)[:-1].encode() + b', "deep": ' + b"[" * depth + b"]" * depth + b"}"
    fake.queue_reply(200, None, raw)
    e = raised(api)
    assert type(e) is slack.ApiException
    assert e.body == raw
    # Deep enough for the decoder or for validation to give up; either way the message says so.
    assert "nested too deeply" in str(e)
    assert e.error in (None, "invalid_auth")
    _assert_one_line(e)


def test_deeply_nested_json_at_the_top_level_is_an_api_exception(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(200, None, b'{"a": ' * 200_000 + b"1" + b"}" * 200_000)
    e = raised(api)
    assert "nested too deeply" in str(e)


def test_exception_message_never_holds_the_token_or_the_body(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth", echoed=TOKEN)
    e = raised(api, {"token": TOKEN})
    assert TOKEN not in str(e)
    assert TOKEN not in repr(e)
    assert e.api_response.body["echoed"] == TOKEN  # still there for whoever needs it


# --- property: any ok:false body --------------------------------------------------------------------

_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), st.text(CHARACTERS, max_size=20))
_json = st.recursive(_json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(CHARACTERS, max_size=8), inner, max_size=3)), max_leaves=10)
_codes = st.one_of(st.sampled_from(sorted(ErrorCode.MetaOapg.enum_value_to_name)),
                   st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=_codes, extra=st.dictionaries(
    st.text(CHARACTERS, min_size=1, max_size=12).filter(lambda k: k not in ("ok", "error", "callstack")), _json,
    max_size=4))
def test_any_ok_false_with_a_string_code_raises_that_code_with_extras_readable(
    api: RtmApi, fake: FakeSlackServer, code: str, extra: typing.Dict[str, typing.Any]
) -> None:
    fake.queue_reply(200, None, {"ok": False, "error": code, **extra})
    e = raised(api)
    assert e.status == 200
    assert e.error == code
    assert str(e).startswith(f"(200) {code}")
    body = e.api_response.body
    assert body["error"] == code
    for key, value in extra.items():
        assert json.loads(json.dumps(body[key], cls=JSONEncoder)) == value
