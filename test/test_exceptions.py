"""Every exception the package raises survives ``pickle`` and says what went wrong in one line.

A pickled exception keeps its type, its message and every field a user reads
(status, Slack error code, headers, body, retry_after, path_to_item); only the
live ``api_response`` (it holds a urllib3 response) becomes None; multiprocessing
and task queues depend on it. Whatever a server sends (control characters, line
separators, terminal escapes) ``str(e)`` stays one printable line, while the
attributes keep the raw values.
"""
import pickle
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.model.defs_team import DefsTeam
from slack.paths.rtm_connect import get as rtm_connect_get
from slack.testing import FakeSlackServer

from conftest import CHARACTERS, SHORT_TIMEOUT, call, raised

TOKEN = "xoxb-SECRET-1234567890"
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

_API_EXCEPTION_FIELDS = ("status", "reason", "error", "body", "retry_after", "message", "request_id")


def _round_trip(error: BaseException, protocol: int = pickle.HIGHEST_PROTOCOL) -> typing.Any:
    return pickle.loads(pickle.dumps(error, protocol=protocol))


def _assert_same_api_exception(original: slack.ApiException, copy: typing.Any) -> None:
    assert type(copy) is type(original)
    assert str(copy) == str(original)
    assert copy.args == original.args
    for field in _API_EXCEPTION_FIELDS:
        assert getattr(copy, field) == getattr(original, field), field
    if original.headers is None:
        assert copy.headers is None
    else:
        assert dict(copy.headers) == dict(original.headers)
    assert copy.api_response is None


# --- ApiException and its subclasses, as raised by real calls ------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_ok_false_api_exception_pickles_with_status_error_headers_body_and_request_id(
    protocol: int, api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_error("missing_scope", needed="rtm:stream", provided="bot")
    original = raised(api)
    assert isinstance(original, slack.ApiException)
    assert original.api_response is not None  # the live part that does not travel

    copy = _round_trip(original, protocol)

    _assert_same_api_exception(original, copy)
    assert (copy.status, copy.error) == (200, "missing_scope")
    assert copy.request_id is not None and copy.request_id in str(copy)
    assert copy.headers["X-Slack-Req-Id"] == original.request_id  # still a case-insensitive mapping
    assert copy.body == b'{"ok": false, "error": "missing_scope", "needed": "rtm:stream", "provided": "bot"}'


def test_rate_limited_api_exception_pickles_with_retry_after(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_rate_limited(120)  # beyond max_retry_after: handed back at once
    original = raised(api)

    copy = _round_trip(original)

    _assert_same_api_exception(original, copy)
    assert (copy.status, copy.error, copy.retry_after) == (429, "ratelimited", 120.0)
    assert "retry after 120 s" in str(copy)


@pytest.mark.parametrize(
    "queue",
    [
        pytest.param(lambda f: f.queue_reply(502, {"Content-Type": "text/html"}, b"<html>bad gateway</html>"),
                     id="http_502_html"),
        pytest.param(lambda f: f.queue_ok(self={"id": "nobody", "name": "x"}), id="schema_mismatch"),
        pytest.param(lambda f: f.queue_reply(200, None, b"[1, 2]"), id="json_array"),
        pytest.param(lambda f: f.queue_reply(200, None, b"\xff\xfe"), id="not_utf8"),
    ],
)
def test_response_api_exceptions_pickle_with_their_fields(
    queue: typing.Callable[[FakeSlackServer], None], api: RtmApi, fake: FakeSlackServer
) -> None:
    queue(fake)
    original = raised(api)
    assert type(original) is slack.ApiException

    _assert_same_api_exception(original, _round_trip(original))


def test_connection_error_from_a_refused_connection_pickles(closed_port: int) -> None:
    original = call(f"http://127.0.0.1:{closed_port}/api", retries=0)
    assert type(original) is slack.ApiConnectionError

    copy = _round_trip(original)

    _assert_same_api_exception(original, copy)
    assert copy.status == 0 and copy.reason == "connection failed"


def test_connection_error_from_a_dropped_connection_pickles(fake: FakeSlackServer) -> None:
    fake.queue_reply(drop=True)
    original = call(fake.host, retries=0)
    assert type(original) is slack.ApiConnectionError

    _assert_same_api_exception(original, _round_trip(original))


def test_timeout_error_pickles_and_stays_a_connection_error(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(delay=0.3)
    original = raised(api, timeout=SHORT_TIMEOUT)
    assert type(original) is slack.ApiTimeoutError

    copy = _round_trip(original)

    _assert_same_api_exception(original, copy)
    assert isinstance(copy, slack.ApiConnectionError)
    assert copy.reason == "timeout"


# --- input errors ---------------------------------------------------------------------------------


def test_rtm_error_pickles_with_code_and_msg_and_is_importable_from_slack() -> None:
    error = slack.RtmError(2, "message text is missing")
    for protocol in PROTOCOLS:
        copy = _round_trip(error, protocol)
        assert type(copy) is slack.RtmError and (copy.code, copy.msg) == (2, "message text is missing")
        assert str(copy) == str(error)


def test_api_type_error_from_query_params_pickles_with_path_to_item(api: RtmApi, fake: FakeSlackServer) -> None:
    with pytest.raises(slack.ApiTypeError) as info:
        api.rtm_connect(query_params={"token": TOKEN, "presence_sub": "yes"})  # type: ignore[typeddict-item]
    original = info.value

    copy = _round_trip(original)

    assert type(copy) is slack.ApiTypeError
    assert str(copy) == str(original) == "query_params['presence_sub'] must be a bool, got str"
    assert copy.path_to_item == original.path_to_item
    assert fake.requests == []


def test_api_value_error_for_an_unsafe_token_pickles(api: RtmApi) -> None:
    with pytest.raises(slack.ApiValueError) as info:
        api.rtm_connect(query_params={"token": TOKEN + "\r\n"})
    original = info.value

    copy = _round_trip(original)

    assert type(copy) is slack.ApiValueError
    assert str(copy) == str(original)
    assert "SECRET" not in str(copy)


def test_api_value_error_from_a_schema_pickles_with_path_to_item() -> None:
    with pytest.raises(slack.ApiValueError) as info:
        rtm_connect_get.SchemaFor200ResponseBodyApplicationJson(
            {"ok": True, "url": "wss://x", "team": {"id": "bad", "name": "n", "domain": "d"},
             "self": {"id": "U1234", "name": "n"}})
    original = info.value
    assert original.path_to_item == ("team", "id")

    copy = _round_trip(original)

    assert type(copy) is slack.ApiValueError
    assert str(copy) == str(original)
    assert copy.path_to_item == ("team", "id")


def test_api_type_error_from_a_missing_key_pickles() -> None:
    with pytest.raises(slack.ApiTypeError) as info:
        DefsTeam(5)
    copy = _round_trip(info.value)

    assert type(copy) is slack.ApiTypeError
    assert str(copy) == str(info.value)
    assert copy.path_to_item == info.value.path_to_item


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_api_type_error_keeps_valid_classes_and_key_type(protocol: int) -> None:
    original = slack.ApiTypeError("body['team'] must be an object (dict), got str", path_to_item=("team",),
                                  valid_classes=(dict,), key_type=False)

    copy = _round_trip(original, protocol)

    assert str(copy) == str(original)
    assert (copy.path_to_item, copy.valid_classes, copy.key_type) == (("team",), (dict,), False)


@pytest.mark.parametrize("cls", [slack.ApiValueError, slack.ApiKeyError, slack.ApiAttributeError])
def test_other_path_errors_keep_message_and_path(cls: typing.Type[slack.OpenApiException]) -> None:
    original = cls("body['self'] has no key 'email'", path_to_item=("self", "email"))  # type: ignore[call-arg]

    copy = _round_trip(original)

    assert type(copy) is cls
    assert str(copy) == str(original) == "body['self'] has no key 'email'"
    assert copy.path_to_item == ("self", "email")  # type: ignore[attr-defined]


def test_pickled_exceptions_are_still_caught_by_their_builtin_bases() -> None:
    assert isinstance(_round_trip(slack.ApiTypeError("x")), TypeError)
    assert isinstance(_round_trip(slack.ApiValueError("x")), ValueError)
    assert isinstance(_round_trip(slack.ApiKeyError("x")), KeyError)
    assert isinstance(_round_trip(slack.ApiAttributeError("x")), AttributeError)


# --- any field values ----------------------------------------------------------------------------

_header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20)


@settings(max_examples=50, deadline=None)
@given(
    status=st.one_of(st.none(), st.integers(0, 599)),
    reason=st.one_of(st.none(), st.text(CHARACTERS, max_size=20)),
    body=st.one_of(st.none(), st.binary(max_size=50)),
    headers=st.one_of(st.none(), st.dictionaries(_header_text, _header_text, max_size=4)),
    error=st.one_of(st.none(), st.text(CHARACTERS, max_size=20)),
    retry_after=st.one_of(st.none(), st.floats(0, 1e6)),
    message=st.one_of(st.none(), st.text(CHARACTERS, max_size=40)),
)
def test_api_exception_with_any_fields_pickles_to_an_equal_exception(
    status: typing.Optional[int],
    reason: typing.Optional[str],
    body: typing.Optional[bytes],
    headers: typing.Optional[typing.Dict[str, str]],
    error: typing.Optional[str],
    retry_after: typing.Optional[float],
    message: typing.Optional[str],
) -> None:
    original = slack.ApiException(status, reason, object(), body=body, headers=headers, error=error,
                                  retry_after=retry_after, message=message)

    copy = _round_trip(original)

    _assert_same_api_exception(original, copy)


# --- one line, whatever the server sent -----------------------------------------------------------

# Everything one_line escapes: C0, DEL, C1, the line and paragraph separators, lone surrogates.
_UNSAFE = "\n\r\t\x00\x1b\x7f\x85\x9b\u2028\u2029\ud800"


def _is_one_printable_line(text: str) -> bool:
    return not any(ch in text for ch in _UNSAFE) and text.isprintable()


def test_ok_false_with_control_characters_in_error_and_detail_gives_a_one_line_message(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_error("bad\ncode\u2028x", needed="rtm:stream\r\nX-Injected: 1", provided="\x1b[31mbot\x85")
    error = raised(api)
    assert isinstance(error, slack.ApiException)

    text = str(error)
    assert _is_one_printable_line(text)
    assert text.startswith("(200) bad\\x0acode\\u2028x: needed rtm:stream\\x0d\\x0aX-Injected: 1, ")
    assert "provided \\x1b[31mbot\\x85" in text
    assert error.error == "bad\ncode\u2028x"  # the attribute keeps what Slack sent
    assert error.message == "needed rtm:stream\r\nX-Injected: 1, provided \x1b[31mbot\x85"
    assert str(_round_trip(error)) == text


def test_request_id_header_with_control_characters_gives_a_one_line_message(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_reply(200, {"Content-Type": "application/json", "x-slack-req-id": "req\x1b[2J\x7f\x85id"},
                     b'{"ok": false, "error": "invalid_auth"}')
    error = raised(api)
    assert isinstance(error, slack.ApiException)

    assert error.request_id == "req\x1b[2J\x7f\x85id"
    assert str(error) == "(200) invalid_auth (x-slack-req-id: req\\x1b[2J\\x7f\\x85id)"


def test_a_success_with_an_unexpected_nested_key_holding_a_newline_is_accepted_leniently(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    # team forbids extra keys in the spec; answers are read leniently, so the key is kept, not reported.
    fake.queue_ok(team={"id": "T0FAKE0001", "name": "n", "domain": "d", "evil\nkey\u2028": 1})

    response = api.rtm_connect(query_params={"token": TOKEN})

    assert response.body["team"]["evil\nkey\u2028"] == 1


def test_a_schema_error_naming_a_key_with_a_newline_is_one_line_alone_and_inside_an_api_exception() -> None:
    with pytest.raises(slack.ApiTypeError) as info:
        rtm_connect_get.SchemaFor200ResponseBodyApplicationJson(
            {"ok": True, "url": "wss://x", "team": {"id": "T0TEAM01", "name": "n", "domain": "d", "evil\nkey\u2028": 1},
             "self": {"id": "U1234", "name": "n"}})
    schema_error = str(info.value)
    assert "['team'] has an unexpected key 'evil" in schema_error
    assert _is_one_printable_line(schema_error)

    # How _handle_response wraps it, and how a message with a raw newline would read.
    for message in (f"the response does not match the schema: {schema_error}", "has an unexpected key 'a\nb'"):
        wrapped = slack.ApiException(200, "OK", body=b"{}", headers={}, message=message)
        assert _is_one_printable_line(str(wrapped))
        assert wrapped.message == message


def test_input_error_messages_are_one_line_even_when_built_from_a_raw_key() -> None:
    for cls in (slack.ApiTypeError, slack.ApiValueError, slack.ApiKeyError, slack.ApiAttributeError):
        error = cls("body has an unexpected key a\nb\u2028", path_to_item=("a\nb\u2028",))

        assert str(error) == "body has an unexpected key a\\x0ab\\u2028"
        assert error.path_to_item == ("a\nb\u2028",)
        assert str(_round_trip(error)) == str(error)


_any_text = st.text(CHARACTERS, max_size=30)


@settings(max_examples=100, deadline=None)
@given(
    status=st.one_of(st.none(), st.integers(0, 599)),
    reason=st.one_of(st.none(), _any_text),
    error=st.one_of(st.none(), _any_text),
    message=st.one_of(st.none(), _any_text),
    request_id=st.one_of(st.none(), _any_text),
)
def test_api_exception_message_is_one_printable_line_whatever_the_fields_hold(
    status: typing.Optional[int],
    reason: typing.Optional[str],
    error: typing.Optional[str],
    message: typing.Optional[str],
    request_id: typing.Optional[str],
) -> None:
    headers = None if request_id is None else {"x-slack-req-id": request_id}
    e = slack.ApiException(status, reason, body=b"", headers=headers, error=error, message=message)

    for text in (str(e), e.args[0], str(_round_trip(e))):
        assert "\n" not in text and "\r" not in text
        assert not any(ch in text for ch in _UNSAFE)
    assert (e.reason, e.error, e.message, e.request_id) == (reason, error, message, request_id)
