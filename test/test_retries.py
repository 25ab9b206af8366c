# hand-written in the generated style
"""Rate limits and retries: what is waited out, what is retried, and what reaches the caller.

By default a 429 whose ``Retry-After`` is at most ``configuration.max_retry_after``
seconds is waited out and retried, up to 3 retries; a longer one is handed to
the caller at once. Connection failures are retried too; nothing else is.
"""
import logging
import typing

import pytest
import urllib3

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import ApiResponseFor200
from slack.rest import SlackRetry, default_retry
from slack.testing import FakeSlackServer

from conftest import QUERY, call, http_date, outcome


@pytest.fixture(autouse=True)
def _waits_are_planned_not_slept(planned_waits: typing.List[float]) -> None:
    """Backoff and Retry-After waits go through slack.rest._sleep, which records them here: no test sleeps."""


# --- configuration -------------------------------------------------------------------------------


def test_default_max_retry_after_is_30_seconds_and_default_retries_are_3() -> None:
    configuration = slack.Configuration()
    assert configuration.max_retry_after == 30
    assert configuration.retries is None
    with slack.ApiClient(configuration) as client:
        retry = client.rest_client.pool_manager.connection_pool_kw["retries"]
    assert isinstance(retry, SlackRetry)
    assert (retry.total, retry.connect, retry.status, retry.max_retry_after) == (3, 3, 3, 30)
    assert retry.read is False  # a read timeout may have reached Slack: never resent
    assert tuple(retry.status_forcelist) == (429,)


def test_default_retry_is_a_urllib3_retry_with_slacks_rules() -> None:
    retry = default_retry(5, max_retry_after=2.5)
    assert isinstance(retry, urllib3.Retry)
    assert (retry.total, retry.max_retry_after) == (5, 2.5)
    # .new() (which urllib3 calls after each attempt) keeps the Slack rule.
    assert retry.new(total=4).max_retry_after == 2.5


@pytest.mark.parametrize("value", [-1, 1.5, "3", True])
def test_retries_refuses_values_it_cannot_mean(value: typing.Any) -> None:
    with pytest.raises((slack.ApiTypeError, slack.ApiValueError), match=r"configuration\.retries"):
        slack.Configuration(retries=value)


@pytest.mark.parametrize("value", [-1, float("inf"), float("nan"), "30", None, 10**400, 1e300])
def test_max_retry_after_refuses_values_that_are_not_seconds(value: typing.Any) -> None:
    with pytest.raises((slack.ApiTypeError, slack.ApiValueError), match=r"configuration\.max_retry_after"):
        slack.Configuration(max_retry_after=value)


# --- 429 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("retry_after", ["1", "0", "30"])
def test_rate_limit_within_max_retry_after_is_waited_out_and_retried(
    api: RtmApi, fake: FakeSlackServer, retry_after: str, planned_waits: typing.List[float]
) -> None:
    fake.queue_rate_limited(retry_after)
    response = outcome(api)
    assert isinstance(response, ApiResponseFor200)
    assert planned_waits == ([float(retry_after)] if retry_after != "0" else [])
    assert response.body["url"] == fake.ok_body()["url"]
    assert len(fake.requests) == 2
    # The retry is the same request, token and all.
    first, second = fake.requests
    assert (second.method, second.path, second.raw_query) == (first.method, first.path, first.raw_query)
    assert second.headers["authorization"] == f"Bearer {QUERY['token']}"


def test_rate_limit_longer_than_max_retry_after_raises_at_once(
    api: RtmApi, fake: FakeSlackServer, planned_waits: typing.List[float]
) -> None:
    fake.queue_rate_limited(120)
    e = outcome(api)
    assert planned_waits == []
    assert type(e) is slack.ApiException
    assert e.status == 429
    assert e.error == "ratelimited"
    assert e.retry_after == 120
    assert "retry after 120 s" in str(e)
    assert str(e).startswith("(429) ratelimited")
    assert len(fake.requests) == 1


def test_max_retry_after_is_the_inclusive_limit(fake: FakeSlackServer) -> None:
    fake.queue_rate_limited(0)
    assert isinstance(call(fake.host, max_retry_after=0), ApiResponseFor200)  # 0 <= 0: waited out (for no time)
    assert len(fake.requests) == 2
    fake.queue_rate_limited(1)
    e = call(fake.host, max_retry_after=0)
    assert isinstance(e, slack.ApiException) and e.retry_after == 1  # 1 > 0: the caller's decision
    assert len(fake.requests) == 3


@pytest.mark.parametrize("retries", [0, False])
def test_rate_limit_with_retries_off_raises_at_once(
    fake: FakeSlackServer, retries: typing.Any, planned_waits: typing.List[float]
) -> None:
    fake.queue_rate_limited(1)
    e = call(fake.host, retries=retries)
    assert planned_waits == []
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error, e.retry_after) == (429, "ratelimited", 1)
    assert len(fake.requests) == 1


def test_rate_limits_outlasting_the_retries_raise_the_last_429_not_max_retry_error(
    api: RtmApi, fake: FakeSlackServer
) -> None:
    for n in range(4):
        fake.queue_reply(429, {"Content-Type": "application/json", "Retry-After": "0", "x-slack-req-id": f"req-{n}"},
                         {"ok": False, "error": "ratelimited"})
    e = outcome(api)
    assert type(e) is slack.ApiException
    assert not isinstance(e.__cause__, urllib3.exceptions.MaxRetryError)
    assert (e.status, e.error) == (429, "ratelimited")
    assert e.request_id == "req-3"  # the last one
    assert len(fake.requests) == 4  # 1 + 3 retries
    # The server is fine again: the next call is a plain success.
    assert isinstance(outcome(api), ApiResponseFor200)


def test_retries_as_an_int_sets_how_many_rate_limits_are_retried(fake: FakeSlackServer) -> None:
    fake.queue_rate_limited(0)
    fake.queue_rate_limited(0)
    e = call(fake.host, retries=1)
    assert isinstance(e, slack.ApiException) and e.status == 429
    assert len(fake.requests) == 2
    fake.queue_rate_limited(0)
    assert isinstance(call(fake.host, retries=1), ApiResponseFor200)
    assert len(fake.requests) == 4


def test_retries_as_a_urllib3_retry_is_used_as_given(fake: FakeSlackServer) -> None:
    retry = urllib3.Retry(total=2, status_forcelist=(429, 503), raise_on_status=False)
    fake.queue_reply(503, None, {"ok": False, "error": "fatal_error"})
    fake.queue_rate_limited(0)
    assert isinstance(call(fake.host, retries=retry), ApiResponseFor200)
    assert len(fake.requests) == 3


def test_a_urllib3_retry_that_runs_out_still_gives_the_api_exception_for_the_last_response(
    fake: FakeSlackServer,
) -> None:
    # urllib3's default raise_on_status=True would hide the 429 behind a status-0 MaxRetryError.
    fake.queue_rate_limited(0)
    fake.queue_reply(429, {"Content-Type": "application/json", "Retry-After": "0", "x-slack-req-id": "req-last"},
                     {"ok": False, "error": "ratelimited"})
    e = call(fake.host, retries=urllib3.Retry(total=1, status_forcelist=(429,)))
    assert type(e) is slack.ApiException
    assert (e.status, e.error, e.retry_after, e.request_id) == (429, "ratelimited", 0, "req-last")
    assert len(fake.requests) == 2


def test_retries_as_a_slack_retry_can_shorten_max_retry_after(
    fake: FakeSlackServer, planned_waits: typing.List[float]
) -> None:
    fake.queue_rate_limited(1)
    e = call(fake.host, retries=default_retry(3, max_retry_after=0.5))
    assert planned_waits == []
    assert isinstance(e, slack.ApiException) and e.retry_after == 1
    assert len(fake.requests) == 1


def test_503_with_retry_after_is_not_retried_by_default(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(503, {"Content-Type": "application/json", "Retry-After": "0"},
                     {"ok": False, "error": "fatal_error"})
    e = outcome(api)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.error) == (503, "fatal_error")
    assert e.retry_after is None  # only a 429's Retry-After is reported
    assert len(fake.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 504])
def test_server_errors_are_not_retried_by_default(api: RtmApi, fake: FakeSlackServer, status: int) -> None:
    fake.queue_reply(status, {"Content-Type": "text/html"}, b"<html>down</html>")
    e = outcome(api)
    assert isinstance(e, slack.ApiException) and e.status == status
    assert len(fake.requests) == 1


# --- malformed Retry-After -----------------------------------------------------------------------

# Treated as if absent: a 429 is retried (after the normal backoff) and the next reply succeeds.
_IGNORED = [
    pytest.param("-5", id="negative"),
    pytest.param("soon", id="non-numeric"),
    pytest.param("1.5e", id="broken-number"),
    pytest.param("", id="empty"),
    pytest.param("Mon, 99 Foo 2020 99:99:99 GMT", id="broken-date"),
]


@pytest.mark.parametrize("retry_after", _IGNORED)
def test_malformed_retry_after_is_ignored_and_the_429_retried(
    api: RtmApi, fake: FakeSlackServer, retry_after: str
) -> None:
    fake.queue_rate_limited(retry_after)
    assert isinstance(outcome(api), ApiResponseFor200)
    assert len(fake.requests) == 2


def test_retry_after_as_an_http_date_in_the_past_means_retry_now(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_rate_limited(http_date(-3600))
    assert isinstance(outcome(api), ApiResponseFor200)
    assert len(fake.requests) == 2


@pytest.mark.parametrize("ahead", [3600, 7 * 3600, 400 * 86400])
def test_retry_after_as_an_http_date_beyond_max_retry_after_raises_at_once_uncapped(
        api: RtmApi, fake: FakeSlackServer, ahead: int, planned_waits: typing.List[float]) -> None:
    fake.queue_rate_limited(http_date(ahead))
    e = outcome(api)
    assert planned_waits == []
    assert isinstance(e, slack.ApiException) and e.status == 429
    assert e.retry_after is not None and ahead - 600 < e.retry_after <= ahead  # not urllib3's 6 h cap
    assert len(fake.requests) == 1


@pytest.mark.parametrize("retry_after", [str(10**30), "9" * 400])
def test_huge_retry_after_raises_at_once_with_what_slack_asked(
    api: RtmApi, fake: FakeSlackServer, retry_after: str, planned_waits: typing.List[float]
) -> None:
    fake.queue_rate_limited(retry_after)
    e = outcome(api)
    assert planned_waits == []
    assert isinstance(e, slack.ApiException) and (e.status, e.error) == (429, "ratelimited")
    assert e.retry_after == float(retry_after)  # 1e30, or inf past float's range
    assert len(fake.requests) == 1
    assert "\n" not in str(e)


def test_a_429_without_retry_after_is_retried(api: RtmApi, fake: FakeSlackServer) -> None:
    fake.queue_reply(429, None, {"ok": False, "error": "ratelimited"})
    assert isinstance(outcome(api), ApiResponseFor200)
    assert len(fake.requests) == 2


def test_a_429_raised_without_retry_after_has_retry_after_none(fake: FakeSlackServer) -> None:
    fake.queue_reply(429, None, {"ok": False, "error": "ratelimited"})
    e = call(fake.host, retries=0)
    assert isinstance(e, slack.ApiException)
    assert (e.status, e.retry_after) == (429, None)
    assert "retry after" not in str(e)


# --- connection failures -------------------------------------------------------------------------


def _retry_warnings(caplog: pytest.LogCaptureFixture) -> typing.List[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("urllib3") and "Retrying" in r.getMessage()]


def test_a_refused_connection_is_retried_three_times_by_default_with_backoff(
        caplog: pytest.LogCaptureFixture, closed_port: int, planned_waits: typing.List[float]) -> None:
    caplog.set_level(logging.WARNING, logger="urllib3")
    configuration = slack.Configuration(host=f"http://127.0.0.1:{closed_port}/api")
    with slack.ApiClient(configuration) as client, pytest.raises(slack.ApiConnectionError):
        RtmApi(client).rtm_connect(query_params=QUERY)
    assert len(_retry_warnings(caplog)) == 3
    assert planned_waits == [1.0, 2.0]  # urllib3's backoff with factor 0.5: 0 (no wait), 1, 2 s


def test_a_refused_connection_is_not_retried_with_retries_off(
        caplog: pytest.LogCaptureFixture, closed_port: int) -> None:
    caplog.set_level(logging.WARNING, logger="urllib3")
    configuration = slack.Configuration(host=f"http://127.0.0.1:{closed_port}/api", retries=0)
    with slack.ApiClient(configuration) as client, pytest.raises(slack.ApiConnectionError):
        RtmApi(client).rtm_connect(query_params=QUERY)
    assert _retry_warnings(caplog) == []


def test_a_dropped_connection_after_the_request_was_sent_is_not_retried(api: RtmApi, fake: FakeSlackServer) -> None:
    # Slack may have acted on it; resending a request is only safe when it never left.
    fake.queue_reply(drop=True)
    e = outcome(api)
    assert isinstance(e, slack.ApiConnectionError)
    assert len(fake.requests) == 1
