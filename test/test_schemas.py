"""Schema classes: what each accepts, what it rejects, and what a rejection says."""
import datetime
import math
import re
import sys
import typing
import uuid

import frozendict
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import slack
from slack import schemas
from slack.exceptions import ApiTypeError, ApiValueError
from slack.model.defs_ok_false import DefsOkFalse
from slack.model.defs_ok_true import DefsOkTrue
from slack.model.defs_team import DefsTeam
from slack.model.defs_user_id import DefsUserId
from slack.paths.rtm_connect.get import SchemaFor0ResponseBodyApplicationJson, SchemaFor200ResponseBodyApplicationJson

from conftest import CHARACTERS, success_body

FAST = settings(max_examples=50, deadline=None)

Body200 = SchemaFor200ResponseBodyApplicationJson
Body0 = SchemaFor0ResponseBodyApplicationJson


ok_body = success_body


# --- StrSchema --------------------------------------------------------------------------------------


@given(st.text(CHARACTERS, max_size=50))
@FAST
def test_str_schema_accepts_any_str_and_returns_an_equal_str_instance(value: str) -> None:
    result = schemas.StrSchema(value)

    assert isinstance(result, schemas.StrSchema)
    assert isinstance(result, str)
    assert result == value


@pytest.mark.parametrize("value", [1, 1.5, True, None, b"bytes", ["a"], {"a": "b"}])
def test_str_schema_rejects_non_str_with_api_type_error(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^StrSchema must be a str, got "):
        schemas.StrSchema(value)


# --- IntSchema, Int32Schema, Int64Schema ---------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1, 7, 2**100])
def test_int_schema_accepts_ints(value: int) -> None:
    result = schemas.IntSchema(value)

    assert isinstance(result, schemas.IntSchema) and isinstance(result, int)
    assert result == value


@pytest.mark.parametrize("value", [True, False, 1.0, 1.5, "1", None])
def test_int_schema_rejects_bool_float_and_str(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^IntSchema must be an int, got "):
        schemas.IntSchema(value)


@pytest.mark.parametrize(
    "cls, low, high",
    [(schemas.Int32Schema, -(2**31), 2**31 - 1), (schemas.Int64Schema, -(2**63), 2**63 - 1)],
)
def test_int32_and_int64_accept_their_range_and_reject_one_past_it(
    cls: typing.Type[schemas.IntSchema], low: int, high: int
) -> None:
    assert cls(low) == low
    assert cls(high) == high
    assert cls(0) == 0
    for outside in (low - 1, high + 1):
        with pytest.raises(ApiValueError, match="out of range"):
            cls(outside)


# --- NumberSchema -------------------------------------------------------------------------------------


@given(st.one_of(st.integers(min_value=-(2**53), max_value=2**53), st.floats(allow_nan=False, allow_infinity=False)))
@FAST
def test_number_schema_accepts_finite_numbers_as_float(value: typing.Union[int, float]) -> None:
    result = schemas.NumberSchema(value)

    assert isinstance(result, schemas.NumberSchema) and isinstance(result, float)
    assert result == value


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 10**400, -(10**400)])
def test_number_schema_rejects_nan_infinity_and_ints_too_big_for_a_float(value: typing.Any) -> None:
    with pytest.raises(ApiValueError, match="must be a finite number"):
        schemas.NumberSchema(value)


def test_number_schema_takes_the_largest_finite_float_and_int_but_no_int_beyond() -> None:
    largest = sys.float_info.max

    assert schemas.NumberSchema(largest) == largest and schemas.NumberSchema(-largest) == -largest
    assert schemas.NumberSchema(int(largest)) == largest
    # int(largest) + 1 still rounds to a finite float, but it is beyond float's range.
    for beyond in (int(largest) + 1, -int(largest) - 1):
        with pytest.raises(ApiValueError, match="must be a finite number"):
            schemas.NumberSchema(beyond)


@pytest.mark.parametrize("value", [True, "1.5", None, [1.0]])
def test_number_schema_rejects_bool_and_non_numbers(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match="must be a number"):
        schemas.NumberSchema(value)


# --- BoolSchema / BoolClass ------------------------------------------------------------------------


def test_bool_schema_values_are_boolclass_with_bool_truthiness_and_equality() -> None:
    true, false = schemas.BoolSchema(True), schemas.BoolSchema(False)

    assert isinstance(true, schemas.BoolClass) and isinstance(true, schemas.BoolSchema)
    assert bool(true) is True and bool(false) is False
    assert true == True  # noqa: E712 -- equality with the Python bool is the promise under test
    assert false == False  # noqa: E712
    assert true != False  # noqa: E712
    assert true != false
    assert true.is_true_oapg() and false.is_false_oapg()
    assert not true.is_false_oapg() and not false.is_true_oapg()
    # A JSON true is not the number 1.
    assert true != 1 and false != 0


def test_boolclass_hashes_like_bool_so_it_works_as_a_dict_key() -> None:
    assert hash(schemas.BoolClass(True)) == hash(True)
    assert hash(schemas.BoolClass(False)) == hash(False)
    assert {True: "yes"}[schemas.BoolSchema(True)] == "yes"
    assert {schemas.BoolClass(True), schemas.BoolSchema(True), True} == {True}


def test_boolclass_values_are_singletons_per_class() -> None:
    assert schemas.BoolClass(True) is schemas.BoolClass.TRUE
    assert schemas.BoolClass(False) is schemas.BoolClass.FALSE
    assert schemas.BoolSchema(True) is schemas.BoolSchema(True)
    assert schemas.BoolSchema(False) is schemas.BoolSchema(schemas.BoolClass(False))
    assert DefsOkTrue(True) is DefsOkTrue(True)
    assert DefsOkTrue(True) is not schemas.BoolSchema(True)


@pytest.mark.parametrize("value", [1, 0, "true", "false", None, [], 1.0])
def test_bool_schema_rejects_everything_but_bool(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^BoolSchema must be a bool, got "):
        schemas.BoolSchema(value)


# --- NoneSchema / NoneClass ------------------------------------------------------------------------


def test_none_schema_gives_a_falsy_singleton_equal_to_none() -> None:
    value = schemas.NoneSchema(None)

    assert isinstance(value, schemas.NoneClass) and isinstance(value, schemas.NoneSchema)
    assert not value
    assert value == None  # noqa: E711 -- equality with None is the promise under test
    assert hash(value) == hash(None)
    assert value.is_none_oapg()
    assert schemas.NoneSchema(None) is value
    assert schemas.NoneClass() is schemas.NoneClass.NONE


@pytest.mark.parametrize("value", [0, "", False, [], {}, "null"])
def test_none_schema_rejects_falsy_non_none_values(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^NoneSchema must be None, got "):
        schemas.NoneSchema(value)


# --- DictSchema / ListSchema -----------------------------------------------------------------------


def test_dict_schema_gives_an_immutable_frozendict() -> None:
    value = schemas.DictSchema({"a": 1, "b": {"c": [True]}})

    assert isinstance(value, frozendict.frozendict) and isinstance(value, schemas.DictSchema)
    assert value == {"a": 1, "b": {"c": (True,)}}
    assert isinstance(value["b"], frozendict.frozendict)
    assert value["b"]["c"] == (True,)
    with pytest.raises(TypeError):
        value["a"] = 2  # type: ignore[index]
    with pytest.raises(TypeError):
        del value["a"]  # type: ignore[attr-defined]
    assert value["a"] == 1
    assert hash(value) == hash(schemas.DictSchema({"a": 1, "b": {"c": [True]}}))


@pytest.mark.parametrize("value", [[("a", 1)], "ab", 1, None, True])
def test_dict_schema_rejects_non_mappings(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^DictSchema must be an object \(dict\), got "):
        schemas.DictSchema(value)


def test_dict_schema_rejects_non_str_keys() -> None:
    with pytest.raises(ApiTypeError, match="key that is not a str"):
        schemas.DictSchema({1: "a"})


def test_list_schema_gives_a_tuple_from_list_or_tuple() -> None:
    from_list = schemas.ListSchema([1, "a", None])
    from_tuple = schemas.ListSchema((1, "a", None))

    assert isinstance(from_list, tuple) and isinstance(from_list, schemas.ListSchema)
    assert from_list == from_tuple == (1, "a", None)
    assert isinstance(from_list[2], schemas.NoneClass)


@pytest.mark.parametrize("value", ["abc", {"a": 1}, 1, None, {1, 2}])
def test_list_schema_rejects_non_arrays(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match=r"^ListSchema must be an array"):
        schemas.ListSchema(value)


def test_list_schema_validates_each_item_with_its_index_in_the_path() -> None:
    class Ids(schemas.ListSchema):
        class MetaOapg:
            items = DefsTeam

    assert Ids(["T123", "T456"]) == ("T123", "T456")
    assert all(isinstance(item, DefsTeam) for item in Ids(["T123"]))
    with pytest.raises(ApiValueError) as info:
        Ids(["T123", "nope"])
    assert info.value.path_to_item == (1,)
    assert str(info.value).startswith("Ids[1] must match pattern")


# --- formats -----------------------------------------------------------------------------------------


def test_date_schema_accepts_full_dates_and_gives_a_date() -> None:
    value = schemas.DateSchema("2024-02-29")

    assert value == "2024-02-29" and isinstance(value, str)
    assert value.as_date_oapg == datetime.date(2024, 2, 29)


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13-01", "2024-2-1", "20240229", "2024-02-29T00:00:00Z", "x"])
def test_date_schema_rejects_what_is_not_a_full_date(value: str) -> None:
    with pytest.raises(ApiValueError, match="full-date"):
        schemas.DateSchema(value)


def test_date_time_schema_accepts_rfc3339_and_gives_an_aware_datetime() -> None:
    value = schemas.DateTimeSchema("2024-01-02T03:04:05.250+02:00")

    expected = datetime.datetime(2024, 1, 2, 3, 4, 5, 250000, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert value.as_datetime_oapg == expected
    assert schemas.DateTimeSchema("2024-01-02T03:04:05Z").as_datetime_oapg == datetime.datetime(
        2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("value", ["2024-01-02", "2024-01-32T00:00:00Z", "yesterday", "2024-01-02T25:00:00Z", ""])
def test_date_time_schema_rejects_dates_alone_and_nonsense(value: str) -> None:
    with pytest.raises(ApiValueError, match="date-time"):
        schemas.DateTimeSchema(value)


@given(st.uuids())
@FAST
def test_uuid_schema_accepts_every_uuid_spelling(value: uuid.UUID) -> None:
    assert schemas.UUIDSchema(str(value)) == str(value)
    assert schemas.UUIDSchema(str(value).upper()) == str(value).upper()
    assert isinstance(schemas.UUIDSchema(value.hex), schemas.UUIDSchema)


@pytest.mark.parametrize("value", ["", "1234", "12345678-1234-1234-1234-12345678zzzz", "not-a-uuid"])
def test_uuid_schema_rejects_what_is_not_a_uuid(value: str) -> None:
    with pytest.raises(ApiValueError, match="not a valid uuid"):
        schemas.UUIDSchema(value)


@pytest.mark.parametrize(
    "cls, attribute, problem",
    [(schemas.DateSchema, "as_date_oapg", "full-date"), (schemas.DateTimeSchema, "as_datetime_oapg", "date-time")],
)
def test_a_date_taken_unchecked_raises_api_value_error_when_read_as_a_date(
    cls: typing.Type[schemas.StrSchema], attribute: str, problem: str
) -> None:
    unchecked = cls("2024-01", _configuration=slack.Configuration(disabled_client_side_validations="format"))

    with pytest.raises(ApiValueError, match=f"^value is not a valid RFC 3339 {problem}"):
        getattr(unchecked, attribute)


def test_format_schemas_still_require_a_str() -> None:
    for cls in (schemas.DateSchema, schemas.DateTimeSchema, schemas.UUIDSchema):
        with pytest.raises(ApiTypeError, match="must be a str"):
            cls(20240101)


# --- AnyTypeSchema -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, base",
    [
        ("text", str),
        (3, int),
        (2.5, float),
        (True, schemas.BoolClass),
        (None, schemas.NoneClass),
        ({"k": 1}, frozendict.frozendict),
        ([1, 2], tuple),
    ],
)
def test_any_type_values_are_any_type_schema_and_their_base_type(value: typing.Any, base: type) -> None:
    result = schemas.AnyTypeSchema(value)

    assert isinstance(result, schemas.AnyTypeSchema)
    assert isinstance(result, base)
    assert result == (tuple(value) if isinstance(value, list) else value)


@pytest.mark.parametrize(
    "value, base",
    [
        (schemas.StrSchema("text"), str),
        (DefsTeam("T123"), str),
        (schemas.IntSchema(3), int),
        (schemas.NumberSchema(2.5), float),
        (DefsOkTrue(True), schemas.BoolClass),
        (schemas.NoneSchema(None), schemas.NoneClass),
        (schemas.DictSchema({"k": 1}), frozendict.frozendict),
        (frozendict.frozendict({"k": 1}), frozendict.frozendict),
        (schemas.ListSchema([1]), tuple),
    ],
)
def test_any_type_takes_values_of_other_schema_classes_by_their_base_type(value: typing.Any, base: type) -> None:
    result = schemas.AnyTypeSchema(value)

    assert isinstance(result, schemas.AnyTypeSchema) and isinstance(result, base)
    assert result == value


def test_any_type_converts_nested_values_too() -> None:
    result = schemas.AnyTypeSchema({"list": [1, {"deep": None}], "flag": False})

    assert isinstance(result["list"], schemas.AnyTypeSchema) and isinstance(result["list"], tuple)
    assert isinstance(result["list"][0], int) and isinstance(result["list"][0], schemas.AnyTypeSchema)
    assert isinstance(result["list"][1]["deep"], schemas.NoneClass)
    assert isinstance(result["flag"], schemas.BoolClass) and not result["flag"]


def test_any_type_subclasses_are_made_once_not_per_value() -> None:
    assert type(schemas.AnyTypeSchema("a")) is type(schemas.AnyTypeSchema("b"))
    assert type(schemas.AnyTypeSchema({"a": 1})) is type(schemas.AnyTypeSchema({}))


@pytest.mark.parametrize("value", [b"bytes", {1, 2}, object(), datetime.date(2024, 1, 1)])
def test_any_type_rejects_what_is_not_json(value: typing.Any) -> None:
    with pytest.raises(ApiTypeError, match="must be a JSON value"):
        schemas.AnyTypeSchema(value)


# --- MetaOapg keywords ---------------------------------------------------------------------------------


class Color(schemas.StrSchema):
    class MetaOapg:
        enum_value_to_name = {"red": "RED", "green": "GREEN"}


class Code(schemas.StrSchema):
    class MetaOapg:
        regex = r"^[a-z]{2}\d$"
        min_length = 3
        max_length = 3


class Name(schemas.StrSchema):
    class MetaOapg:
        min_length = 2
        max_length = 4


class Percent(schemas.IntSchema):
    class MetaOapg:
        inclusive_minimum = 0
        inclusive_maximum = 100


class Ratio(schemas.NumberSchema):
    class MetaOapg:
        inclusive_minimum = 0.0
        inclusive_maximum = 1.0


class Pair(schemas.ListSchema):
    class MetaOapg:
        min_items = 2
        max_items = 2


class Small(schemas.IntSchema):
    class MetaOapg:
        enum = (1, 2, 3)


def test_enum_accepts_listed_values_and_names_them_as_class_constants() -> None:
    assert Color("red") == "red"
    assert Color.RED == "red" and Color.GREEN == "green"  # type: ignore[attr-defined]
    assert Small(2) == 2
    with pytest.raises(ApiValueError, match=r"^Color must be one of 'red', 'green'$"):
        Color("blue")
    with pytest.raises(ApiValueError, match=r"^Small must be one of 1, 2, 3$"):
        Small(4)


def test_regex_and_length_rules() -> None:
    assert Code("ab1") == "ab1"
    with pytest.raises(ApiValueError, match="must match pattern"):
        Code("AB1")
    assert Name("ab") == "ab" and Name("abcd") == "abcd"
    with pytest.raises(ApiValueError, match="breaks minLength=2"):
        Name("a")
    with pytest.raises(ApiValueError, match="breaks maxLength=4"):
        Name("abcde")


def test_inclusive_minimum_and_maximum_include_their_bounds() -> None:
    assert Percent(0) == 0 and Percent(100) == 100
    assert Ratio(0) == 0.0 and Ratio(1.0) == 1.0
    with pytest.raises(ApiValueError, match="breaks minimum=0"):
        Percent(-1)
    with pytest.raises(ApiValueError, match="breaks maximum=100"):
        Percent(101)
    with pytest.raises(ApiValueError, match=r"breaks maximum=1\.0"):
        Ratio(1.0000001)


def test_min_and_max_items() -> None:
    assert Pair([1, 2]) == (1, 2)
    with pytest.raises(ApiValueError, match="breaks minItems=2"):
        Pair([1])
    with pytest.raises(ApiValueError, match="breaks maxItems=2"):
        Pair([1, 2, 3])


# --- construction ------------------------------------------------------------------------------------


def test_object_schemas_are_built_by_mapping_by_keywords_or_both() -> None:
    team_cls = Body200.MetaOapg.properties.team
    by_mapping = team_cls({"id": "T123", "name": "Acme", "domain": "acme"})
    by_keywords = team_cls(id="T123", name="Acme", domain="acme")
    by_both = team_cls({"id": "T123"}, name="Acme", domain="acme")

    assert by_mapping == by_keywords == by_both == {"id": "T123", "name": "Acme", "domain": "acme"}
    assert type(by_keywords) is team_cls
    assert isinstance(by_keywords["id"], DefsTeam)


def test_response_body_is_built_by_keywords_including_the_key_named_self() -> None:
    body = Body200(
        ok=True,
        url="wss://example/ws",
        team={"id": "T123", "name": "Acme", "domain": "acme"},
        self={"id": "U123", "name": "bot"},
    )

    assert body == ok_body(url="wss://example/ws", team={"id": "T123", "name": "Acme", "domain": "acme"},
                           self={"id": "U123", "name": "bot"})
    assert isinstance(body["self"], Body200.MetaOapg.properties.self)
    assert isinstance(body["self"]["id"], DefsUserId)


def test_from_openapi_data_oapg_validates_json_data() -> None:
    body = Body200.from_openapi_data_oapg(ok_body())

    assert type(body) is Body200
    assert body["ok"] is DefsOkTrue(True)
    with pytest.raises(ApiTypeError, match="missing required key 'url'"):
        Body200.from_openapi_data_oapg({k: v for k, v in ok_body().items() if k != "url"})


def test_bad_construction_calls_raise_api_type_error() -> None:
    with pytest.raises(ApiTypeError, match="needs a value"):
        schemas.StrSchema()
    with pytest.raises(ApiTypeError, match="takes one positional value, got 2"):
        schemas.StrSchema("a", "b")
    with pytest.raises(ApiTypeError, match="keywords only for an object schema"):
        schemas.StrSchema("a", extra=1)


@pytest.mark.parametrize(
    "cls, value",
    [
        (schemas.StrSchema, DefsTeam("T123")),
        (schemas.IntSchema, Percent(5)),
        (schemas.NumberSchema, schemas.IntSchema(3)),
        (schemas.NumberSchema, Ratio(0.5)),
        (schemas.BoolSchema, DefsOkTrue(True)),
        (DefsOkFalse, schemas.BoolSchema(False)),
    ],
)
def test_a_value_of_another_schema_class_of_the_same_kind_is_taken_as_this_class(
    cls: typing.Type[schemas.Schema], value: typing.Any
) -> None:
    result = cls(value)

    assert type(result) is cls
    assert result == value


def test_a_boolean_of_another_schema_class_still_meets_this_class_enum() -> None:
    class OneOrTrue(schemas.AnyTypeSchema):
        class MetaOapg:
            enum = (1, True)  # a set of these holds 1 alone, which equals True but no BoolClass

    assert DefsOkTrue(schemas.BoolSchema(True)) is DefsOkTrue(True)
    assert OneOrTrue(schemas.BoolSchema(True)) == True  # noqa: E712
    assert OneOrTrue(schemas.BoolClass(True)) == True  # noqa: E712
    with pytest.raises(ApiValueError, match=r"^DefsOkTrue must be one of True$"):
        DefsOkTrue(schemas.BoolSchema(False))


def test_validating_a_validated_value_returns_it_unchanged() -> None:
    team = DefsTeam("T123")
    body = Body200(ok_body())

    assert DefsTeam(team) is team
    assert Body200(body) is body
    # A value of another schema class is checked again under this one's rules.
    assert type(DefsTeam(schemas.StrSchema("T123"))) is DefsTeam
    with pytest.raises(ApiValueError):
        DefsTeam(schemas.StrSchema("U123"))


# --- errors: type, path, message -------------------------------------------------------------------------


def test_nested_error_has_path_to_item_and_names_the_path() -> None:
    with pytest.raises(ApiValueError) as info:
        Body200(ok_body(team={"id": "X123", "name": "Acme", "domain": "acme"}))

    assert info.value.path_to_item == ("team", "id")
    assert str(info.value).startswith("SchemaFor200ResponseBodyApplicationJson['team']['id'] must match pattern")


def test_nested_type_error_has_path_to_item_and_names_the_type() -> None:
    with pytest.raises(ApiTypeError) as info:
        Body200(ok_body(self={"id": "U123", "name": 42}))

    assert info.value.path_to_item == ("self", "name")
    assert str(info.value) == "SchemaFor200ResponseBodyApplicationJson['self']['name'] must be a str, got int"


def test_missing_nested_key_names_the_object_and_the_key() -> None:
    with pytest.raises(ApiTypeError) as info:
        Body200(ok_body(team={"id": "T123", "name": "Acme"}))

    assert info.value.path_to_item == ("team",)
    assert str(info.value) == "SchemaFor200ResponseBodyApplicationJson['team'] is missing required key 'domain'"


def test_undeclared_key_is_rejected_when_strict() -> None:
    with pytest.raises(ApiTypeError, match=r"\['team'\] has an unexpected key 'icon'"):
        Body200(ok_body(team={"id": "T123", "name": "Acme", "domain": "acme", "icon": "x"}))


def test_input_errors_are_openapi_exceptions_and_builtin_errors() -> None:
    assert issubclass(ApiTypeError, TypeError) and issubclass(ApiTypeError, slack.OpenApiException)
    assert issubclass(ApiValueError, ValueError) and issubclass(ApiValueError, slack.OpenApiException)


_SECRET = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=20).map(
    lambda s: "sekrit-" + s)


@given(_SECRET)
@FAST
def test_value_errors_never_echo_the_bad_value(value: str) -> None:
    checks: typing.List[typing.Callable[[], typing.Any]] = [
        lambda: DefsTeam(value),
        lambda: DefsUserId(value),
        lambda: Body200(ok_body(team={"id": value, "name": "n", "domain": "d"})),
        lambda: Body0({"ok": False, "error": value}),
        lambda: Color(value),
        lambda: schemas.UUIDSchema(value),
        lambda: schemas.DateSchema(value),
        lambda: schemas.DateTimeSchema(value),
    ]
    for check in checks:
        with pytest.raises(ApiValueError) as info:
            check()
        assert value not in str(info.value)
        assert "sekrit" not in repr(info.value.args)


@given(st.one_of(st.integers(min_value=10**6), st.binary(min_size=8).map(lambda b: b"sekrit" + b)))
@FAST
def test_type_errors_never_echo_the_bad_value(value: typing.Any) -> None:
    for check in (lambda: schemas.StrSchema(value), lambda: DefsTeam(value),
                  lambda: Body200(ok_body(url=value))):
        with pytest.raises(ApiTypeError) as info:
            check()
        assert str(value) not in str(info.value)
        assert "sekrit" not in str(info.value)


# --- the four models -----------------------------------------------------------------------------------


def test_models_are_importable_from_their_modules_and_from_slack_models() -> None:
    import slack.models

    assert slack.models.DefsTeam is DefsTeam
    assert slack.models.DefsUserId is DefsUserId
    assert slack.models.DefsOkTrue is DefsOkTrue
    assert slack.models.DefsOkFalse is DefsOkFalse
    assert set(slack.models.__all__) == {"DefsTeam", "DefsUserId", "DefsOkTrue", "DefsOkFalse"}


_TEAM_PATTERN = r"[T][A-Z0-9]{2,}"
_USER_PATTERN = r"[UW][A-Z0-9]{2,}"


@given(st.from_regex(_TEAM_PATTERN, fullmatch=True, alphabet=CHARACTERS))
@FAST
def test_defs_team_accepts_every_str_matching_its_pattern(value: str) -> None:
    team = DefsTeam(value)

    assert team == value and isinstance(team, str) and isinstance(team, DefsTeam)


@given(st.text(CHARACTERS, max_size=12))
@example("T1")
@example("t123")
@example("T12a")
@example("U123")
@example("T12\n")
@example("\nT12")
@example(" T12")
@FAST
def test_defs_team_rejects_every_str_not_matching_its_pattern(value: str) -> None:
    if re.fullmatch(_TEAM_PATTERN, value):
        assert DefsTeam(value) == value
    else:
        with pytest.raises(ApiValueError, match=r"^DefsTeam must match pattern '\^\[T\]\[A-Z0-9\]\{2,\}\$'$"):
            DefsTeam(value)


@given(st.from_regex(_USER_PATTERN, fullmatch=True, alphabet=CHARACTERS))
@FAST
def test_defs_user_id_accepts_u_and_w_ids(value: str) -> None:
    assert DefsUserId(value) == value


@given(st.text(CHARACTERS, max_size=12))
@example("W1")
@example("T123")
@example("U123\n")
@example("u123")
@FAST
def test_defs_user_id_rejects_every_str_not_matching_its_pattern(value: str) -> None:
    if re.fullmatch(_USER_PATTERN, value):
        assert DefsUserId(value) == value
    else:
        with pytest.raises(ApiValueError, match=r"^DefsUserId must match pattern"):
            DefsUserId(value)


def test_defs_ok_true_and_false_accept_only_their_own_boolean() -> None:
    assert DefsOkTrue(True) == True  # noqa: E712
    assert DefsOkFalse(False) == False  # noqa: E712
    assert isinstance(DefsOkTrue(True), schemas.BoolClass)
    with pytest.raises(ApiValueError, match=r"^DefsOkTrue must be one of True$"):
        DefsOkTrue(False)
    with pytest.raises(ApiValueError, match=r"^DefsOkFalse must be one of False$"):
        DefsOkFalse(True)
    with pytest.raises(ApiTypeError):
        DefsOkTrue("true")


def test_error_schema_enum_lists_the_documented_codes() -> None:
    error_cls = Body0.MetaOapg.properties.error
    documented = [
        "not_authed", "invalid_auth", "account_inactive", "token_revoked", "no_permission", "invalid_arg_name",
        "invalid_array_arg", "invalid_charset", "invalid_form_data", "invalid_post_type", "missing_post_type",
        "team_added_to_org", "invalid_json", "json_not_object", "request_timeout", "upgrade_required", "fatal_error",
    ]
    assert list(error_cls.MetaOapg.enum_value_to_name) == documented
    for code in documented:
        assert Body0({"ok": False, "error": code})["error"] == code
        assert getattr(error_cls, code.upper()) == code
    with pytest.raises(ApiValueError, match=r"\['error'\] must be one of"):
        Body0({"ok": False, "error": "missing_scope"})


def test_error_schema_has_optional_callstack() -> None:
    body = Body0({"ok": False, "error": "fatal_error", "callstack": "#0 main.php"})

    assert body["callstack"] == "#0 main.php"
    assert "callstack" not in Body0({"ok": False, "error": "fatal_error"})


# --- configuration: disabled validations ---------------------------------------------------------------


def test_disabled_pattern_validation_lets_any_str_through_when_passed_as_configuration() -> None:
    configuration = slack.Configuration(disabled_client_side_validations="pattern")

    assert DefsTeam("not-a-team", _configuration=configuration) == "not-a-team"
    assert DefsTeam.validate_oapg("lower", configuration) == "lower"
    body = Body200(ok_body(team={"id": "x", "name": "n", "domain": "d"}), _configuration=configuration)
    assert body["team"]["id"] == "x"
    # Types are still checked, and other configurations are unaffected.
    with pytest.raises(ApiTypeError):
        DefsTeam(5, _configuration=configuration)
    with pytest.raises(ApiValueError):
        DefsTeam("not-a-team")


def test_disabled_enum_and_length_validations() -> None:
    configuration = slack.Configuration(disabled_client_side_validations="enum,minLength")

    assert Color("blue", _configuration=configuration) == "blue"
    assert DefsOkTrue(False, _configuration=configuration) == False  # noqa: E712
    assert Name("a", _configuration=configuration) == "a"
    with pytest.raises(ApiValueError, match="maxLength"):
        Name("abcdef", _configuration=configuration)


# For each keyword, a schema that declares it and a value that breaks it.
_BREAKS: typing.Dict[str, typing.Tuple[typing.Type[schemas.Schema], typing.Any]] = {
    "enum": (Small, 4),
    "pattern": (DefsTeam, "nope"),
    "minLength": (Name, "a"),
    "maxLength": (Name, "abcde"),
    "minimum": (Percent, -1),
    "maximum": (Percent, 101),
    "minItems": (Pair, [1]),
    "maxItems": (Pair, [1, 2, 3]),
    "format": (schemas.UUIDSchema, "not-a-uuid"),
}


def test_json_keywords_are_the_keywords_schemas_check() -> None:
    assert schemas.JSON_KEYWORDS == set(_BREAKS)


@pytest.mark.parametrize("keyword", sorted(_BREAKS))
def test_each_json_keyword_can_be_switched_off_alone(keyword: str) -> None:
    cls, value = _BREAKS[keyword]
    configuration = slack.Configuration(disabled_client_side_validations=keyword)

    with pytest.raises(ApiValueError):
        cls(value)
    result = cls(value, _configuration=configuration)
    assert result == (tuple(value) if isinstance(value, list) else value)
    for other in sorted(_BREAKS.keys() - {keyword}):
        other_cls, other_value = _BREAKS[other]
        with pytest.raises(ApiValueError):
            other_cls(other_value, _configuration=configuration)


def test_unknown_disabled_validation_keyword_is_rejected() -> None:
    with pytest.raises(ApiValueError, match=r"configuration\.disabled_client_side_validations.*'bogus'"):
        slack.Configuration(disabled_client_side_validations="pattern,bogus")


# --- validators are compiled once -----------------------------------------------------------------------


def test_validator_is_compiled_once_per_class_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: typing.List[type] = []
    original = schemas._COMPILERS["str"]

    def counting(cls: type, meta: type, key: typing.Any) -> typing.Any:
        compiled.append(cls)
        return original(cls, meta, key)

    monkeypatch.setitem(schemas._COMPILERS, "str", counting)

    class Fresh(schemas.StrSchema):
        class MetaOapg:
            regex = r"^F"

    for i in range(50):
        Fresh(f"F{i}")
    first = dict(Fresh._validators)
    Fresh("Fagain")
    with pytest.raises(ApiValueError):
        Fresh("nope")

    assert compiled == [Fresh]
    assert len(first) == 1
    (key,) = first
    assert Fresh._validators[key] is first[key]


def test_each_class_has_its_own_validator_cache() -> None:
    class Child(DefsTeam):
        class MetaOapg:
            regex = r"^C"

    DefsTeam("T123")
    assert Child("C1") == "C1"
    assert Child._validators is not DefsTeam._validators
    with pytest.raises(ApiValueError):
        Child("T123")
    assert DefsTeam("T123") == "T123"


# --- lenient validation (how responses are read) --------------------------------------------------------


def _with_extras() -> typing.Dict[str, typing.Any]:
    return ok_body(
        warning="superfluous_charset",
        response_metadata={"warnings": ["superfluous_charset"]},
        team={"id": "T123", "name": "Acme", "domain": "acme", "icon": {"image_34": "https://x"}},
        self={"id": "U123", "name": "bot", "is_bot": True},
    )


def test_lenient_validation_keeps_undeclared_keys_at_every_depth() -> None:
    body = Body200.validate_oapg(_with_extras(), lenient=True)

    assert body["warning"] == "superfluous_charset"
    assert body["response_metadata"]["warnings"] == ("superfluous_charset",)
    assert body["team"]["icon"]["image_34"] == "https://x"
    assert body["self"]["is_bot"] == True  # noqa: E712
    assert isinstance(body["team"]["icon"], schemas.AnyTypeSchema)
    assert isinstance(body["team"]["id"], DefsTeam)


@pytest.mark.parametrize(
    "overrides, where",
    [
        ({"warning": "superfluous_charset"}, "SchemaFor200ResponseBodyApplicationJson has an unexpected key 'warning'"),
        ({"team": {"id": "T1X", "name": "n", "domain": "d", "icon": {}}},
         "SchemaFor200ResponseBodyApplicationJson['team'] has an unexpected key 'icon'"),
        ({"self": {"id": "U1X", "name": "n", "is_bot": True}},
         "SchemaFor200ResponseBodyApplicationJson['self'] has an unexpected key 'is_bot'"),
    ],
)
def test_strict_validation_rejects_undeclared_keys_at_every_depth(
    overrides: typing.Dict[str, typing.Any], where: str
) -> None:
    with pytest.raises(ApiTypeError) as info:
        Body200.validate_oapg(ok_body(**overrides))

    assert str(info.value) == where


@pytest.mark.parametrize(
    "overrides, error, path",
    [
        ({"team": {"id": "X123", "name": "Acme", "domain": "acme", "icon": {}}}, ApiValueError, ("team", "id")),
        ({"self": {"id": "U123", "name": 7, "extra": 1}}, ApiTypeError, ("self", "name")),
        ({"self": {"name": "bot", "extra": 1}}, ApiTypeError, ("self",)),
        ({"ok": False}, ApiValueError, ("ok",)),
        ({"ok": "true"}, ApiTypeError, ("ok",)),
        ({"url": None}, ApiTypeError, ("url",)),
    ],
)
def test_lenient_validation_still_enforces_declared_keys(
    overrides: typing.Dict[str, typing.Any], error: typing.Type[Exception], path: typing.Tuple[str, ...]
) -> None:
    data = dict(_with_extras(), **overrides)

    with pytest.raises(error) as info:
        Body200.validate_oapg(data, lenient=True, root="body")

    assert info.value.path_to_item == path  # type: ignore[attr-defined]
    assert str(info.value).startswith("body")


def test_lenient_validation_opens_string_enums_but_not_boolean_ones() -> None:
    body = Body0.validate_oapg({"ok": False, "error": "missing_scope", "needed": "rtm:stream"}, lenient=True)

    assert body["error"] == "missing_scope"
    assert body["needed"] == "rtm:stream"
    with pytest.raises(ApiValueError, match=r"\['ok'\] must be one of False"):
        Body0.validate_oapg({"ok": True, "error": "missing_scope"}, lenient=True)


def test_discard_unknown_keys_drops_undeclared_keys_at_every_depth() -> None:
    configuration = slack.Configuration(discard_unknown_keys=True)

    body = Body200.validate_oapg(_with_extras(), configuration, lenient=True)

    assert set(body) == {"ok", "url", "team", "self"}
    assert set(body["team"]) == {"id", "name", "domain"}
    assert set(body["self"]) == {"id", "name"}
    error = Body0.validate_oapg({"ok": False, "error": "invalid_auth", "needed": "x"}, configuration, lenient=True)
    assert set(error) == {"ok", "error"}


def test_a_lenient_body_survives_pickle_and_copy_with_its_extra_keys_and_types() -> None:
    import copy
    import pickle

    body = SchemaFor200ResponseBodyApplicationJson.validate_oapg(
        {"ok": True, "url": "wss://x", "team": {"id": "T12", "name": "n", "domain": "d"},
         "self": {"id": "U12", "name": "b"}, "warning": "w", "response_metadata": {"warnings": ["a", 1, None]}},
        lenient=True,
    )
    again = pickle.loads(pickle.dumps(body))
    assert again == body
    assert type(again) is SchemaFor200ResponseBodyApplicationJson
    assert type(again["team"]["id"]) is DefsTeam
    assert isinstance(again["response_metadata"], schemas.AnyTypeSchema)
    assert again["response_metadata"]["warnings"] == ("a", 1, None)
    assert copy.deepcopy(body) is body
    assert copy.copy(body["team"]) is body["team"]
