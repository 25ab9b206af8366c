"""FakeSlackServer driven by another Slack client: slack_sdk's WebClient and RTMClient speak to it like to Slack.

slack_sdk cannot share this package's environment, since it ships a ``slack`` shim package of the same
name. So a session fixture builds a venv with slack_sdk in a temporary directory (a few seconds), and
each test runs ``peers/slack_sdk_peer.py`` with that venv's Python against a fake running in this
process, then checks what slack_sdk saw and what the fake recorded. Without network the venv cannot be
built. They run only with ``SLACK_PEER_TESTS=1`` (CI sets it, in a step of its own), which also makes a
venv that cannot be built a failure; otherwise they skip, so that the suite stays quick.
"""

import json
import os
import pathlib
import subprocess
import sys
import typing

import pytest

from slack.testing import FakeSlackServer

from conftest import AUTH_TEST_BODY

SLACK_SDK = "slack_sdk>=3.20,<4"
PEER = pathlib.Path(__file__).resolve().parent / "peers" / "slack_sdk_peer.py"
# The venv and pip install take about 5 s with network; pip gives up on its own well before this.
BUILD_TIMEOUT = 45.0
# A peer run takes well under a second, plus the one Retry-After wait slack_sdk really sleeps (1-2 s).
RUN_TIMEOUT = 20.0

TOKEN = "xoxb-1111-2222-peer"
USER_TOKEN = "xoxp-1111-2222-3333-peer"
APP_TOKEN = "xapp-1-A0FAKE0001-1111-peer"
EVENT = {"type": "message", "channel": "C0FAKE0001", "user": "U0FAKE0002", "text": "hi", "ts": "1700000000.000100"}


@pytest.fixture(scope="session")
def peer_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Python of a venv with slack_sdk (and not this package), built once per test session."""
    if os.environ.get("SLACK_PEER_TESTS") != "1":
        pytest.skip("builds a venv with slack_sdk from PyPI (a few seconds): set SLACK_PEER_TESTS=1, as CI does")
    # Session fixtures are set up before conftest's function-scoped _clean_environment, so pip still
    # sees the machine's proxy settings here.
    venv = tmp_path_factory.mktemp("slack-sdk-peer") / "venv"
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-input", "--retries", "1",
         "--timeout", "10", SLACK_SDK],
    ]
    try:
        for step in steps:
            subprocess.run(step, check=True, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        output = getattr(error, "stderr", None) or ""
        detail = (output if isinstance(output, str) else output.decode(errors="replace")).strip().splitlines()
        reason = f"cannot build a venv with {SLACK_SDK} (no network?): {detail[-1] if detail else error}"
        pytest.fail(reason, pytrace=False)
    return str(python)


def start_peer(python: str, plan: typing.Mapping[str, typing.Any]) -> "subprocess.Popen[str]":
    # -I: neither PYTHONPATH nor the working directory can put this package's `slack` in its way.
    return subprocess.Popen(
        [python, "-I", str(PEER), json.dumps(plan)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result_of(process: "subprocess.Popen[str]") -> typing.Dict[str, typing.Any]:
    """What the peer printed; a failure with its stderr if it failed or hung."""
    try:
        out, err = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"the slack_sdk peer did not finish within {RUN_TIMEOUT} s: {process.communicate()[1]}")
    assert process.returncode == 0, err
    result: typing.Dict[str, typing.Any] = json.loads(out)
    return result


def web_calls(python: str, fake: FakeSlackServer, *calls: typing.Mapping[str, typing.Any]) -> typing.List[typing.Any]:
    """Run WebClient calls against ``fake``; each result has ok, status, data, retry_after, exception, seconds."""
    # slack_sdk joins method names onto its base_url, which therefore ends with a slash.
    results: typing.List[typing.Any] = result_of(start_peer(python, {"base_url": fake.host + "/", "web": calls}))["web"]
    return results


# WebClient


def test_web_client_rtm_connect_gets_the_success_body_with_a_session_url(
    fake: FakeSlackServer, peer_python: str
) -> None:
    (result,) = web_calls(peer_python, fake, {"call": "rtm_connect", "token": TOKEN})

    assert (result["exception"], result["status"], result["ok"]) == (None, 200, True)
    assert result["data"] == fake.ok_body()
    (request,) = fake.requests
    assert (request.method, request.path) == ("POST", "/api/rtm.connect")  # slack_sdk POSTs every method
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert "slackclient/" in request.headers["user-agent"]  # it was slack_sdk that called


def test_web_client_auth_test_gets_who_the_token_is(fake: FakeSlackServer, peer_python: str) -> None:
    bot, user = web_calls(
        peer_python, fake, {"call": "auth_test", "token": TOKEN}, {"call": "auth_test", "token": USER_TOKEN}
    )

    assert bot["data"] == AUTH_TEST_BODY
    assert user["data"] == {key: value for key, value in AUTH_TEST_BODY.items() if key != "bot_id"}


def test_web_client_raises_slack_api_error_with_slacks_error_codes(peer_python: str) -> None:
    with FakeSlackServer(tokens={TOKEN, APP_TOKEN}) as fake:
        results = web_calls(
            peer_python,
            fake,
            {"call": "rtm_connect", "token": "xoxb-1111-2222-unknown"},
            {"call": "rtm_connect", "token": APP_TOKEN},
            {"call": "rtm_connect", "token": None},
            {"call": "api_call", "token": TOKEN, "method": "chat.postMessage"},
        )

    assert [(r["exception"], r["status"]) for r in results] == [("SlackApiError", 200)] * 4
    assert [r["data"] for r in results] == [
        {"ok": False, "error": "invalid_auth"},
        {"ok": False, "error": "not_allowed_token_type"},
        {"ok": False, "error": "not_authed"},
        {"ok": False, "error": "unknown_method", "req_method": "chat.postMessage"},
    ]


def test_web_client_token_in_a_multipart_form_and_arguments_in_a_json_body_are_read(
    fake: FakeSlackServer, peer_python: str
) -> None:
    multipart, json_body = web_calls(
        peer_python,
        fake,
        # Without a client token, slack_sdk sends the token as a form field beside the file.
        {"call": "api_call", "token": None, "method": "auth.test", "kwargs": {"data": {"token": TOKEN}},
         "files": {"file": "not an argument"}},
        {"call": "api_call", "token": TOKEN, "method": "auth.test", "kwargs": {"json": {"presence_sub": True}}},
    )

    assert multipart["data"] == json_body["data"] == AUTH_TEST_BODY
    first, second = fake.requests
    assert first.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert "authorization" not in first.headers
    assert first.params == {"token": TOKEN}
    assert second.headers["content-type"] == "application/json;charset=utf-8"
    assert second.params == {"presence_sub": True}


def test_rate_limit_error_retry_handler_waits_out_retry_after_then_succeeds(
    fake: FakeSlackServer, peer_python: str
) -> None:
    fake.queue_rate_limited(1.0)  # went out as "1.0" once, and slack_sdk's int() crashed on it
    fake.queue_rate_limited(1.0)

    without_handler, with_handler = web_calls(
        peer_python,
        fake,
        {"call": "rtm_connect", "token": TOKEN},
        {"call": "rtm_connect", "token": TOKEN, "rate_limit_retries": 1},
    )

    assert (without_handler["exception"], without_handler["status"]) == ("SlackApiError", 429)
    assert without_handler["data"] == {"ok": False, "error": "ratelimited"}
    assert without_handler["retry_after"] == "1"
    assert (with_handler["exception"], with_handler["status"]) == (None, 200)
    assert with_handler["data"] == fake.ok_body()
    assert with_handler["seconds"] >= 1.0  # RateLimitErrorRetryHandler slept int("1") + random() seconds
    assert [request.path for request in fake.requests] == ["/api/rtm.connect"] * 3


# RTMClient


def test_rtm_client_connects_gets_hello_and_a_pushed_event_and_its_pings_get_pongs(
    fake: FakeSlackServer, peer_python: str
) -> None:
    pytest.importorskip("websockets.server", reason="the fake serves RTM sessions only with websockets installed")
    plan = {"base_url": fake.host + "/", "rtm": {"token": TOKEN, "ping_interval": 0.2}}
    peer = start_peer(peer_python, plan)
    try:
        opened = fake.rtm_wait(lambda: fake.rtm_sessions == 1, timeout=RUN_TIMEOUT)
        pushed = fake.rtm_push(EVENT) if opened else 0
    finally:
        result = result_of(peer)["rtm"]  # with the peer's stderr if it failed

    assert (opened, pushed) == (True, 1)
    assert result["errors"] == []
    assert [request.path for request in fake.requests] == ["/api/auth.test", "/api/rtm.connect"]
    assert result["bot_id"] == "B0FAKE0001"  # from auth.test: rtm_v2 skips events its own bot sent
    assert result["frames"][0] == {"type": "hello"}
    assert EVENT in result["frames"]
    assert (result["hello"], result["message"]) == (True, True)
    assert result["dispatched"]["message"] == EVENT
    # An RTM ping gets Slack's pong, echoing what else it carried; a websocket ping gets a pong frame.
    assert result["pong"] is True
    assert result["dispatched"]["pong"] == {"type": "pong", "reply_to": 1, "sent": "peer"}
    assert result["keepalive_pong"] is True
    assert fake.rtm_received == [{"type": "ping", "id": 1, "sent": "peer"}]
    assert fake.rtm_connects == 1
    assert fake.rtm_wait(lambda: fake.rtm_sessions == 0)  # the peer has exited
