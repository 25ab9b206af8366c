"""Hostile responses: whatever a server sends, a call ends in a validated success or an ``ApiException``.

The bodies are arbitrary JSON values, mutations of a valid success body and
arbitrary bytes; the ``Retry-After`` and ``Content-Type`` headers are fuzzed too.
``is_valid_success`` below is an independent oracle for the lenient rules the
client reads a success with; the client must agree with it exactly (for bodies
nested no deeper than ``MAX_EXACT_DEPTH``; deeper ones may also be refused).
"""
import copy
import json
import math
import operator
import re
import string
import typing

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import slack
from slack import api_client
from slack.apis.tags.rtm_api import RtmApi
from slack.paths.rtm_connect.get import ApiResponseFor200
from slack.testing import FakeSlackServer

from conftest import CHARACTERS, SUCCESS_BODY, http_date, outcome

MAX_EXACT_DEPTH = 100
# Function-scoped fixtures here (the autouse environment cleaner) hold no per-example state.
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- the oracle ----------------------------------------------------------------------------------

_TEAM_ID = re.compile(r"T[A-Z0-9]{2,}")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def _is_json(value: typing.Any) -> bool:
    if value is None or isinstance(value, (bool, str, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v) for k, v in value.items())
    return False


def _is_str(value: typing.Any) -> bool:
    return isinstance(value, str)


def _is_object_with(value: typing.Any, id_pattern: typing.Pattern[str], *str_keys: str) -> bool:
    return (isinstance(value, dict) and _is_str(value.get("id")) and id_pattern.fullmatch(value["id"]) is not None
            and all(_is_str(value.get(key)) for key in str_keys))


def is_valid_success(body: typing.Any) -> bool:
    """An rtm.connect success as the client reads it: required keys typed, extra keys allowed, all JSON."""
    return (
        isinstance(body, dict)
        and body.get("ok") is True
        and _is_str(body.get("url"))
        and _is_object_with(body.get("team"), _TEAM_ID, "name", "domain")
        and _is_object_with(body.get("self"), _USER_ID, "name")
        and _is_json(body)
    )


def _depth(value: typing.Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _decode_like_a_strict_json_reader(raw: bytes) -> typing.Tuple[bool, typing.Any]:
    """(True, value) when ``raw`` is UTF-8 JSON without NaN/Infinity literals, else (False, None)."""

    def reject(name: str) -> typing.NoReturn:
        raise ValueError(name)

    try:
        return True, json.loads(raw.decode("utf-8"), parse_constant=reject)
    except (ValueError, RecursionError):
        return False, None


def test_oracle_agrees_with_the_fake_servers_success_body_and_rejects_obvious_mutants() -> None:
    with FakeSlackServer() as fake:
        body = fake.ok_body()
    assert is_valid_success(body)
    assert is_valid_success({**body, "warning": "superfluous_charset", "response_metadata": {"warnings": ["x"]}})
    assert not is_valid_success({**body, "ok": 1})
    assert not is_valid_success({**body, "team": {**body["team"], "id": "t123"}})
    assert not is_valid_success({**body, "self": {**body["self"], "id": "U1"}})
    assert not is_valid_success({**body, "extra": float("nan")})
    assert not is_valid_success({k: v for k, v in body.items() if k != "url"})


# --- strategies ----------------------------------------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(CHARACTERS, max_size=20))
json_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(CHARACTERS, max_size=8), children, max_size=4),
    ),
    max_leaves=15,
)
_extra = st.dictionaries(st.text(CHARACTERS, max_size=8).filter(lambda k: k not in ("ok", "url", "team", "self", "id")),
                         json_values, max_size=3)
# Built from characters rather than with st.from_regex, which draws the same strings at several times the cost.
_ID_TAILS = st.text(string.ascii_uppercase + string.digits, min_size=2, max_size=10)
team_ids = _ID_TAILS.map("T".__add__)  # T[A-Z0-9]{2,10}
user_ids = st.builds(operator.add, st.sampled_from("UW"), _ID_TAILS)  # [UW][A-Z0-9]{2,10}
_alphanumeric_words = st.builds(operator.add, st.sampled_from(string.ascii_letters),
                                st.text(string.ascii_letters + string.digits, max_size=10))  # [A-Za-z][A-Za-z0-9]{0,10}


@st.composite
def valid_bodies(draw: st.DrawFn) -> typing.Dict[str, typing.Any]:
    names = st.text(CHARACTERS, max_size=20)
    team = {"id": draw(team_ids), "name": draw(names), "domain": draw(names)}
    me = {"id": draw(user_ids), "name": draw(names)}
    body = {"ok": True, "url": draw(st.text(CHARACTERS, max_size=40)), "team": team, "self": me}
    if draw(st.booleans()):
        team.update(draw(_extra))
        me.update(draw(_extra))
        body.update(draw(_extra))
    return body


def _paths(value: typing.Any, prefix: typing.Tuple[typing.Any, ...] = ()) -> typing.List[typing.Tuple[typing.Any, ...]]:
    """Every path to a value inside ``value`` (the root is ``()``)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _get(value: typing.Any, path: typing.Tuple[typing.Any, ...]) -> typing.Any:
    for key in path:
        value = value[key]
    return value


def _set(body: typing.Any, path: typing.Tuple[typing.Any, ...], new: typing.Any) -> typing.Any:
    if not path:
        return new
    _get(body, path[:-1])[path[-1]] = new
    return body


def _nest(value: typing.Any, depth: int, as_list: bool) -> typing.Any:
    for _ in range(depth):
        value = [value] if as_list else {"n": value}
    return value


@st.composite
def mutated_bodies(draw: st.DrawFn) -> typing.Any:
    body = copy.deepcopy(draw(valid_bodies()))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(body)
        kind = draw(st.sampled_from(["drop", "retype", "change_id", "add_key", "ok", "nest", "wrap"]))
        if kind == "drop":
            keyed = [p for p in paths if p and isinstance(_get(body, p[:-1]), dict)]
            if keyed:
                path = draw(st.sampled_from(keyed))
                del _get(body, path[:-1])[path[-1]]
        elif kind == "retype":
            body = _set(body, draw(st.sampled_from(paths)), draw(json_values))
        elif kind == "change_id":
            owner = draw(st.sampled_from(["team", "self"]))
            if isinstance(body, dict) and isinstance(body.get(owner), dict):
                body[owner]["id"] = draw(st.one_of(
                    st.text(CHARACTERS, max_size=12),
                    _alphanumeric_words,
                    (team_ids if owner == "self" else user_ids),  # the other kind of ID
                    (user_ids if owner == "self" else team_ids).map(lambda s: s + "\n"),
                    (user_ids if owner == "self" else team_ids).map(str.lower),
                ))
        elif kind == "add_key":
            objects = [p for p in paths if isinstance(_get(body, p), dict)]
            if objects:
                _get(body, draw(st.sampled_from(objects)))[draw(st.text(CHARACTERS, max_size=8))] = draw(json_values)
        elif kind == "ok":
            if isinstance(body, dict):
                body["ok"] = draw(st.one_of(
                    st.sampled_from([1, 0, 1.0, "true", "True", None, [], {}, [True], False]), json_values))
        elif kind == "nest":
            objects = [p for p in paths if isinstance(_get(body, p), dict)]
            if objects:
                deep = _nest(draw(json_values), draw(st.integers(1, 90)), draw(st.booleans()))
                _get(body, draw(st.sampled_from(objects)))["deep"] = deep
        else:  # wrap an existing value: team -> [team], url -> {"n": url}
            path = draw(st.sampled_from(paths))
            body = _set(body, path, _nest(_get(body, path), draw(st.integers(1, 3)), draw(st.booleans())))
    return body


# --- one server per property ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake() -> typing.Iterator[FakeSlackServer]:
    with FakeSlackServer() as server:
        yield server


@pytest.fixture(scope="module")
def api(fake: FakeSlackServer) -> typing.Iterator[RtmApi]:
    with slack.ApiClient(slack.Configuration(host=fake.host, timeout=5)) as client:
        yield RtmApi(client)


@pytest.fixture(scope="module")
def retrying_api(fake: FakeSlackServer) -> typing.Iterator[RtmApi]:
    configuration = slack.Configuration(host=fake.host, timeout=5, retries=2, max_retry_after=0.2)
    with slack.ApiClient(configuration) as client:
        yield RtmApi(client)


def _as_plain_json(body: typing.Any) -> typing.Any:
    return json.loads(json.dumps(body, cls=api_client.JSONEncoder))


def _check_body_outcome(fake: FakeSlackServer, api: RtmApi, raw: bytes) -> None:
    decoded, data = _decode_like_a_strict_json_reader(raw)
    expected_success = decoded and is_valid_success(data)
    sent = len(fake.requests)
    fake.queue_reply(200, None, raw)

    result = outcome(api)

    assert len(fake.requests) == sent + 1  # the queued reply was used, and only once
    if isinstance(result, slack.ApiException):
        assert type(result) is slack.ApiException and result.status == 200
        assert result.body == raw
        if expected_success:
            # Only refusal of a valid success allowed: nesting beyond what Python's recursion allows.
            assert _depth(data) > MAX_EXACT_DEPTH, f"valid success refused: {result}"
        if decoded and isinstance(data, dict) and data.get("ok") is False and isinstance(data.get("error"), str):
            assert result.error == data["error"]
    else:
        assert isinstance(result, ApiResponseFor200)
        assert expected_success, f"accepted a body the oracle rejects: {raw[:200]!r}"
        assert _as_plain_json(result.body) == data  # nothing added, dropped or changed


# --- bodies --------------------------------------------------------------------------------------


@FUZZ
@given(body=json_values)
def test_any_json_value_as_body_ends_in_success_exactly_when_valid_or_api_exception(
    fake: FakeSlackServer, api: RtmApi, body: typing.Any
) -> None:
    _check_body_outcome(fake, api, json.dumps(body).encode())


@FUZZ
@given(body=st.one_of(valid_bodies(), mutated_bodies()))
@example(body={"ok": True, "url": "u", "team": {"id": "T12", "name": "", "domain": ""},
               "self": {"id": "W12", "name": ""}, "x": float("inf")})
@example(body={"ok": True, "url": "u", "team": {"id": "T12\n", "name": "", "domain": ""},
               "self": {"id": "U12", "name": ""}})
def test_mutations_of_the_success_body_end_in_success_exactly_when_still_valid(
    fake: FakeSlackServer, api: RtmApi, body: typing.Any
) -> None:
    _check_body_outcome(fake, api, json.dumps(body).encode())


@pytest.mark.parametrize("ok", [True, False])
@pytest.mark.parametrize("depth", [50, 150, 300, 990, 5000, 100_000])
def test_deeply_nested_extra_values_end_in_success_or_api_exception(
    fake: FakeSlackServer, api: RtmApi, ok: bool, depth: int
) -> None:
    head = SUCCESS_BODY if ok else b'{"ok": false, "error": "invalid_auth"}'
    raw = head[:-1] + b', "deep": ' + b"[" * depth + b"]" * depth + b"}"
    _check_body_outcome(fake, api, raw)


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    raw = bytearray(SUCCESS_BODY)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "truncate", "flip"]))
        if action == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del raw[at:at + draw(st.integers(1, 4))]
        elif action == "truncate":
            del raw[at:]
        elif raw:
            raw[min(at, len(raw) - 1)] ^= 1 << draw(st.integers(0, 7))
    return bytes(raw)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=200), damaged_bytes()))
@example(raw=SUCCESS_BODY)
@example(raw=b"\xef\xbb\xbf" + SUCCESS_BODY)  # a UTF-8 BOM is not JSON
@example(raw=SUCCESS_BODY[:-1] + b', "x": NaN}')
@example(raw=SUCCESS_BODY[:-1] + b', "x": 1e400}')  # Python reads this as inf
@example(raw=SUCCESS_BODY[:-1] + b', "x": -Infinity}')
@example(raw=SUCCESS_BODY[:-1] + b', "x": "\\ud800"}')  # a lone surrogate is still a JSON string
@example(raw=SUCCESS_BODY + b"  \r\n\t")
@example(raw=b"[" * 100_000)
@example(raw=b'{"ok": true, "ok": false, "error": "invalid_auth"}')
@example(raw=b"")
def test_arbitrary_bytes_end_in_success_exactly_when_valid_json_success_or_api_exception(
    fake: FakeSlackServer, api: RtmApi, raw: bytes
) -> None:
    _check_body_outcome(fake, api, raw)


# --- Content-Type --------------------------------------------------------------------------------

_latin1_header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"), max_size=40)
content_types = st.one_of(
    _latin1_header_text,
    st.sampled_from([
        "application/json", "APPLICATION/JSON", "application/json; charset=utf-8", " application/json ;charset=latin-1",
        "application/vnd.slack+json", "text/json", "text/html", "application/jsonx", "application/json-seq",
        "application/x-www-form-urlencoded", "json", "application/", ";", "", "application/json\t;\tq=1",
    ]),
    st.tuples(st.sampled_from(["application/json", "application/problem+json", "text/plain"]), _latin1_header_text)
      .map(lambda parts: f"{parts[0]};{parts[1]}"),
)


@FUZZ
@given(content_type=content_types, valid=st.booleans())
@example(content_type="application/json; charset=utf-8", valid=True)
@example(content_type="text/html", valid=True)
def test_any_content_type_ends_in_success_or_api_exception(
    fake: FakeSlackServer, api: RtmApi, content_type: str, valid: bool
) -> None:
    raw = SUCCESS_BODY if valid else b'{"ok": false, "error": "invalid_auth"}'
    media = content_type.split(";", 1)[0].strip().lower()
    fake.queue_reply(200, {"Content-Type": content_type, "Connection": "close"}, raw)

    result = outcome(api)

    if isinstance(result, slack.ApiException):
        assert type(result) is slack.ApiException and result.status == 200
        assert not (valid and media == "application/json"), f"valid JSON refused under {content_type!r}"
    else:
        assert valid and "json" in content_type.lower(), f"accepted under {content_type!r}"


def test_missing_content_type_is_an_api_exception(fake: FakeSlackServer, api: RtmApi) -> None:
    fake.queue_reply(200, {}, SUCCESS_BODY)

    result = outcome(api)

    assert type(result) is slack.ApiException
    assert "Content-Type" in str(result)


# --- Retry-After ---------------------------------------------------------------------------------


retry_afters = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(-1000, -1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(10**5, 10**400).map(str),
    st.floats(-1e6, 1e6).map(http_date),
    st.sampled_from(["", " ", "0", " 1 ", "1.5", "0.1", "1e3", "+5", "0x10", "Fri, 31 Dec 1999 23:59:59 GMT",
                     "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 99 Foo 2020 99:99:99 GMT", "0 0 0 0", "Tue, 1 Jan 1970",
                     "inf", "nan", "NaN", "-0", "\u00a05\u00a0", "\u00bd"]),
    _latin1_header_text,
)


def _plain_seconds(value: str) -> typing.Optional[float]:
    """The delay of a plain ``delta-seconds`` value (ASCII digits only; inf beyond float's range), else None."""
    return float(value) if re.fullmatch(r"[0-9]+", value) else None


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(retry_after=retry_afters)
@example(retry_after="0")
@example(retry_after="1")
@example(retry_after="30")
def test_any_retry_after_on_a_429_ends_in_success_or_api_exception_without_a_long_wait(
    fake: FakeSlackServer, retrying_api: RtmApi, retry_after: str, planned_waits: typing.List[float]
) -> None:
    sent, waited = len(fake.requests), len(planned_waits)
    fake.queue_rate_limited(retry_after)

    result = outcome(retrying_api)

    waits = planned_waits[waited:]
    assert all(wait <= 0.2 for wait in waits)  # never waits out a long or absurd Retry-After
    seconds = _plain_seconds(retry_after)
    if isinstance(result, slack.ApiException):
        assert type(result) is slack.ApiException
        assert (result.status, result.error) == (429, "ratelimited")
        assert len(fake.requests) == sent + 1  # handed back at once, not retried
        assert waits == []
        assert result.retry_after is None or result.retry_after > 0.2
        if seconds is not None:
            assert seconds >= 1
            assert result.retry_after == seconds
    else:
        assert isinstance(result, ApiResponseFor200)
        assert len(fake.requests) == sent + 2  # one 429, then the retried call
        assert seconds is None or seconds == 0
