"""Typing is part of the API: ``mypy --strict`` over user code that calls ``rtm_connect``.

Two sample user files are written to a temporary directory and checked by one
mypy run: one with the seed page's examples and typed reads of the body, which
must be clean and reveal the declared types, and one with a mistake on each
marked line, where mypy must report an error on exactly those lines.

The seed page's example is taken with one change: ``query_params`` is annotated
as ``RequestQueryParams``. Verbatim, mypy infers ``dict[str, str]`` from the
first literal and then rejects both the second literal (its bools) and the
calls; no signature can fix that without also accepting misspelled keys.
"""
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import typing

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")

_REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOC_PAGE = _REPO_ROOT / "docs" / "apis" / "tags" / "RtmApi.md"
_ANNOTATED = "query_params: RequestQueryParams = {"

SEED_EXAMPLE = '''\
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
    host = "https://slack.com/api"
)

# The client must configure the authentication and authorization parameters
# in accordance with the API server security policy.
# Examples for each auth method are provided below, use the example that
# satisfies your auth use case.

# Configure OAuth2 access token for authorization: slackAuth
configuration = slack.Configuration(
    host = "https://slack.com/api"
)
configuration.access_token = 'YOUR_ACCESS_TOKEN'
# Enter a context with an instance of the API client
with slack.ApiClient(configuration) as api_client:
    # Create an instance of the API class
    api_instance = rtm_api.RtmApi(api_client)

    # example passing only required values which don't have defaults set
    query_params: RequestQueryParams = {
        'token': "token_example",
    }
    try:
        api_response = api_instance.rtm_connect(
            query_params=query_params,
        )
        pprint(api_response)
    except slack.ApiException as e:
        print("Exception when calling RtmApi->rtm_connect: %s\\n" % e)

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
        print("Exception when calling RtmApi->rtm_connect: %s\\n" % e)
'''

# Each ``# reveal:`` line must reveal exactly that type (short names: see _QUALIFIED).
TYPED_READS = '''
import typing
from slack.apis.paths.rtm_connect import RtmConnect


def typed_reads(api: rtm_api.RtmApi) -> None:
    r = api.rtm_connect(query_params={"token": "xoxb-1", "presence_sub": True})
    reveal_type(r)  # reveal: ApiResponseFor200
    reveal_type(r.body["team"]["id"])  # reveal: DefsTeam
    reveal_type(r.body["self"]["id"])  # reveal: DefsUserId
    reveal_type(r.body["ok"])  # reveal: DefsOkTrue
    url: str = r.body["url"]
    name: str = r.body["self"]["name"]
    team_name: str = r.body["team"]["name"]
    team_id: str = r.body["team"]["id"]
    ok: bool = bool(r.body["ok"])
    raw = api.rtm_connect(query_params={"token": "xoxb-1"}, skip_deserialization=True)
    reveal_type(raw)  # reveal: ApiResponseWithoutDeserialization
    q: RequestQueryParams = {"token": "xoxb-1", "batch_presence_aware": False}
    reveal_type(api.rtm_connect(query_params=q, skip_deserialization=True))  # reveal: ApiResponseWithoutDeserialization
    reveal_type(RtmConnect(api.api_client).get(query_params=q))  # reveal: ApiResponseFor200
    try:
        api.rtm_connect(query_params=q, timeout=(1.0, 5.0))
    except slack.ApiException as e:
        status: typing.Optional[int] = e.status
        error: typing.Optional[str] = e.error
'''

# The RTM session's reads, checked when the rtm extra (websockets) is installed.
RTM_READS = '''
from slack.rtm_client import RtmClient, RtmError


def rtm_reads(client: slack.ApiClient) -> None:
    with RtmClient(client, token="xoxb-1", ping_interval=5.0, send_rate=None) as rtm:
        for event in rtm:
            reveal_type(event)  # reveal: Mapping
            kind: object = event["type"]
            ack = rtm.send_message("C1", "hi", thread_ts=None)
            reveal_type(ack)  # reveal: Mapping
            sent: int = rtm.send({"type": "typing", "channel": "C1"})
    try:
        RtmClient(client).connect()
    except RtmError as e:
        code: typing.Optional[int] = e.code
'''
HAS_RTM = importlib.util.find_spec("websockets") is not None

_QUALIFIED = {
    "Mapping": "typing.Mapping[str, Any]",
    "ApiResponseFor200": "slack.paths.rtm_connect.get.ApiResponseFor200",
    "ApiResponseWithoutDeserialization": "slack.api_client.ApiResponseWithoutDeserialization",
    "DefsTeam": "slack.model.defs_team.DefsTeam",
    "DefsUserId": "slack.model.defs_user_id.DefsUserId",
    "DefsOkTrue": "slack.model.defs_ok_true.DefsOkTrue",
}

# Each ``# E: code`` line must give exactly that error; no other line may give one.
MISTAKES = '''
from slack.apis.tags import rtm_api


def mistakes(api: rtm_api.RtmApi) -> None:
    api.rtm_connect(query_params={"token": 1})  # E: call-overload
    api.rtm_connect(query_params={"tokn": "x"})  # E: call-overload
    api.rtm_connect(query_params={"token": "x", "presence_sub": "yes"})  # E: call-overload
    api.rtm_connect(query_params={})  # E: call-overload
    api.rtm_connect(query_params={"token": "x", "presence_sub": True, "batch_presence_aware": False})
    r = api.rtm_connect(query_params={"token": "x"})
    x: int = r.body["team"]["id"]  # E: assignment
    y: str = r.body["team"]["id"]
    raw = api.rtm_connect(query_params={"token": "x"}, skip_deserialization=True)
    raw.body["url"]  # E: index
'''

_OUTPUT_LINE = re.compile(
    r"^(?P<file>[^:]+\.py):(?P<line>\d+): (?P<kind>error|note): (?P<text>.*?)(?:  \[(?P<code>[a-z-]+)\])?$")


class Finding(typing.NamedTuple):
    line: int
    kind: str
    text: str
    code: typing.Optional[str]


Findings = typing.Dict[str, typing.List[Finding]]  # file name -> what mypy said about it


def _marked(source: str, marker: str) -> typing.Dict[int, str]:
    """Line number -> what follows ``marker`` on that line."""
    return {n: line.split(marker, 1)[1].strip() for n, line in enumerate(source.splitlines(), 1) if marker in line}


def _mypy(tmp_path: pathlib.Path, sources: typing.Dict[str, str]) -> Findings:
    """Run ``mypy --strict`` once over the files ``sources`` names; the findings for each file."""
    for name, source in sources.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    config = tmp_path / "mypy.ini"
    # Ignore the repo's config: only --strict counts. websockets is not followed: no signature a user
    # sees names one of its types (RtmClient's are slack's own), and following it (and asyncio with
    # it) is a fifth of the run. The cache goes nowhere: one cold run writes a cache nobody reads.
    config.write_text("[mypy]\n[mypy-websockets.*]\nfollow_imports = skip\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", f"--config-file={config}",
         f"--cache-dir={os.devnull}", "--no-pretty", "--no-color-output",
         *(str(tmp_path / name) for name in sources)],
        cwd=_REPO_ROOT, env={**_environ(), "MYPYPATH": str(_REPO_ROOT)},
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 2 means mypy itself failed
    findings: Findings = {name: [] for name in sources}
    for out in proc.stdout.splitlines():
        m = _OUTPUT_LINE.match(out)
        name = pathlib.Path(m["file"]).name if m else None
        if m and name in findings:
            findings[name].append(Finding(int(m["line"]), m["kind"], m["text"], m["code"]))
    return findings


def _environ() -> typing.Dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MYPY")}


_TYPED_IMPORT = "import slack\nfrom slack.paths.rtm_connect.get import RequestQueryParams\n"
USER_CODE = SEED_EXAMPLE.replace("import slack\n", _TYPED_IMPORT, 1) + TYPED_READS + (RTM_READS if HAS_RTM else "")


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> Findings:
    """What one mypy run says about each sample file."""
    return _mypy(tmp_path_factory.mktemp("typing"), {"user_code.py": USER_CODE, "user_mistakes.py": MISTAKES})


def test_seed_examples_and_typed_reads_pass_mypy_strict(findings: Findings) -> None:
    assert [f for f in findings["user_code.py"] if f.kind == "error"] == []


def test_typed_reads_reveal_the_declared_types(findings: Findings) -> None:
    revealed = {f.line: f.text for f in findings["user_code.py"] if f.text.startswith("Revealed type is")}
    marked = _marked(USER_CODE, "# reveal:")
    expected = {line: f'Revealed type is "{_QUALIFIED[name]}"' for line, name in marked.items()}
    assert len(expected) == (9 if HAS_RTM else 7)
    assert revealed == expected


def test_each_mistake_is_reported_on_its_line_and_nowhere_else(findings: Findings) -> None:
    errors: typing.Dict[int, typing.Set[typing.Optional[str]]] = {}
    for f in findings["user_mistakes.py"]:
        if f.kind == "error":
            errors.setdefault(f.line, set()).add(f.code)
    expected = {line: {code} for line, code in _marked(MISTAKES, "# E:").items()}
    assert len(expected) == 6
    assert errors == expected


@pytest.mark.skipif(not _DOC_PAGE.exists(), reason="the docs are not shipped with this copy")
def test_the_checked_example_is_the_doc_pages_with_only_the_annotation_added() -> None:
    text = _DOC_PAGE.read_text(encoding="utf-8")
    start = text.index("```python\n") + len("```python\n")
    assert SEED_EXAMPLE.replace(_ANNOTATED, "query_params = {") == text[start:text.index("```\n", start)]
