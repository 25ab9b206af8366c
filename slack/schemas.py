# hand-written in the generated style
"""Schema classes: declarations that validate JSON-like data and give back typed, immutable values.

A schema class declares its rules in an inner ``MetaOapg`` class. The first time a
class validates anything, its rules are compiled into one closure and cached on
the class, so a call only runs precomputed checks. A validated value is an
instance of its schema class: ``str``, ``int``, ``float`` and ``tuple`` subclasses,
``frozendict`` subclasses for objects, and ``BoolClass``/``NoneClass`` for
``true``/``false``/``null`` (``bool`` and ``None`` cannot be subclassed).
"""
import re
import sys
import threading
import typing

import frozendict

from slack.exceptions import ApiTypeError, ApiValueError, PathToItem

__all__ = [
    "Unset",
    "unset",
    "BoolClass",
    "NoneClass",
    "Schema",
    "AnyTypeSchema",
    "StrSchema",
    "DateSchema",
    "DateTimeSchema",
    "UUIDSchema",
    "IntSchema",
    "Int32Schema",
    "Int64Schema",
    "NumberSchema",
    "BoolSchema",
    "NoneSchema",
    "DictSchema",
    "ListSchema",
    "JSON_KEYWORDS",
]

# The keywords that Configuration.disabled_client_side_validations may switch off.
JSON_KEYWORDS = frozenset(
    {"enum", "pattern", "maxLength", "minLength", "maximum", "minimum", "maxItems", "minItems", "format"}
)

# Where a value sits, built for every value validated, so cheap to extend: (root,) at the top,
# (parent path, key) below. Only an error flattens it (_flat), into what PathToItem reports.
_Path = typing.Tuple[typing.Any, ...]
_Validator = typing.Callable[[typing.Any, _Path], typing.Any]
_NO_KEYWORDS: typing.FrozenSet[str] = frozenset()
_T = typing.TypeVar("_T", bound="Schema")


class Unset:
    """The type of ``unset``: a value that was not given (unlike ``None``, which is JSON null)."""

    _instance: typing.ClassVar[typing.Optional["Unset"]] = None

    def __new__(cls) -> "Unset":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "unset"


unset = Unset()


class BoolClass:
    """An immutable JSON boolean; truthy like ``True``/``False`` and equal to them."""

    __slots__ = ("_value",)
    _value: bool
    TRUE: typing.ClassVar["BoolClass"]
    FALSE: typing.ClassVar["BoolClass"]

    def __new__(cls, value: typing.Union[bool, "BoolClass"]) -> "BoolClass":
        return _bool_instance(cls, bool(value))

    def __bool__(self) -> bool:
        return self._value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bool, BoolClass)):
            return self._value is bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._value}>"

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        return (type(self), (self._value,))

    def is_true_oapg(self) -> bool:
        return self._value

    def is_false_oapg(self) -> bool:
        return not self._value


class NoneClass:
    """An immutable JSON null; falsy and equal to ``None``."""

    __slots__ = ()
    NONE: typing.ClassVar["NoneClass"]

    def __new__(cls, value: None = None) -> "NoneClass":
        return _none_instance(cls)

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, NoneClass)

    def __hash__(self) -> int:
        return hash(None)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: None>"

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        return (type(self), ())

    def is_none_oapg(self) -> bool:
        return True


# One instance per (class, value): booleans and nulls are immutable, so they are shared.
_singletons: typing.Dict[typing.Tuple[type, typing.Optional[bool]], typing.Any] = {}


def _bool_instance(cls: typing.Type[BoolClass], value: bool) -> BoolClass:
    inst = _singletons.get((cls, value))
    if inst is None:
        inst = object.__new__(cls)
        object.__setattr__(inst, "_value", value)
        inst = _singletons.setdefault((cls, value), inst)
    return typing.cast(BoolClass, inst)


def _none_instance(cls: typing.Type[NoneClass]) -> NoneClass:
    inst = _singletons.get((cls, None))
    if inst is None:
        inst = _singletons.setdefault((cls, None), object.__new__(cls))
    return typing.cast(NoneClass, inst)


BoolClass.TRUE = BoolClass(True)
BoolClass.FALSE = BoolClass(False)
NoneClass.NONE = NoneClass()


class Schema:
    """The base of every schema class. Subclasses declare rules in ``MetaOapg``.

    ``MetaOapg`` may hold: ``enum_value_to_name`` (a dict) or ``enum`` (a
    collection), ``regex`` (a pattern string), ``min_length``, ``max_length``,
    ``inclusive_minimum``, ``inclusive_maximum``, ``min_items``, ``max_items``,
    ``format``, ``required`` (key names), ``properties`` (a dict, or a class whose
    schema-class attributes are the properties), ``additional_properties``
    (a schema class, or ``False`` for none) and ``items`` (a schema class).
    """

    __slots__ = ()
    _kind_oapg: typing.ClassVar[str] = "any"

    class MetaOapg:
        pass

    def __init_subclass__(cls, **kwargs: typing.Any) -> None:
        super().__init_subclass__(**kwargs)
        # Each class compiles its own validators; never reuse a parent's cache.
        cls._validators_oapg = {}
        # Known enum values become class constants, as in generated clients: ErrorSchema.NOT_AUTHED.
        for value, name in getattr(cls.MetaOapg, "enum_value_to_name", {}).items():
            if isinstance(value, str) and not hasattr(cls, name):
                setattr(cls, name, value)

    _validators_oapg: typing.ClassVar[typing.Dict[typing.Any, _Validator]] = {}

    def __init__(*_args: typing.Any, **_kwargs: typing.Any) -> None:
        # __new__ did the work. No named ``self`` here (nor frozendict's, which this
        # overrides), so that a property called "self" can be passed as a keyword.
        pass

    def __new__(cls: typing.Type[_T], *args: typing.Any, _configuration: typing.Any = None, **kwargs: typing.Any) -> _T:
        if len(args) > 1:
            raise ApiTypeError(f"{cls.__name__}() takes one positional value, got {len(args)}")
        if kwargs:
            base = args[0] if args else {}
            if not isinstance(base, typing.Mapping):
                raise ApiTypeError(f"{cls.__name__}() takes keywords only for an object schema")
            value: typing.Any = {**base, **kwargs}
        elif args:
            value = args[0]
        else:
            raise ApiTypeError(f"{cls.__name__}() needs a value")
        return cls.validate_oapg(value, _configuration=_configuration)

    # Validated values are immutable: a copy is the value itself.
    def __copy__(self: _T) -> _T:
        return self

    def __deepcopy__(self: _T, memo: typing.Any) -> _T:
        return self

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        # Rebuilt leniently from plain data, so that keys Slack added survive a pickle,
        # and through a class pickle can find by name (not a per-type subclass).
        owner = type(self).__dict__.get("_pickle_as_oapg", type(self))
        return (_unpickle, (owner, _plain(self)))

    @classmethod
    def from_openapi_data_oapg(cls: typing.Type[_T], arg: typing.Any, _configuration: typing.Any = None) -> _T:
        """Validate JSON data (as ``json.loads`` gives it) and return an instance of this class."""
        return cls.validate_oapg(arg, _configuration=_configuration)

    @classmethod
    def validate_oapg(
        cls: typing.Type[_T],
        arg: typing.Any,
        _configuration: typing.Any = None,
        *,
        lenient: bool = False,
        root: typing.Optional[str] = None,
    ) -> _T:
        """Validate ``arg``; ``lenient`` reads a server's answer forward-compatibly.

        Lenient validation keeps keys the schema does not declare (or drops them
        when ``configuration.discard_unknown_keys``) and string values outside an
        enum; every declared key keeps its type, pattern and required checks.
        """
        disabled: typing.FrozenSet[str] = _NO_KEYWORDS
        discard = False
        if _configuration is not None:
            disabled = _configuration.disabled_keywords_oapg
            discard = lenient and _configuration.discard_unknown_keys
        key = (lenient, discard, disabled)
        validator = cls._validators_oapg.get(key) or _validator(cls, key)  # compiled on first use only
        value: _T = validator(arg, (root or cls.__name__,))
        return value


def _plain(value: typing.Any) -> typing.Any:
    """A validated value as plain JSON data."""
    if isinstance(value, (BoolClass, NoneClass)):
        return bool(value) if isinstance(value, BoolClass) else None
    if isinstance(value, typing.Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    for base in (str, int, float):
        if isinstance(value, base):
            return base(value)
    return value


def _unpickle(cls: typing.Type[_T], data: typing.Any) -> _T:
    return cls.validate_oapg(data, lenient=True)


def _validator(cls: type, key: typing.Tuple[bool, bool, typing.FrozenSet[str]]) -> _Validator:
    fn = cls._validators_oapg.get(key)  # type: ignore[attr-defined]
    if fn is None:
        with _compile_lock:
            fn = cls._validators_oapg.get(key)  # type: ignore[attr-defined]
            if fn is None:
                # A placeholder first, so that a schema that refers to itself compiles.
                cell: typing.List[_Validator] = []
                cls._validators_oapg[key] = lambda v, p: cell[0](v, p)  # type: ignore[attr-defined]
                fn = _COMPILERS[cls._kind_oapg](cls, cls.MetaOapg, key)  # type: ignore[attr-defined]
                cell.append(fn)
                cls._validators_oapg[key] = fn  # type: ignore[attr-defined]
    return typing.cast(_Validator, fn)


_compile_lock = threading.RLock()


def _flat(path: _Path) -> PathToItem:
    keys: typing.List[typing.Union[str, int]] = []
    while len(path) == 2:
        path, key = path
        keys.append(key)
    return (path[0], *reversed(keys))


def _where(path: _Path) -> str:
    flat = _flat(path)
    return str(flat[0]) + "".join(f"[{k!r}]" for k in flat[1:])


def _type_error(path: _Path, expected: str, value: typing.Any) -> ApiTypeError:
    # Names the type, never the value: values may be tokens or session URLs.
    return _object_error(path, f"must be {expected}, got {type(value).__name__}")


def _object_error(path: _Path, problem: str) -> ApiTypeError:
    return ApiTypeError(f"{_where(path)} {problem}", path_to_item=_flat(path)[1:])


def _value_error(path: _Path, rule: str) -> ApiValueError:
    return ApiValueError(f"{_where(path)} {rule}", path_to_item=_flat(path)[1:])


# --- value-level checks, each built once per class -----------------------------------------------

_Check = typing.Callable[[typing.Any, _Path], None]


def _value_checks(meta: type, key: typing.Tuple[bool, bool, typing.FrozenSet[str]], kind: str) -> typing.List[_Check]:
    lenient, _, disabled = key
    checks: typing.List[_Check] = []

    def on(keyword: str, attr: str) -> typing.Any:
        return None if keyword in disabled else getattr(meta, attr, None)

    enum = on("enum", "enum_value_to_name") or on("enum", "enum")
    # Slack keeps adding string codes (error codes above all); a server's answer
    # may use one this client does not know yet. Booleans such as ok stay strict.
    if enum is not None and not (lenient and kind == "str"):
        allowed = frozenset(enum)
        shown = ", ".join(repr(v) for v in enum)

        def check_enum(v: typing.Any, path: _Path) -> None:
            if v not in allowed:
                raise _value_error(path, f"must be one of {shown}")

        checks.append(check_enum)

    pattern = on("pattern", "regex")
    if pattern is not None:
        search = re.compile(_ecma_dollar(pattern)).search

        def check_pattern(v: typing.Any, path: _Path) -> None:
            if search(v) is None:
                raise _value_error(path, f"must match pattern {pattern!r}")

        checks.append(check_pattern)

    for keyword, attr, bad in (
        ("minLength", "min_length", lambda v, n: len(v) < n),
        ("maxLength", "max_length", lambda v, n: len(v) > n),
        ("minItems", "min_items", lambda v, n: len(v) < n),
        ("maxItems", "max_items", lambda v, n: len(v) > n),
        ("minimum", "inclusive_minimum", lambda v, n: v < n),
        ("maximum", "inclusive_maximum", lambda v, n: v > n),
    ):
        limit = on(keyword, attr)
        if limit is not None:
            checks.append(_limit_check(keyword, limit, bad))

    fmt = on("format", "format")
    if fmt in _FORMATS:
        checks.append(_FORMATS[fmt])
    return checks


def _ecma_dollar(pattern: str) -> str:
    """``pattern`` with JSON Schema's (ECMA-262's) ``$``: the very end, not also before a final newline."""
    out: typing.List[str] = []
    in_class = False
    chars = iter(pattern)
    for c in chars:
        if c == "\\":
            c += next(chars, "")  # an escaped character is never special here
        elif c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "$" and not in_class:
            c = r"\Z"
        out.append(c)
    return "".join(out)


def _limit_check(keyword: str, limit: typing.Any, bad: typing.Callable[[typing.Any, typing.Any], bool]) -> _Check:
    def check(v: typing.Any, path: _Path) -> None:
        if bad(v, limit):
            raise _value_error(path, f"breaks {keyword}={limit}")

    return check


def _int_range(lo: int, hi: int, name: str) -> _Check:
    def check(v: typing.Any, path: _Path) -> None:
        if not lo <= v <= hi:
            raise _value_error(path, f"is out of range for format {name}")

    return check


_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")


def _check_uuid(v: typing.Any, path: _Path) -> None:
    if not _UUID.match(v):
        raise _value_error(path, "is not a valid uuid")


def _check_date(v: typing.Any, path: _Path) -> None:
    _parse_date(v, path)


def _check_datetime(v: typing.Any, path: _Path) -> None:
    _parse_datetime(v, path)


def _parse_date(v: str, path: _Path = ("value",)) -> typing.Any:
    from dateutil.parser import isoparse  # imported lazily: most calls never need it

    if len(v) != 10:
        raise _value_error(path, "is not a valid RFC 3339 full-date (YYYY-MM-DD)")
    try:
        return isoparse(v).date()
    except (ValueError, OverflowError):
        raise _value_error(path, "is not a valid RFC 3339 full-date (YYYY-MM-DD)") from None


def _parse_datetime(v: str, path: _Path = ("value",)) -> typing.Any:
    from dateutil.parser import isoparse

    try:
        parsed = isoparse(v)
    except (ValueError, OverflowError):
        raise _value_error(path, "is not a valid RFC 3339 date-time") from None
    if len(v) <= 10:
        raise _value_error(path, "is not a valid RFC 3339 date-time")
    return parsed


_FORMATS: typing.Dict[str, _Check] = {
    "int32": _int_range(-(2**31), 2**31 - 1, "int32"),
    "int64": _int_range(-(2**63), 2**63 - 1, "int64"),
    "uuid": _check_uuid,
    "date": _check_date,
    "date-time": _check_datetime,
}


def _one_check(checks: typing.List[_Check]) -> typing.Optional[_Check]:
    """The checks as one callable, or None when there are none: a value pays at most one call."""
    if len(checks) <= 1:
        return checks[0] if checks else None

    def run_all(value: typing.Any, path: _Path) -> None:
        for check in checks:
            check(value, path)

    return run_all


# --- one compiler per JSON type -------------------------------------------------------------------

_CompileKey = typing.Tuple[bool, bool, typing.FrozenSet[str]]


def _compile_str(cls: type, meta: type, key: _CompileKey) -> _Validator:
    check = _one_check(_value_checks(meta, key, "str"))
    new = str.__new__

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if not isinstance(v, str):
            raise _type_error(path, "a str", v)
        if check is not None:
            check(v, path)
        return new(cls, v)

    return validate


def _compile_int(cls: type, meta: type, key: _CompileKey) -> _Validator:
    check = _one_check(_value_checks(meta, key, "int"))
    new = int.__new__

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if not isinstance(v, int) or isinstance(v, bool):
            raise _type_error(path, "an int", v)
        if check is not None:
            check(v, path)
        return new(cls, v)

    return validate


def _compile_number(cls: type, meta: type, key: _CompileKey) -> _Validator:
    check = _one_check(_value_checks(meta, key, "number"))
    new = float.__new__

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise _type_error(path, "a number", v)
        # An int beyond float's range (JSON allows 1 followed by 400 zeros) is not finite either.
        if v != v or v in (float("inf"), float("-inf")) or (isinstance(v, int) and abs(v) > sys.float_info.max):
            raise _value_error(path, "must be a finite number")
        if check is not None:
            check(v, path)
        return new(cls, v)

    return validate


def _compile_bool(cls: type, meta: type, key: _CompileKey) -> _Validator:
    check = _one_check(_value_checks(meta, key, "bool"))
    instances = {True: _bool_instance(cls, True), False: _bool_instance(cls, False)}

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if v is not True and v is not False:
            if not isinstance(v, BoolClass):
                raise _type_error(path, "a bool", v)
            v = bool(v)
        if check is not None:
            check(v, path)
        return instances[v]

    return validate


def _compile_none(cls: type, meta: type, key: _CompileKey) -> _Validator:
    instance = _none_instance(cls)

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if v is None or isinstance(v, NoneClass):
            return instance
        raise _type_error(path, "None", v)

    return validate


def _properties(meta: type) -> typing.Dict[str, type]:
    props = getattr(meta, "properties", None)
    if props is None:
        return {}
    if isinstance(props, typing.Mapping):
        return dict(props)
    return {name: value for name, value in vars(props).items() if isinstance(value, type) and issubclass(value, Schema)}


def _compile_dict(cls: type, meta: type, key: _CompileKey) -> _Validator:
    lenient, discard, _ = key
    props = {name: _validator(schema, key) for name, schema in _properties(meta).items()}
    required = tuple(getattr(meta, "required", ()))
    extra_schema = getattr(meta, "additional_properties", AnyTypeSchema)
    extra: typing.Optional[_Validator] = None
    if extra_schema is not False:
        extra = _validator(extra_schema, key)
    elif lenient and not discard:
        # Slack adds keys (warning, response_metadata) that its 2020 spec forbids.
        extra = _validator(AnyTypeSchema, key)
    check = _one_check(_value_checks(meta, key, "dict"))
    new = frozendict.frozendict.__new__

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if type(v) is not dict and not isinstance(v, typing.Mapping):  # dict first: the common case, and fast
            raise _type_error(path, "an object (dict)", v)
        for name in required:
            if name not in v:
                raise _object_error(path, f"is missing required key {name!r}")
        out = {}
        for name, item in v.items():
            if type(name) is not str:
                raise _object_error(path, "has a key that is not a str")
            sub = props.get(name, extra)
            if sub is None:
                if discard:
                    continue
                raise _object_error(path, f"has an unexpected key {name!r}")
            out[name] = sub(item, (path, name))
        if check is not None:
            check(out, path)
        return new(cls, out)

    return validate


def _compile_list(cls: type, meta: type, key: _CompileKey) -> _Validator:
    items = _validator(getattr(meta, "items", AnyTypeSchema), key)
    check = _one_check(_value_checks(meta, key, "list"))
    new = tuple.__new__

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is cls:
            return v
        if not isinstance(v, (list, tuple)):
            raise _type_error(path, "an array (list or tuple)", v)
        if check is not None:
            check(v, path)
        return new(cls, [items(item, (path, i)) for i, item in enumerate(v)])

    return validate


def _compile_any(cls: type, meta: type, key: _CompileKey) -> _Validator:
    # A value of any type becomes an instance of a subclass of cls for its type.
    # Those subclasses are made here, once per class, never per value.
    variants = {
        kind: _validator(type(cls.__name__, (cls, base), {"_kind_oapg": kind, "_pickle_as_oapg": cls}), key)
        for kind, base in (
            ("str", StrSchema), ("int", IntSchema), ("number", NumberSchema), ("bool", BoolSchema),
            ("none", NoneSchema), ("dict", DictSchema), ("list", ListSchema),
        )
    }

    # What json.loads gives, by exact type: one lookup instead of a chain of isinstance checks.
    by_type = {bool: variants["bool"], type(None): variants["none"], str: variants["str"], int: variants["int"],
               float: variants["number"], dict: variants["dict"], list: variants["list"], tuple: variants["list"]}

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        exact = by_type.get(type(v))
        if exact is not None:
            return exact(v, path)
        if isinstance(v, cls):
            return v
        if v is True or v is False or isinstance(v, BoolClass):
            kind = "bool"
        elif v is None or isinstance(v, NoneClass):
            kind = "none"
        elif isinstance(v, str):
            kind = "str"
        elif isinstance(v, int):
            kind = "int"
        elif isinstance(v, float):
            kind = "number"
        elif isinstance(v, typing.Mapping):
            kind = "dict"
        elif isinstance(v, (list, tuple)):
            kind = "list"
        else:
            raise _type_error(path, "a JSON value", v)
        return variants[kind](v, path)

    return validate


_COMPILERS: typing.Dict[str, typing.Callable[[type, type, _CompileKey], _Validator]] = {
    "str": _compile_str,
    "int": _compile_int,
    "number": _compile_number,
    "bool": _compile_bool,
    "none": _compile_none,
    "dict": _compile_dict,
    "list": _compile_list,
    "any": _compile_any,
}

# --- the public schema classes --------------------------------------------------------------------

if typing.TYPE_CHECKING:
    _FrozenDict = frozendict.frozendict[str, typing.Any]
    _Tuple = typing.Tuple[typing.Any, ...]
else:
    _FrozenDict = frozendict.frozendict
    _Tuple = tuple


class AnyTypeSchema(Schema):
    """Any JSON value."""

    __slots__ = ()


class StrSchema(Schema, str):
    """A JSON string."""

    __slots__ = ()
    _kind_oapg = "str"


class DateSchema(StrSchema):
    """A string in RFC 3339 full-date form; ``as_date_oapg`` gives a ``datetime.date``."""

    class MetaOapg:
        format = "date"

    @property
    def as_date_oapg(self) -> typing.Any:
        return _parse_date(self)


class DateTimeSchema(StrSchema):
    """A string in RFC 3339 date-time form; ``as_datetime_oapg`` gives a ``datetime.datetime``."""

    class MetaOapg:
        format = "date-time"

    @property
    def as_datetime_oapg(self) -> typing.Any:
        return _parse_datetime(self)


class UUIDSchema(StrSchema):
    """A string holding a UUID."""

    class MetaOapg:
        format = "uuid"


class IntSchema(Schema, int):
    """A JSON integer (a ``bool`` is not one)."""

    __slots__ = ()
    _kind_oapg = "int"


class Int32Schema(IntSchema):
    class MetaOapg:
        format = "int32"


class Int64Schema(IntSchema):
    class MetaOapg:
        format = "int64"


class NumberSchema(Schema, float):
    """A finite JSON number, held as a ``float``."""

    __slots__ = ()
    _kind_oapg = "number"


class BoolSchema(Schema, BoolClass):
    """A JSON boolean, held as a ``BoolClass``."""

    __slots__ = ()
    _kind_oapg = "bool"


class NoneSchema(Schema, NoneClass):
    """JSON null, held as a ``NoneClass``."""

    __slots__ = ()
    _kind_oapg = "none"


class DictSchema(Schema, _FrozenDict):
    """A JSON object, held as a ``frozendict``. Undeclared keys are allowed unless
    ``MetaOapg.additional_properties = False``."""

    __slots__ = ()
    _kind_oapg = "dict"

    def __getitem__(self, name: str) -> typing.Any:
        return super().__getitem__(name)


class ListSchema(Schema, _Tuple):
    """A JSON array, held as a ``tuple``."""

    __slots__ = ()
    _kind_oapg = "list"
