# ruff: noqa: F401, I001, UP031
# (the example below is kept exactly as the doc page prints it: unused imports, import order, %-format)
"""The seed doc page's example, run verbatim against a loopback Slack.

The two examples of ``docs/apis/tags/RtmApi.md`` (the seed page) are copied as
they are; only the host is pointed at the FakeSlackServer.
"""
import inspect
import pathlib
import textwrap
import typing

import pytest

from slack.testing import FakeSlackServer


def run_seed_example(host: str) -> None:
    """The page's code, word for word, apart from ``host = "https://slack.com/api"``."""
    import slack
    from slack.apis.tags import rtm_api
    from slack.model.defs_team import DefsTeam
    from slack.model.defs_ok_false import DefsOkFalse
    from slack.model.defs_ok_true import DefsOkTrue
    from slack.model.defs_user_id import DefsUserId
    from pprint import pprint
    # Defining the host is optional and defaults to https://slack.com/api
    # See configuration.py for a list of all supported configuration parameters.
    configuration = slack.Configuration(
        host = host
    )

    # The client must configure the authentication and authorization parameters
    # in accordance with the API server security policy.
    # Examples for each auth method are provided below, use the example that
    # satisfies your auth use case.

    # Configure OAuth2 access token for authorization: slackAuth
    configuration = slack.Configuration(
        host = host
    )
    configuration.access_token = 'YOUR_ACCESS_TOKEN'
    # Enter a context with an instance of the API client
    with slack.ApiClient(configuration) as api_client:
        # Create an instance of the API class
        api_instance = rtm_api.RtmApi(api_client)

        # example passing only required values which don't have defaults set
        query_params = {
            'token': "token_example",
        }
        try:
            api_response = api_instance.rtm_connect(
                query_params=query_params,
            )
            pprint(api_response)
        except slack.ApiException as e:
            print("Exception when calling RtmApi->rtm_connect: %s\n" % e)

        # example passing only optional values
        query_params = {
            'token': "token_example",
            'batch_presence_aware': True,
            'presence_sub': True,
        }
        try:
            api_response = api_instance.rtm_connect(
                query_params=query_params,
            )
            pprint(api_response)
        except slack.ApiException as e:
            print("Exception when calling RtmApi->rtm_connect: %s\n" % e)


_DOC_PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "apis" / "tags" / "RtmApi.md"


def _example_in_doc_page() -> str:
    text = _DOC_PAGE.read_text(encoding="utf-8")
    start = text.index("```python\n") + len("```python\n")
    return text[start:text.index("```\n", start)]


def _example_in_this_file() -> str:
    source = inspect.getsource(run_seed_example)
    body = source.split('"""\n', 1)[1]  # after the def line and its one-line docstring
    return textwrap.dedent(body).replace("host = host", 'host = "https://slack.com/api"')


@pytest.mark.skipif(not _DOC_PAGE.exists(), reason="the docs are not shipped with this copy")
def test_the_example_here_is_the_doc_pages_example_word_for_word() -> None:
    assert _example_in_this_file() == _example_in_doc_page()


def _run(fake: FakeSlackServer, capsys: pytest.CaptureFixture[str]) -> str:
    run_seed_example(fake.host)
    out: str = capsys.readouterr().out
    return out


def test_seed_examples_print_two_successful_responses(
    fake: FakeSlackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(fake, capsys)

    assert out.count("ApiResponseFor200(") == 2
    assert "Exception when calling" not in out
    assert "Traceback" not in out
    # pprint shows the typed body: the team and user the server answered with.
    assert "T0FAKE0001" in out
    assert "U0FAKE0001" in out
    assert "DefsOkTrue" in out


def test_seed_examples_send_the_per_call_token_not_the_configured_one(
    fake: FakeSlackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(fake, capsys)

    requests = fake.requests
    assert len(requests) == 2
    for request in requests:
        assert request.method == "GET"
        assert request.path == "/api/rtm.connect"
        assert request.headers["authorization"] == "Bearer token_example"
        assert "YOUR_ACCESS_TOKEN" not in repr(request)
        assert "token" not in request.query


def test_seed_examples_send_the_booleans_as_true_in_the_query(
    fake: FakeSlackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(fake, capsys)

    first, second = fake.requests
    assert first.raw_query == ""
    assert first.query == {}
    assert second.raw_query == "batch_presence_aware=true&presence_sub=true"
    assert second.query == {"batch_presence_aware": "true", "presence_sub": "true"}


def test_seed_examples_print_the_exception_line_when_slack_says_ok_false(
    fake: FakeSlackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page's except branch is live code too: an ok:false answer lands in it.
    fake.queue_error("invalid_auth")
    fake.queue_error("token_revoked")

    out = _run(fake, capsys)

    lines: typing.List[str] = [line for line in out.splitlines() if line]
    assert lines[0].startswith("Exception when calling RtmApi->rtm_connect: (200) invalid_auth")
    assert lines[1].startswith("Exception when calling RtmApi->rtm_connect: (200) token_revoked")
    assert "ApiResponseFor200" not in out
    assert "token_example" not in out
    assert len(fake.requests) == 2
