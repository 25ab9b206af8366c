"""``python -m slack rtm.connect|rtm.stream``: output, exit codes, options reaching the wire, no token printed.

Most cases run ``main([...])`` in-process against a FakeSlackServer given by
``--host``; one runs the package's ``__main__`` as ``python -m slack rtm.connect --demo`` does.
"""
import json
import os
import runpy
import sys
import threading
import typing

import pytest

import slack
import slack.testing
from slack.__main__ import main
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

from conftest import SHORT_TIMEOUT

SECRET = "xoxb-1111-2222-cli5ecret"


class Run(typing.NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> typing.Callable[..., Run]:
    """Run the CLI in-process; every run also checks that the token was printed nowhere."""
    monkeypatch.delenv("SLACK_TOKEN", raising=False)

    def _run(*argv: str) -> Run:
        code = main(list(argv))
        out, err = capsys.readouterr()
        for secret in (SECRET, os.environ.get("SLACK_TOKEN")):
            if secret:
                assert secret not in out
                assert secret not in err
        return Run(code, out, err)

    return _run


def _error_line(result: Run) -> str:
    """The single stderr line of a failed call, with nothing on stdout."""
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_demo_prints_team_self_and_the_full_websocket_url(run: typing.Callable[..., Run]) -> None:
    result = run("rtm.connect", "--demo")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "rtm.connect ok"
    assert lines[1] == "  team:  Fake Slack (fake-slack, T0FAKE0001)"
    assert lines[2] == "  self:  fake-bot (U0FAKE0001)"
    url = lines[3].split()[1]
    assert lines[3].startswith(("  url:   ws://127.0.0.1:", "  url:   wss://wss-primary.slack.com/websocket/"))
    assert len(url.rsplit("/", 1)[1]) == 48  # the whole session id, not an ellipsis
    assert "within 30 s" in lines[3]
    assert len(lines) == 4
    assert "built-in fake Slack" in result.err
    assert "xoxb-demo-token" not in result.out + result.err


def test_demo_refuses_a_host_or_token_it_would_not_use(run: typing.Callable[..., Run]) -> None:
    result = run("rtm.connect", "--demo", "--token", SECRET)
    assert result.code == 2
    assert "--demo" in result.err


def test_json_prints_the_body_as_json(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_ok(warning="superfluous_charset")
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET, "--json")
    assert result.code == 0
    assert json.loads(result.out) == fake.ok_body(warning="superfluous_charset")


def test_keys_slack_added_are_printed_too(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_ok(warning="superfluous_charset", response_metadata={"warnings": ["superfluous_charset"]})
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 0
    lines = result.out.splitlines()
    assert "  warning: superfluous_charset" in lines
    assert '  response_metadata: {"warnings": ["superfluous_charset"]}' in lines
    assert f"  url:   {fake.ok_body()['url']}  (a session credential: use it within 30 s)" in lines


def test_slack_token_env_var_is_sent_as_bearer(
    run: typing.Callable[..., Run], fake: FakeSlackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_TOKEN", SECRET)
    assert run("rtm.connect", "--host", fake.host).code == 0
    assert fake.requests[-1].headers["authorization"] == f"Bearer {SECRET}"


def test_token_option_wins_over_the_env_var(
    run: typing.Callable[..., Run], fake: FakeSlackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-from-the-environment")
    assert run("rtm.connect", "--host", fake.host, "--token", SECRET).code == 0
    assert fake.requests[-1].headers["authorization"] == f"Bearer {SECRET}"


def test_missing_token_is_a_usage_error_naming_both_sources(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    result = run("rtm.connect", "--host", fake.host)
    assert result.code == 2
    assert "--token" in result.err
    assert "SLACK_TOKEN" in result.err
    assert fake.requests == []


def test_ok_false_exits_1_with_status_and_slack_error_code(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    fake.queue_error("invalid_auth")
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 1
    assert _error_line(result).startswith("error: (200) invalid_auth")


@pytest.mark.usefixtures("planned_waits")  # the retries' backoff is recorded, not slept
def test_transport_failure_exits_1_with_status_0(run: typing.Callable[..., Run], closed_port: int) -> None:
    result = run("rtm.connect", "--host", f"http://127.0.0.1:{closed_port}/api", "--token", SECRET)
    assert result.code == 1
    line = _error_line(result)
    assert line.startswith("error: (0) ")
    assert "could not connect" in line


def test_timeout_reaches_the_call(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_reply(200, body=fake.ok_body(), delay=0.3)  # waited out, it would be a success and exit 0
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET, "--timeout", str(SHORT_TIMEOUT))
    assert result.code == 1
    line = _error_line(result)
    assert line.startswith("error: (0) timeout")
    assert "timed out" in line


@pytest.mark.parametrize(
    ("flags", "sent"),
    [
        ((), {}),
        (("--presence-sub",), {"presence_sub": "true"}),
        (("--batch-presence-aware", "--presence-sub"), {"batch_presence_aware": "true", "presence_sub": "true"}),
    ],
)
def test_boolean_flags_reach_the_wire_as_true_and_are_omitted_otherwise(
    run: typing.Callable[..., Run], fake: FakeSlackServer, flags: typing.Tuple[str, ...],
    sent: typing.Dict[str, str]
) -> None:
    assert run("rtm.connect", "--host", fake.host, "--token", SECRET, *flags).code == 0
    assert fake.requests[-1].query == sent
    assert fake.requests[-1].path == "/api/rtm.connect"


def test_unsupported_method_is_a_usage_error_listing_rtm_connect(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    result = run("chat.postMessage", "--host", fake.host, "--token", SECRET)
    assert result.code == 2
    assert "'chat.postMessage'" in result.err
    assert "supported: rtm.connect" in result.err
    assert fake.requests == []


def _usage_error(result: Run) -> str:
    """The single stderr line of a usage error, which names no value from the command line."""
    assert result.code == 2
    line = _error_line(result)
    assert "cli5ecret" not in result.err.lower()  # not even part of the token, in any case
    return line


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param((SECRET,), id="token-as-method"),
        pytest.param(("rtm.connect", "--token", "xoxb-other", SECRET), id="stray-value"),
        pytest.param(("rtm.connect", f"--tokn={SECRET}"), id="misspelled-option"),
        pytest.param(("rtm.connect", "--token", "xoxb-other", "--timeout", SECRET), id="bad-timeout-value"),
        pytest.param(("rtm.connect", "--token", "xoxb-other", f"--timeout={SECRET}"), id="bad-timeout-equals"),
        pytest.param(("rtm.connect", f"--t={SECRET}"), id="abbreviation-of-two-options"),
        pytest.param(("rtm.connect", f"--tok={SECRET}"), id="abbreviation-of-token"),
        pytest.param(("rtm.connect", "--to", SECRET), id="abbreviation-then-value"),
        pytest.param(("rtm.connect", f"--json={SECRET}"), id="json-given-a-value"),
        pytest.param(("rtm.connect", f"--demo={SECRET}"), id="demo-given-a-value"),
        pytest.param(("rtm.connect", f"--presence-sub={SECRET}"), id="presence-sub-given-a-value"),
        pytest.param(("rtm.connect", f"--batch-presence-aware={SECRET}"), id="batch-given-a-value"),
        pytest.param(("rtm.connect", f"--help={SECRET}"), id="help-given-a-value"),
        pytest.param(("rtm.connect", f"--version={SECRET}"), id="version-given-a-value"),
        pytest.param(("rtm.connect", f"-h{SECRET}"), id="short-help-with-attached-value"),
        pytest.param(("rtm.connect", f"-h={SECRET}"), id="short-help-equals-value"),
        pytest.param(("rtm.connect", f"--json='{SECRET}'"), id="single-quoted-value"),
        pytest.param(("rtm.connect", f"--json=\"{SECRET}\""), id="double-quoted-value"),
        pytest.param(("rtm.connect", f"--json=it's \"{SECRET}\""), id="both-quotes-in-value"),
        pytest.param(("rtm.connect", f"--json={SECRET}\n\x1b[31m"), id="value-with-controls"),
        pytest.param(("rtm.connect", f"-{SECRET}"), id="token-after-one-dash"),
        pytest.param(("rtm.connect", f"--{SECRET}"), id="token-after-two-dashes"),
        pytest.param(("rtm.connect", "--token", "xoxb-other", "--", SECRET), id="value-after-double-dash"),
        pytest.param(("rtm.connect", "--host", SECRET, "--token", "xoxb-other"), id="token-as-host"),
        pytest.param(("rtm.connect", f"--host=http://{SECRET}:99999999", "--token", "x"), id="token-in-bad-host"),
        pytest.param((f"--token={SECRET}",), id="no-method"),
        pytest.param(("rtm.connect", "--demo", "--token", SECRET), id="demo-with-token"),
    ],
)
def test_usage_errors_are_one_line_and_never_echo_a_token(
    run: typing.Callable[..., Run], argv: typing.Tuple[str, ...]
) -> None:
    _usage_error(run(*argv))  # ``run`` also asserts SECRET is in neither stream


def test_help_still_prints_the_usage(run: typing.Callable[..., Run]) -> None:
    result = run("--help")
    assert result.code == 0
    assert result.out.startswith("usage: python -m slack ")
    assert "--timeout" in result.out


def test_a_token_that_cannot_be_a_header_is_an_input_error(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET + "\nX-Injected: 1")
    assert result.code == 2
    assert "query_params['token']" in _error_line(result)
    assert fake.requests == []


def test_bad_timeout_or_host_is_an_input_error(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    assert run("rtm.connect", "--host", fake.host, "--token", SECRET, "--timeout", "-1").code == 2
    result = run("rtm.connect", "--host", "ftp://example.com", "--token", SECRET)
    assert result.code == 2
    assert "--host" in _error_line(result)
    assert fake.requests == []


def test_version_prints_the_package_version(run: typing.Callable[..., Run]) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"python -m slack {slack.__version__}"


def test_python_dash_m_slack_demo_runs_the_packages_main_module(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `python -m slack rtm.connect --demo` runs: slack/__main__.py as __main__, arguments from sys.argv.
    monkeypatch.delenv("SLACK_TOKEN", raising=False)
    monkeypatch.setattr(sys, "argv", ["-m", "rtm.connect", "--demo"])
    monkeypatch.delitem(sys.modules, "slack.__main__")  # run afresh, as a new process would; put back after
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("slack", run_name="__main__", alter_sys=True)
    out, err = capsys.readouterr()
    assert exited.value.code == 0, err
    assert "  team:  Fake Slack (fake-slack, T0FAKE0001)" in out.splitlines()
    assert "built-in fake Slack" in err


@pytest.mark.parametrize("seconds", ["1e300", "1e10", "nan", "inf", "-inf", "-1", "0", "ten"])
def test_timeout_that_is_not_positive_finite_and_at_most_timeout_max_is_a_usage_error(
    run: typing.Callable[..., Run], fake: FakeSlackServer, seconds: str
) -> None:
    line = _usage_error(run("rtm.connect", "--host", fake.host, "--token", SECRET, "--timeout", seconds))
    assert "--timeout" in line
    assert fake.requests == []


def test_timeout_up_to_threading_timeout_max_is_accepted(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET, "--timeout", f"{threading.TIMEOUT_MAX:.0f}")
    assert result.code == 0, result.err
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    "host", ["http://[::1", "http://host:99999999", "http://exa mple.com", "http://", "http://user:pw@"]
)
def test_host_that_is_not_a_url_is_a_usage_error(
    run: typing.Callable[..., Run], host: str
) -> None:
    line = _usage_error(run("rtm.connect", "--host", host, "--token", SECRET))
    assert "--host" in line
    assert host not in line  # it may carry a password


def _evil(text: str) -> str:
    return f"{text}\x1b[31m\nforged line\u2028\x9b"


# How one_line shows what _evil adds.
_ESCAPED = "\\x1b[31m\\x0aforged line\\u2028\\x9b"


def test_server_text_in_the_summary_is_escaped(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_ok(
        team={"id": "T0FAKE0001", "name": _evil("Evil Corp"), "domain": _evil("evil")},
        self={"id": "U0FAKE0001", "name": _evil("bot")},
        warning=_evil("superfluous_charset"),
        response_metadata={"warnings": [_evil("w")]},
        **{_evil("new_key"): "v"},
    )
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 7  # four lines, and one per extra key: nothing the server sent added a line
    for raw in ("\x1b", "\u2028", "\x9b"):
        assert raw not in result.out
    assert lines[1] == f"  team:  Evil Corp{_ESCAPED} (evil{_ESCAPED}, T0FAKE0001)"
    assert lines[2] == f"  self:  bot{_ESCAPED} (U0FAKE0001)"
    assert f"  warning: superfluous_charset{_ESCAPED}" in lines
    assert '  response_metadata: {"warnings": ["w\\u001b[31m\\nforged line\\u2028\\u009b"]}' in lines
    assert f"  new_key{_ESCAPED}: v" in lines


def test_server_text_in_an_error_is_escaped(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_error(_evil("invalid_auth"), needed=_evil("rtm:stream"))
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 1
    line = _error_line(result)  # one line on stderr, nothing on stdout
    for raw in ("\x1b", "\u2028", "\x9b"):
        assert raw not in result.err
    assert line.startswith(f"error: (200) invalid_auth{_ESCAPED}")
    assert f"rtm:stream{_ESCAPED}" in line


_SURROGATE_BODY = (
    '{"ok": true, "url": "wss://wss-primary.slack.com/websocket/x",'
    ' "team": {"id": "T0FAKE0001", "name": "Fake \\ud800 Slack", "domain": "fake-slack"},'
    ' "self": {"id": "U0FAKE0001", "name": "fake-bot"}, "warning": "lone \\udc00"}'
)


def test_a_lone_surrogate_from_the_server_is_printed_escaped(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    fake.queue_reply(200, body=_SURROGATE_BODY)
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == "  team:  Fake \\ud800 Slack (fake-slack, T0FAKE0001)"
    assert "  warning: lone \\udc00" in lines


def test_a_lone_surrogate_from_the_server_survives_json_output(
    run: typing.Callable[..., Run], fake: FakeSlackServer
) -> None:
    fake.queue_reply(200, body=_SURROGATE_BODY)
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET, "--json")
    assert result.code == 0, result.err
    assert result.out.isascii()
    assert json.loads(result.out) == json.loads(_SURROGATE_BODY)


def test_an_unexpected_failure_is_one_line_without_the_token(
    run: typing.Callable[..., Run], fake: FakeSlackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: RtmApi, **kwargs: typing.Any) -> typing.NoReturn:
        raise RuntimeError(f"a bug that quotes {kwargs['query_params']['token']}\nover two lines")

    monkeypatch.setattr(RtmApi, "rtm_connect", broken)
    result = run("rtm.connect", "--host", fake.host, "--token", SECRET)
    assert result.code == 1
    line = _error_line(result)
    assert line == "error: unexpected RuntimeError: a bug that quotes (redacted)\\x0aover two lines"


# --- rtm.stream ------------------------------------------------------------------------------------

needs_websockets = pytest.mark.skipif(
    not slack.testing._websockets_installed(), reason="rtm.stream needs the rtm extra (websockets)")


@needs_websockets
def test_stream_demo_plays_a_session_with_its_reconnect_one_line_per_event(run: typing.Callable[..., Run]) -> None:
    result = run("rtm.stream", "--demo")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["hello", "message", "user_typing", "goodbye", "hello"]
    assert json.loads(lines[1].split(" ", 1)[1])["text"] == "Hello from the fake Slack!"
    assert "/websocket/" not in result.out + result.err  # the session URL is a credential
    assert result.err.startswith("demo: ")


@needs_websockets
def test_stream_json_prints_each_event_as_one_json_line(run: typing.Callable[..., Run]) -> None:
    result = run("rtm.stream", "--demo", "--json", "--count", "2")
    assert result.code == 0
    assert [json.loads(line)["type"] for line in result.out.splitlines()] == ["hello", "message"]


@needs_websockets
def test_stream_stops_after_count_events_and_escapes_server_text(
        run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    def push_when_open() -> None:
        fake.rtm_wait(lambda: fake.rtm_sessions == 1)
        fake.rtm_push({"type": "message", "text": "line\nforged\x1b[31m"})

    pusher = threading.Thread(target=push_when_open)
    pusher.start()
    result = run("rtm.stream", "--host", fake.host, "--token", SECRET, "--count", "2")
    pusher.join()
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[0] == "hello"
    assert "forged" in lines[1] and "\x1b" not in result.out  # escaped, on the one line
    assert fake.requests[0].headers["authorization"] == f"Bearer {SECRET}"


@needs_websockets
def test_stream_failure_is_one_line_exit_1(run: typing.Callable[..., Run], fake: FakeSlackServer) -> None:
    fake.queue_error("invalid_auth")
    result = run("rtm.stream", "--host", fake.host, "--token", SECRET)
    assert result.code == 1
    assert "invalid_auth" in _error_line(result)


@pytest.mark.parametrize("count", ["0", "-1", "1.5", "x"])
def test_count_must_be_a_positive_whole_number(run: typing.Callable[..., Run], count: str) -> None:
    assert run("rtm.stream", "--demo", "--count", count).code == 2


def test_count_is_only_for_rtm_stream(run: typing.Callable[..., Run]) -> None:
    assert "--count" in _error_line(run("rtm.connect", "--demo", "--count", "3"))
