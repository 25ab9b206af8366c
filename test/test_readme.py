"""The README tells the truth: its promises, each checked against the client.

A section of README.md is quoted where a test holds the client to it, so that changing the
promise without the code (or the code without the promise) fails here.
"""
import pathlib
import pickle
import re
import tomllib
import typing

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

from conftest import call, raised

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
HTML_PAGE = "<html><body><h1>429 Too Many Requests</h1></body></html>"


def _section(title: str) -> str:
    """The text of the README.md section headed ``## title``, up to the next ``## ``."""
    heading = f"\n## {title}\n"
    start = README.index(heading) + len(heading)
    end = README.find("\n## ", start)
    return README[start:] if end == -1 else README[start:end]


def _one_line_with_status(e: slack.ApiException, status: int) -> str:
    """README: "Every exception message is one line, starts with `(status)`"."""
    text = str(e)
    assert "\n" not in text and "\r" not in text
    assert text.startswith(f"({status}) ")
    return text


# --- Errors: 'Rate limited (429) and not retried ... `.error == "ratelimited"`' -----------------


def test_readme_promises_error_ratelimited_for_a_429() -> None:
    row = next(line for line in _section("Errors, retries and timeouts").splitlines()
               if line.startswith("| Rate limited (429)"))
    assert '`.error == "ratelimited"`' in row


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({"Content-Type": "text/html"}, HTML_PAGE),
        ({"Content-Type": "text/plain"}, ""),
        (None, {"ok": False}),
        (None, {"ok": False, "error": ""}),
    ],
    ids=["html-page", "empty-body", "ok-false-without-error", "ok-false-with-empty-error"],
)
def test_rate_limited_429_without_a_slack_error_code_has_error_ratelimited(
    fake: FakeSlackServer, headers: typing.Optional[typing.Dict[str, str]], body: typing.Any
) -> None:
    fake.queue_reply(429, headers, body)
    e = call(fake.host, retries=0)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error) == (429, "ratelimited")
    text = _one_line_with_status(e, 429)
    assert text.startswith("(429) ratelimited")
    assert "<html" not in text  # README: never the response body


def test_rate_limited_429_with_retry_after_over_max_retry_after_raises_at_once_with_error_ratelimited(
    fake: FakeSlackServer,
) -> None:
    fake.queue_reply(429, {"Content-Type": "text/html", "Retry-After": "120"}, HTML_PAGE)
    e = call(fake.host)  # the default retries and max_retry_after (30 s)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error, e.retry_after) == (429, "ratelimited", 120)
    assert len(fake.requests) == 1
    assert "(retry after 120 s)" in _one_line_with_status(e, 429)


def test_rate_limited_429_with_retries_used_up_raises_the_last_with_error_ratelimited(
    fake: FakeSlackServer, planned_waits: typing.List[float]
) -> None:
    for n in range(4):  # the first try and 3 retries
        fake.queue_reply(429, {"Content-Type": "text/html", "Retry-After": "0", "x-slack-req-id": f"req-{n}"},
                         HTML_PAGE)
    e = call(fake.host)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error, e.request_id) == (429, "ratelimited", "req-3")
    assert len(fake.requests) == 4 and len(planned_waits) <= 3  # the waits are recorded, not slept


def test_a_429_that_carries_a_slack_error_code_keeps_that_code(fake: FakeSlackServer) -> None:
    fake.queue_error("team_added_to_org", status=429)
    e = call(fake.host, retries=0)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error) == (429, "team_added_to_org")


# --- Errors: `.error` is the Slack error code, and messages say only what Slack said --------------


def test_ok_false_with_empty_error_needed_and_provided_says_so_without_empty_fields(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_error("", needed="", provided="")
    e = raised(api)
    assert e.error is None  # an empty code is no code
    text = _one_line_with_status(e, 200)
    assert "ok: false without an error code" in text
    assert "needed" not in text and "provided" not in text and ", " not in text
    assert e.api_response.body["error"] == ""  # the body stays as Slack sent it


def test_missing_scope_message_names_needed_and_provided_only_when_slack_filled_them_in(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    fake.queue_error("missing_scope", needed="chat:write", provided="")
    text = _one_line_with_status(raised(api), 200)
    assert re.match(r"\(200\) missing_scope: needed chat:write \(x-slack-req-id: [^)]+\)$", text)

    fake.queue_error("missing_scope", needed="chat:write", provided="channels:read")
    assert "missing_scope: needed chat:write, provided channels:read (" in str(raised(api))


def test_exception_message_leaves_out_empty_and_blank_parts() -> None:
    e = slack.ApiException(200, "", error=" ", message="", headers={"x-slack-req-id": ""})
    assert str(e) == "(200)"
    assert str(pickle.loads(pickle.dumps(e))) == "(200)"
    e = slack.ApiException(502, "Bad Gateway", error="", message="  ")
    assert str(e) == "(502) Bad Gateway"


# --- Compatibility ---------------------------------------------------------------------------------


def _supported() -> typing.List[str]:
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["classifiers"]
    return [m.group(1) for c in classifiers if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]


def test_compatibility_states_the_supported_pythons_and_which_run_the_suite() -> None:
    section = _section("Compatibility")
    supported = _supported()
    oldest, newest = supported[0], supported[-1]
    assert f"Python {oldest} to {newest}" in section
    for version in supported:
        assert version in section
    assert f"suite on Python {oldest}" in section
    assert "urllib3 1.26" in section and "2.x" in section
    assert "websockets 15 or newer" in section
