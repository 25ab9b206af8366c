"""Safe by default: the token never leaks, and no token can rewrite a request.

The token may reach exactly one place, the ``Authorization`` header sent to the
host. These tests look everywhere else a token has been seen to leak in other
clients: log records (with ``debug`` on), stdout/stderr, exception messages and
tracebacks, reprs, the debug report. They also check that a token or a header
name that would break the request (CR, LF, NUL, non-ASCII, empty) is refused
before anything is sent, and that a password in a host or proxy URL, whatever
characters it holds, is never shown.
"""
import http.client
import logging
import re
import string
import traceback
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

from conftest import CHARACTERS, SHORT_TIMEOUT

TOKEN = "xoxb-SECRET-1234567890"
SECRET = "SECRET-1234567890"  # the part of TOKEN no redaction may keep


# --- capturing everything a call could show ------------------------------------------------------


class _RootRecorder(logging.Handler):
    """A handler on the root logger, as an application would add one: keeps each formatted record."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: typing.List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # format() also renders exc_info and stack_info

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def root_recorder() -> typing.Iterator[_RootRecorder]:
    recorder = _RootRecorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield recorder
    finally:
        root.removeHandler(recorder)


@pytest.fixture
def debug_configuration(
    fake: FakeSlackServer, capfd: pytest.CaptureFixture[str]
) -> typing.Iterator[slack.Configuration]:
    """A configuration with ``debug`` on; turned off afterwards so no other test sees the global loggers changed.

    Asks for ``capfd`` first, so that the package's stderr handler writes where capfd reads.
    """
    configuration = slack.Configuration(host=fake.host, debug=True)
    try:
        yield configuration
    finally:
        configuration.debug = False


def _exception_texts(error: BaseException) -> typing.List[str]:
    """str and repr of an exception and of every exception chained to it, plus the printed traceback."""
    texts = ["".join(traceback.format_exception(type(error), error, error.__traceback__))]
    seen: typing.Set[int] = set()
    current: typing.Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), str(current.args)]
        current = current.__cause__ or current.__context__
    return texts


# --- scenarios: every way a call can end ---------------------------------------------------------

Scenario = typing.Callable[[FakeSlackServer, slack.Configuration], typing.Dict[str, typing.Any]]


def _success(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    return {}


def _ok_false(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_error("invalid_auth")
    return {}


def _ok_false_with_scopes(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_error("missing_scope", needed="rtm:stream", provided="bot,chat:write")
    return {}


def _bad_gateway(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_reply(502, {"Content-Type": "text/html"}, b"<html><body>502 Bad Gateway</body></html>")
    return {}


def _rate_limited_beyond_max(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_rate_limited(120)
    return {}


def _success_shape_broken(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_ok(team={"id": "not-a-team-id", "name": "x", "domain": "x"})
    return {}


def _not_json(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_reply(200, {"Content-Type": "application/json"}, b'{"ok": true, "url": ')
    return {}


def _dropped(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    configuration.retries = 0
    fake.queue_reply(drop=True)
    return {}


def _timeout(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.queue_reply(delay=0.3, body={"ok": False, "error": "too_late"})
    return {"timeout": SHORT_TIMEOUT}


def _refused(fake: FakeSlackServer, configuration: slack.Configuration) -> typing.Dict[str, typing.Any]:
    fake.stop()  # nobody listens on its port any more
    configuration.retries = 0
    return {}


SCENARIOS: typing.Dict[str, Scenario] = {
    "success": _success,
    "ok_false": _ok_false,
    "ok_false_with_scopes": _ok_false_with_scopes,
    "http_502_html": _bad_gateway,
    "rate_limited": _rate_limited_beyond_max,
    "schema_mismatch": _success_shape_broken,
    "truncated_json": _not_json,
    "dropped_connection": _dropped,
    "read_timeout": _timeout,
    "connection_refused": _refused,
}
REACHES_SERVER = {name for name in SCENARIOS if name != "connection_refused"}
GETS_A_RESPONSE = REACHES_SERVER - {"dropped_connection", "read_timeout"}


def _run_with_query_token(configuration: slack.Configuration, kwargs: typing.Dict[str, typing.Any]) -> typing.Any:
    with slack.ApiClient(configuration) as client:
        return RtmApi(client).rtm_connect(query_params={"token": TOKEN}, **kwargs)


def _run_with_configuration_token(
    configuration: slack.Configuration, kwargs: typing.Dict[str, typing.Any]
) -> typing.Any:
    configuration.access_token = TOKEN
    with slack.ApiClient(configuration) as client:
        response = client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",), **kwargs)
        return response.data


@pytest.mark.parametrize("token_source", ["query_params", "configuration"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_token_and_session_url_appear_in_no_log_output_or_exception_with_debug_on(
    scenario: str,
    token_source: str,
    fake: FakeSlackServer,
    debug_configuration: slack.Configuration,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    root_recorder: _RootRecorder,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="slack")
    caplog.set_level(logging.DEBUG, logger="urllib3")
    kwargs = SCENARIOS[scenario](fake, debug_configuration)
    run = _run_with_query_token if token_source == "query_params" else _run_with_configuration_token

    texts: typing.List[str] = []
    try:
        run(debug_configuration, kwargs)
    except slack.OpenApiException as e:
        texts += _exception_texts(e)
    out, err = capfd.readouterr()

    logged = caplog.text + "\n" + root_recorder.text
    # The debug log did run (so this test can fail): it names the method and the URL...
    assert "GET" in root_recorder.text and "/api/rtm.connect" in root_recorder.text
    # ...and the package's own stderr handler printed it.
    assert "/api/rtm.connect" in err
    if scenario in REACHES_SERVER:
        assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"  # the one place it goes
    if scenario in GETS_A_RESPONSE:
        assert "(redacted)" in root_recorder.text
    session_url = fake.ok_body()["url"]
    for text in [logged, out, err, *texts]:
        assert SECRET not in text
        assert session_url not in text


def test_success_body_and_session_url_are_not_logged(
    fake: FakeSlackServer,
    debug_configuration: slack.Configuration,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    with slack.ApiClient(debug_configuration) as client:
        response = RtmApi(client).rtm_connect(query_params={"token": TOKEN})
    out, err = capfd.readouterr()

    assert response.body["url"] == fake.ok_body()["url"]
    for text in (caplog.text, out, err):
        assert fake.ok_body()["url"] not in text
        assert "T0FAKE0001" not in text and "fake-bot" not in text  # no part of the body at all


def test_debug_log_line_shows_method_url_status_elapsed_and_redacted_headers(
    fake: FakeSlackServer, debug_configuration: slack.Configuration, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="slack")
    with slack.ApiClient(debug_configuration) as client:
        RtmApi(client).rtm_connect(query_params={"token": TOKEN, "presence_sub": True})

    lines = [r.getMessage() for r in caplog.records if r.name == "slack" and r.levelno == logging.DEBUG]
    assert len(lines) == 1
    (line,) = lines
    assert line.startswith(f"GET {fake.host}/rtm.connect?presence_sub=true -> 200 ")
    assert " ms" in line
    assert "'Authorization': '(redacted)'" in line
    assert "'Accept': 'application/json'" in line
    assert SECRET not in line


def test_debug_mode_never_turns_on_http_client_prints(
    fake: FakeSlackServer, debug_configuration: slack.Configuration, capfd: pytest.CaptureFixture[str]
) -> None:
    with slack.ApiClient(debug_configuration) as client:
        RtmApi(client).rtm_connect(query_params={"token": TOKEN})
    out, err = capfd.readouterr()

    assert http.client.HTTPConnection.debuglevel == 0
    assert "send: b'GET" not in out + err  # what http.client prints at debuglevel 1
    assert "header:" not in out


def test_turning_debug_off_restores_loggers_and_removes_the_package_handler(fake: FakeSlackServer) -> None:
    slack_logger, urllib3_logger = logging.getLogger("slack"), logging.getLogger("urllib3")
    handlers_before = list(slack_logger.handlers)
    configuration = slack.Configuration(host=fake.host)

    configuration.debug = True
    try:
        assert slack_logger.level == logging.DEBUG and urllib3_logger.level == logging.DEBUG
        assert len(slack_logger.handlers) == len(handlers_before) + 1
    finally:
        configuration.debug = False

    assert slack_logger.level == logging.NOTSET
    assert urllib3_logger.level == logging.NOTSET
    assert slack_logger.handlers == handlers_before


def test_toggling_debug_twice_leaves_one_handler_then_none(fake: FakeSlackServer) -> None:
    slack_logger = logging.getLogger("slack")
    handlers_before = list(slack_logger.handlers)
    configuration = slack.Configuration(host=fake.host, debug=True)
    try:
        configuration.debug = True
        assert len(slack_logger.handlers) == len(handlers_before) + 1
    finally:
        configuration.debug = False

    assert slack_logger.handlers == handlers_before


def test_a_configuration_that_never_asked_for_logging_leaves_loggers_alone(fake: FakeSlackServer) -> None:
    slack_logger = logging.getLogger("slack")
    slack_logger.setLevel(logging.INFO)  # the application's choice
    try:
        slack.Configuration(host=fake.host, debug=False)
        assert slack_logger.level == logging.INFO
    finally:
        slack_logger.setLevel(logging.NOTSET)


def test_logger_file_gets_redacted_lines_without_the_token(fake: FakeSlackServer, tmp_path: typing.Any) -> None:
    log_file = tmp_path / "slack.log"
    configuration = slack.Configuration(host=fake.host, logger_file=str(log_file), debug=True)
    try:
        with slack.ApiClient(configuration) as client:
            RtmApi(client).rtm_connect(query_params={"token": TOKEN})
            fake.queue_error("invalid_auth")
            with pytest.raises(slack.ApiException):
                RtmApi(client).rtm_connect(query_params={"token": TOKEN})
    finally:
        configuration.debug = False
        configuration.logger_file = None

    text = log_file.read_text()
    assert "rtm.connect" in text and "(redacted)" in text
    assert SECRET not in text
    assert fake.ok_body()["url"] not in text


# --- validation errors never echo the token -------------------------------------------------------

BAD_QUERIES = {
    "token_with_crlf": {"token": TOKEN + "\r\nX-Injected: yes"},
    "token_with_nul": {"token": TOKEN + "\x00"},
    "token_with_non_ascii": {"token": TOKEN + "\u00e9"},
    "token_with_surrounding_space": {"token": " " + TOKEN + " "},
    "token_as_bytes": {"token": TOKEN.encode()},
    "token_in_a_bool_param": {"token": TOKEN, "presence_sub": TOKEN},
    "non_bool_next_to_token": {"token": TOKEN, "batch_presence_aware": "yes"},
    "int_next_to_token": {"token": TOKEN, "presence_sub": 1},
    "unknown_key_next_to_token": {"token": TOKEN, "channel": TOKEN},
}


@pytest.mark.parametrize("name", sorted(BAD_QUERIES))
def test_validation_error_for_query_params_never_shows_the_token(
    name: str, api: RtmApi, fake: FakeSlackServer, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises((slack.ApiTypeError, slack.ApiValueError)) as info:
        api.rtm_connect(query_params=BAD_QUERIES[name])  # type: ignore[arg-type]
    out, err = capfd.readouterr()

    assert fake.requests == []
    assert "query_params" in str(info.value)  # says where the problem is...
    for text in [out, err, *_exception_texts(info.value)]:
        assert SECRET not in text  # ...never what the value was


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.text(CHARACTERS, max_size=12))
def test_any_token_either_goes_only_into_the_header_or_is_refused_without_echo(
    suffix: str, api: RtmApi, fake: FakeSlackServer
) -> None:
    token = TOKEN + suffix
    sent = len(fake.requests)
    try:
        api.rtm_connect(query_params={"token": token})
    except (slack.ApiValueError, slack.ApiTypeError) as e:
        assert len(fake.requests) == sent  # refused before sending
        for text in _exception_texts(e):
            assert SECRET not in text
        return
    except slack.ApiException as e:
        assert e.error == "invalid_auth"  # sent; the fake, like Slack, refuses a token with a space
        assert SECRET not in str(e)
    request = fake.requests[-1]
    assert request.headers["authorization"] == f"Bearer {token}"
    assert SECRET not in request.path + request.raw_query


# --- reprs and the debug report ------------------------------------------------------------------


def test_configuration_repr_and_debug_report_hide_the_token() -> None:
    configuration = slack.Configuration(host="https://slack.example/api", access_token=TOKEN)

    assert "access_token='(redacted)'" in repr(configuration)
    assert SECRET not in repr(configuration)
    assert SECRET not in str(configuration)
    report = configuration.to_debug_report()
    assert "Host: https://slack.example/api" in report
    assert SECRET not in report


def test_api_client_repr_hides_the_token_and_proxy_password() -> None:
    configuration = slack.Configuration(host="https://slack.example/api", access_token=TOKEN,
                                        proxy="http://user:pw-SECRET-1234567890@127.0.0.1:3128")
    with slack.ApiClient(configuration) as client:
        texts = [repr(client), str(client), repr(client.configuration), repr(client.rest_client.proxy)]

    assert "slack.example" in texts[0]
    for text in texts:
        assert SECRET not in text


# A password may hold any character; these are the ones that split a URL in the wrong place.
PASSWORDS = {
    "plain": "pw-SECRET-1234567890",
    "slash": "pw/SECRET/1234567890",
    "at": "pw@SECRET@1234567890",
    "colon": "pw:SECRET:1234567890",
    "percent": "pw%SECRET%1234567890",
    "percent_encoded_slash": "pw%2FSECRET%2F1234567890",
    "question_and_hash": "pw?SECRET#1234567890",
    "all_of_them": "p/w@S:E%C?R#ET-1234567890",
}


def _password_parts(password: str) -> typing.List[str]:
    """The password and every piece of it long enough to recognise, as a URL parser might split it."""
    pieces = [piece for piece in re.split(r"[/@:%?#]", password) if len(piece) >= 4]
    return [password, *pieces]


@pytest.mark.parametrize("name", sorted(PASSWORDS))
def test_host_with_a_user_and_password_is_refused_without_showing_the_password(name: str) -> None:
    host = f"https://user:{PASSWORDS[name]}@slack.example/api"

    with pytest.raises(slack.ApiValueError) as info:
        slack.Configuration(host=host)

    assert str(info.value).startswith("configuration.host must not contain a user or password")
    for text in _exception_texts(info.value):
        for part in _password_parts(PASSWORDS[name]):
            assert part not in text


@pytest.mark.parametrize("name", sorted(PASSWORDS))
def test_proxy_password_never_shows_in_repr_debug_report_or_error(name: str) -> None:
    password = PASSWORDS[name]
    proxy = f"http://user:{password}@proxy.example:3128"
    try:
        configuration = slack.Configuration(host="https://slack.example/api", proxy=proxy)
    except slack.ApiValueError as e:
        # Refused: only a password whose '/', '?' or '#' splits the URL in the wrong place.
        assert any(ch in password for ch in "/?#")
        texts = _exception_texts(e)
    else:
        assert configuration.proxy == proxy
        with slack.ApiClient(configuration) as client:
            texts = [repr(configuration), str(configuration), configuration.to_debug_report(), repr(client),
                     repr(client.rest_client.proxy)]
        assert "proxy='http://(redacted)@proxy.example:3128'" in texts[0]
    for text in texts:
        for part in _password_parts(password):
            assert part not in text


@settings(max_examples=100, deadline=None)
@given(password=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=16))
def test_any_proxy_password_is_either_refused_or_hidden_and_never_shown(password: str) -> None:
    secret = f"Q7pw{password}Z9"  # markers at both ends: any leaked piece of the password shows one
    proxy = f"http://user:{secret}@proxy.example:3128"
    try:
        configuration = slack.Configuration(host="https://slack.example/api", proxy=proxy)
    except slack.ApiValueError as e:
        texts = _exception_texts(e)
    else:
        texts = [repr(configuration), configuration.to_debug_report()]
    for text in texts:
        assert "Q7pw" not in text and "Z9" not in text


@pytest.mark.parametrize("setting", ["host", "proxy"])
@pytest.mark.parametrize("url", [
    "http://user:pa/SECRET-1234567890@slack.example",  # 1.26 and 2.x both print the whole URL when refusing it
    "http://[::1/SECRET-1234567890",
    "http://slack.example:99999999/SECRET-1234567890",
])
def test_an_unparseable_url_is_refused_without_chaining_urllib3s_error_which_repeats_the_url(
    setting: str, url: str
) -> None:
    with pytest.raises(slack.ApiValueError) as info:
        slack.Configuration(**{setting: typing.cast(typing.Any, url)})

    assert info.value.__cause__ is None and info.value.__context__ is None
    assert str(info.value).startswith(f"configuration.{setting} ")
    for text in _exception_texts(info.value):
        assert SECRET not in text


# --- header injection ----------------------------------------------------------------------------

UNSAFE_TOKENS = {
    "cr": "xoxb-1\rX-Injected: yes",
    "lf": "xoxb-1\nX-Injected: yes",
    "crlf": "xoxb-1\r\nX-Injected: yes",
    "crlf_crlf_smuggled_request": "xoxb-1\r\n\r\nGET /admin HTTP/1.1\r\nHost: x",
    "trailing_lf": "xoxb-1\n",
    "nul": "xoxb-1\x00",
    "non_ascii": "xoxb-\u00e91",
    "non_latin1": "xoxb-\u20ac1",
    "tab_only_separator_at_end": "xoxb-1\t",
    "empty": "",
    "spaces_only": "   ",
}


@pytest.mark.parametrize("name", sorted(UNSAFE_TOKENS))
def test_unsafe_query_token_raises_api_value_error_before_anything_is_sent(
    name: str, api: RtmApi, fake: FakeSlackServer
) -> None:
    with pytest.raises(slack.ApiValueError) as info:
        api.rtm_connect(query_params={"token": UNSAFE_TOKENS[name]})

    assert fake.requests == []
    assert fake.connections == 0
    assert "query_params['token']" in str(info.value)


@pytest.mark.parametrize("name", sorted(UNSAFE_TOKENS))
def test_unsafe_configuration_access_token_raises_api_value_error_before_anything_is_sent(
    name: str, configuration: slack.Configuration, fake: FakeSlackServer
) -> None:
    configuration.access_token = UNSAFE_TOKENS[name]
    with slack.ApiClient(configuration) as client, pytest.raises(slack.ApiValueError) as info:
        client.call_api("/rtm.connect", "GET", auth_settings=("slackAuth",))

    assert fake.requests == []
    assert fake.connections == 0
    assert "access_token" in str(info.value)


def test_safe_token_with_inner_space_is_sent_verbatim(api: RtmApi, fake: FakeSlackServer) -> None:
    # Not a Slack token shape, but header-safe: the header carries exactly what was given.
    with pytest.raises(slack.ApiException, match="invalid_auth"):  # the fake, like Slack, refuses it
        api.rtm_connect(query_params={"token": "xoxb-1 2"})

    assert fake.requests[0].headers["authorization"] == "Bearer xoxb-1 2"
    assert "x-injected" not in fake.requests[0].headers


# --- the token goes to the configured host only ---------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_so_the_token_never_reaches_another_host(
    status: int, api: RtmApi, fake: FakeSlackServer
) -> None:
    with FakeSlackServer() as elsewhere:
        fake.queue_reply(status, {"Location": f"{elsewhere.host}/rtm.connect", "Content-Type": "text/plain"}, b"")
        with pytest.raises(slack.ApiException) as info:
            api.rtm_connect(query_params={"token": TOKEN})

        assert elsewhere.requests == []
        assert elsewhere.connections == 0
    assert info.value.status == status
    assert len(fake.requests) == 1
    assert SECRET not in str(info.value)


# --- header names ----------------------------------------------------------------------------------

# RFC 9110 5.6.2 tchar, written out rather than as the package's regex.
_TCHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")

BAD_HEADER_NAMES = {
    "empty": "",
    "space": "X Trace",
    "colon": "X-Trace:",
    "crlf": "X-Trace\r\nX-Injected",
    "trailing_lf": "X-Trace\n",
    "nul": "X-Trace\x00",
    "tab": "X-Trace\t",
    "non_ascii": "X-Tr\u00e4ce",
    "separator": "X-Trace(1)",
    "line_separator": "X-Trace\u2028",
}


@pytest.mark.parametrize("name", sorted(BAD_HEADER_NAMES))
def test_a_bad_default_header_name_is_refused_before_anything_is_sent(
    name: str, api_client: slack.ApiClient, fake: FakeSlackServer
) -> None:
    before = dict(api_client.default_headers)
    with pytest.raises(slack.ApiValueError) as info:
        api_client.set_default_header(BAD_HEADER_NAMES[name], "value")

    assert str(info.value).startswith("header_name ")
    assert str(info.value).isprintable()  # the bad name is shown escaped, on one line
    assert api_client.default_headers == before
    with pytest.raises(slack.ApiValueError), slack.ApiClient(
            slack.Configuration(host=fake.host), header_name=BAD_HEADER_NAMES[name], header_value="value"):
        pass
    assert fake.connections == 0


@pytest.mark.parametrize("header_name", [None, b"X-Trace", 5, ("X-Trace",)])
def test_a_default_header_name_that_is_not_a_str_is_refused(header_name: typing.Any) -> None:
    with slack.ApiClient(slack.Configuration()) as client:
        with pytest.raises(slack.ApiTypeError, match=r"^header_name must be a str, got "):
            client.set_default_header(header_name, "value")

        assert all(isinstance(k, str) for k in client.default_headers)


@settings(max_examples=120, deadline=None)
@given(name=st.one_of(st.text(CHARACTERS, max_size=8),
                      st.text(st.sampled_from([*sorted(_TCHARS), " ", ":", "\n"]), max_size=8)))
def test_any_header_name_is_accepted_exactly_when_it_is_an_rfc_9110_token(name: str) -> None:
    with slack.ApiClient(slack.Configuration()) as client:
        try:
            client.set_default_header(name, "value")
        except slack.ApiValueError as e:
            accepted = False
            assert "\n" not in str(e) and "\r" not in str(e)
        else:
            accepted = True
            assert client.default_headers[name] == "value" or name.lower() == "user-agent"

    assert accepted == (name != "" and set(name) <= _TCHARS)


def test_odd_but_valid_header_names_go_out_as_given(api_client: slack.ApiClient, fake: FakeSlackServer) -> None:
    odd = "X-Odd!#$%&'*+.^_`|~09"
    api_client.set_default_header(odd, "1")
    RtmApi(api_client).rtm_connect(query_params={"token": TOKEN})

    assert fake.requests[0].headers[odd.lower()] == "1"
