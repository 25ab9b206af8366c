"""Schema classes: declarations that validate JSON-like data and give back typed, immutable values.

A schema class declares its rules in an inner ``MetaOapg`` class. The first time a
class validates anything, its rules are compiled into one closure and cached on
the class, so a call only runs precomputed checks. A validated value is an
instance of its schema class: ``str``, ``int``, ``float`` and ``tuple`` subclasses,
``frozendict`` subclasses for objects, and ``BoolClass``/``NoneClass`` for
``true``/``false``/``null`` (``bool`` and ``None`` cannot be subclassed).
"""
import functools
import operator
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

# Where a value sits, built for every value validated, so cheap to extend: (root,) at the top,
# (parent path, key) below. Only an error flattens it (_flat), into what PathToItem reports.
_Path = typing.Tuple[typing.Any, ...]
_Validator = typing.Callable[[typing.Any, _Path], typing.Any]
_Check = typing.Callable[[typing.Any, _Path], None]  # raises ApiValueError if a value breaks a rule
# What a class compiles one validator for: (lenient, discard unknown keys, disabled keywords).
_CompileKey = typing.Tuple[bool, bool, typing.FrozenSet[str]]
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


class _Singleton:
    """What JSON's true, false and null share: one immutable instance per (class, value)."""

    __slots__ = ("_value",)
    _value: typing.Optional[bool]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Singleton):
            other = other._value
        if other is None or type(other) is bool:
            return self._value is other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._value}>"

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        return (type(self), (self._value,))


class BoolClass(_Singleton):
    """An immutable JSON boolean; truthy like ``True``/``False`` and equal to them."""

    __slots__ = ()
    TRUE: typing.ClassVar["BoolClass"]
    FALSE: typing.ClassVar["BoolClass"]

    def __new__(cls, value: typing.Union[bool, "BoolClass"]) -> "BoolClass":
        return _singleton(cls, bool(value))

    def __bool__(self) -> bool:
        return bool(self._value)

    def is_true_oapg(self) -> bool:
        return bool(self._value)

    def is_false_oapg(self) -> bool:
        return not self._value


class NoneClass(_Singleton):
    """An immutable JSON null; falsy and equal to ``None``."""

    __slots__ = ()
    NONE: typing.ClassVar["NoneClass"]

    def __new__(cls, value: None = None) -> "NoneClass":
        return _singleton(cls, None)

    def __bool__(self) -> bool:
        return False

    def is_none_oapg(self) -> bool:
        return True


_S = typing.TypeVar("_S", bound=_Singleton)
_singletons: typing.Dict[typing.Tuple[type, typing.Optional[bool]], typing.Any] = {}


def _singleton(cls: typing.Type[_S], value: typing.Optional[bool]) -> _S:
    inst = _singletons.get((cls, value))
    if inst is None:
        inst = object.__new__(cls)
        object.__setattr__(inst, "_value", value)
        inst = _singletons.setdefault((cls, value), inst)
    return typing.cast(_S, inst)


BoolClass.TRUE = BoolClass(True)
BoolClass.FALSE = BoolClass(False)
NoneClass.NONE = NoneClass()

# The kind of JSON value each Python type holds, in the order to try isinstance: on the type a schema
# class is built on, or on a value json.loads does not give (a BoolClass, a Mapping that is not a dict).
_KINDS = ((BoolClass, "bool"), (NoneClass, "none"), (str, "str"), (int, "int"), (float, "number"),
          (typing.Mapping, "dict"), ((list, tuple), "list"))


class Schema:
    """The base of every schema class. Subclasses declare rules in ``MetaOapg``.

    ``MetaOapg`` may hold: ``enum_value_to_name`` (a dict) or ``enum`` (a
    collection), ``regex`` (a pattern string), ``min_length``, ``max_length``,
    ``inclusive_minimum``, ``inclusive_maximum``, ``min_items``, ``max_items``,
    ``format``, ``required`` (key names), ``properties`` (a class whose
    schema-class attributes are the properties), ``additional_properties``
    (a schema class, or ``False`` for none) and ``items`` (a schema class).
    """

    __slots__ = ()
    _kind: typing.ClassVar[str] = "any"

    class MetaOapg:
        pass

    def __init_subclass__(cls, **kwargs: typing.Any) -> None:
        super().__init_subclass__(**kwargs)
        # Each class compiles its own validators; never reuse a parent's cache.
        cls._validators = {}
        # Its kind follows from the Python type it is built on: "str" for StrSchema and its subclasses.
        cls._kind = next((kind for base, kind in _KINDS if issubclass(cls, base)), "any")
        # Known enum values become class constants, as in generated clients: ErrorSchema.NOT_AUTHED.
        for value, name in getattr(cls.MetaOapg, "enum_value_to_name", {}).items():
            if isinstance(value, str) and not hasattr(cls, name):
                setattr(cls, name, value)

    _validators: typing.ClassVar[typing.Dict[typing.Any, _Validator]] = {}

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
        owner = type(self).__dict__.get("_pickle_as", type(self))
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
            disabled = _configuration._disabled_keywords
            discard = lenient and _configuration.discard_unknown_keys
        key = (lenient, discard, disabled)
        validator = cls._validators.get(key) or _validator(cls, key)  # compiled on first use only
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


def _validator(cls: type, key: _CompileKey) -> _Validator:
    with _compile_lock:  # compiling only: a call finds its validator in cls._validators
        fn = cls._validators.get(key)  # type: ignore[attr-defined]
        if fn is None:
            # A placeholder first, so that a schema that refers to itself compiles.
            cell: typing.List[_Validator] = []
            cls._validators[key] = lambda v, p: cell[0](v, p)  # type: ignore[attr-defined]
            fn = _COMPILERS[cls._kind](cls, cls.MetaOapg, key)  # type: ignore[attr-defined]
            cell.append(fn)
            cls._validators[key] = fn  # type: ignore[attr-defined]
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


# --- keywords: each MetaOapg declaration becomes a check, built once per class ---------------------

def _rule(passes: typing.Callable[[typing.Any], typing.Any], problem: str) -> _Check:
    """A check that raises ApiValueError saying ``problem`` for a value that ``passes`` rejects."""

    def check(v: typing.Any, path: _Path) -> None:
        if not passes(v):
            raise _value_error(path, problem)

    return check


def _enum(values: typing.Collection[typing.Any]) -> _Check:
    allowed = frozenset(values)
    problem = "must be one of " + ", ".join(repr(v) for v in values)

    # Not a _rule: ``in`` costs less than a call, and every response's ok is an enum.
    def check(v: typing.Any, path: _Path) -> None:
        if v not in allowed:
            raise _value_error(path, problem)

    return check


# JSON Schema's (ECMA-262's) ``$`` is the very end, Python's also matches before a final newline: each
# ``$`` outside an escape or a [class] becomes ``\Z``.
_ECMA_DOLLAR = r"(\\.|\[(?:\\.|[^\]])*\])|\$"  # compiled on first use (re caches it)


def _ecma_dollar(pattern: str) -> str:
    return re.sub(_ECMA_DOLLAR, lambda m: m.group(1) or r"\Z", pattern)


def _parse(v: str, path: _Path = ("value",), *, full_date: bool) -> typing.Any:
    """``v`` as an RFC 3339 full-date (a ``date``) or date-time (a ``datetime``), or ApiValueError."""
    from dateutil.parser import isoparse  # imported lazily: most calls never need it

    # A full-date is exactly YYYY-MM-DD; a date-time is longer (isoparse alone takes a bare date for one).
    if (len(v) == 10) if full_date else (len(v) > 10):
        try:
            parsed = isoparse(v)
            return parsed.date() if full_date else parsed
        except (ValueError, OverflowError):
            pass
    raise _value_error(path, "is not a valid RFC 3339 " + ("full-date (YYYY-MM-DD)" if full_date else "date-time"))


_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")

# The formats this client checks; any other (such as "byte") passes unchecked.
_FORMATS: typing.Dict[str, _Check] = {
    "int32": _rule(lambda v: -(2**31) <= v <= 2**31 - 1, "is out of range for format int32"),
    "int64": _rule(lambda v: -(2**63) <= v <= 2**63 - 1, "is out of range for format int64"),
    "uuid": _rule(_UUID.match, "is not a valid uuid"),
    "date": functools.partial(_parse, full_date=True),
    "date-time": functools.partial(_parse, full_date=False),
}

# The keywords as a table: a MetaOapg attribute, the JSON-schema keyword it declares, and how its
# declared value becomes a check. The keyword column is JSON_KEYWORDS, the keywords that
# Configuration.disabled_client_side_validations may switch off.
_KEYWORDS: typing.Dict[str, typing.Tuple[str, typing.Callable[[typing.Any], typing.Optional[_Check]]]] = {
    "enum_value_to_name": ("enum", _enum),
    "enum": ("enum", _enum),
    "regex": ("pattern", lambda p: _rule(re.compile(_ecma_dollar(p)).search, f"must match pattern {p!r}")),
    "min_length": ("minLength", lambda n: _rule(lambda v: len(v) >= n, f"breaks minLength={n}")),
    "max_length": ("maxLength", lambda n: _rule(lambda v: len(v) <= n, f"breaks maxLength={n}")),
    "min_items": ("minItems", lambda n: _rule(lambda v: len(v) >= n, f"breaks minItems={n}")),
    "max_items": ("maxItems", lambda n: _rule(lambda v: len(v) <= n, f"breaks maxItems={n}")),
    "inclusive_minimum": ("minimum", lambda n: _rule(lambda v: v >= n, f"breaks minimum={n}")),
    "inclusive_maximum": ("maximum", lambda n: _rule(lambda v: v <= n, f"breaks maximum={n}")),
    "format": ("format", _FORMATS.get),
}
JSON_KEYWORDS = frozenset(keyword for keyword, _ in _KEYWORDS.values())


def _checks(meta: type, key: _CompileKey, kind: str, *always: _Check) -> typing.Optional[_Check]:
    """``always`` and the checks ``meta`` declares as one callable, or None: a value pays at most one call."""
    lenient, _, disabled = key
    checks = list(always)
    for attr, (keyword, build) in _KEYWORDS.items():
        declared = getattr(meta, attr, None)
        # Slack keeps adding string codes (error codes above all); a server's answer
        # may use one this client does not know yet. Booleans such as ok stay strict.
        if declared is None or keyword in disabled or (keyword == "enum" and lenient and kind == "str"):
            continue
        check = build(declared)
        if check is not None:
            checks.append(check)
    if len(checks) <= 1:
        return checks[0] if checks else None

    def run_all(value: typing.Any, path: _Path) -> None:
        for check in checks:
            check(value, path)

    return run_all


# --- one compiler per kind of JSON value ----------------------------------------------------------

_FLOAT_MAX = sys.float_info.max
# NaN fails every comparison, and so does an int beyond float's range (JSON allows 1 followed by 400 zeros).
_finite = _rule(lambda v: -_FLOAT_MAX <= v <= _FLOAT_MAX, "must be a finite number")

# The scalar kinds: what a type error says a value must be, the type json.loads gives (checked
# first, by identity), the other types accepted, and checks that no keyword switches off.
_SCALARS: typing.Dict[str, typing.Tuple[str, type, typing.Any, typing.Tuple[_Check, ...]]] = {
    "str": ("a str", str, str, ()),
    "int": ("an int", int, int, ()),
    "number": ("a number", float, (int, float), (_finite,)),
    "bool": ("a bool", bool, BoolClass, ()),
    "none": ("None", type(None), NoneClass, ()),
}


def _compile_scalar(cls: type, meta: type, key: _CompileKey) -> _Validator:
    kind: str = cls._kind  # type: ignore[attr-defined]
    expected, plain, others, always = _SCALARS[kind]
    check = _checks(meta, key, kind, *always)
    new: typing.Callable[[typing.Any, typing.Any], typing.Any] = plain.__new__
    owner: typing.Any = cls
    if issubclass(cls, _Singleton):
        # true, false and null are shared instances, per class: looked up, never made.
        values = (None,) if kind == "none" else (True, False)
        new, owner = operator.getitem, {v: _singleton(cls, v) for v in values}

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        if type(v) is not plain:
            if type(v) is cls:
                return v
            # A Python bool is an int, but a JSON boolean is never a number.
            if type(v) is bool or not isinstance(v, others):
                raise _type_error(path, expected, v)
            if isinstance(v, _Singleton):
                v = v._value  # an enum holds plain bools, and 1 == True but 1 != BoolClass(True)
        if check is not None:
            check(v, path)
        return new(owner, v)

    return validate


def _properties(meta: type) -> typing.Dict[str, type]:
    props = getattr(meta, "properties", None)
    if props is None:
        return {}
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
    check = _checks(meta, key, "dict")
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
    check = _checks(meta, key, "list")
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


# What json.loads gives, by exact type: one lookup instead of a chain of isinstance checks.
_JSON_TYPES = {bool: "bool", type(None): "none", str: "str", int: "int", float: "number", dict: "dict", list: "list",
               tuple: "list"}


def _compile_any(cls: type, meta: type, key: _CompileKey) -> _Validator:
    # A value of any type becomes an instance of a subclass of cls for its type.
    # Those subclasses are made here, once per class, never per value.
    bases = (StrSchema, IntSchema, NumberSchema, BoolSchema, NoneSchema, DictSchema, ListSchema)
    variants = {base._kind: _validator(type(cls.__name__, (cls, base), {"_pickle_as": cls}), key) for base in bases}
    by_type = {t: variants[kind] for t, kind in _JSON_TYPES.items()}

    def validate(v: typing.Any, path: _Path) -> typing.Any:
        exact = by_type.get(type(v))
        if exact is not None:
            return exact(v, path)
        if isinstance(v, cls):
            return v
        for base, kind in _KINDS:
            if isinstance(v, base):
                return variants[kind](v, path)
        raise _type_error(path, "a JSON value", v)

    return validate


_COMPILERS: typing.Dict[str, typing.Callable[[type, type, _CompileKey], _Validator]] = {
    **dict.fromkeys(_SCALARS, _compile_scalar),
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


class DateSchema(StrSchema):
    """A string in RFC 3339 full-date form; ``as_date_oapg`` gives a ``datetime.date``."""

    class MetaOapg:
        format = "date"

    as_date_oapg = property(functools.partial(_parse, full_date=True))


class DateTimeSchema(StrSchema):
    """A string in RFC 3339 date-time form; ``as_datetime_oapg`` gives a ``datetime.datetime``."""

    class MetaOapg:
        format = "date-time"

    as_datetime_oapg = property(functools.partial(_parse, full_date=False))


class UUIDSchema(StrSchema):
    """A string holding a UUID."""

    class MetaOapg:
        format = "uuid"


class IntSchema(Schema, int):
    """A JSON integer (a ``bool`` is not one)."""

    __slots__ = ()


class Int32Schema(IntSchema):
    class MetaOapg:
        format = "int32"


class Int64Schema(IntSchema):
    class MetaOapg:
        format = "int64"


class NumberSchema(Schema, float):
    """A finite JSON number, held as a ``float``."""

    __slots__ = ()


class BoolSchema(Schema, BoolClass):
    """A JSON boolean, held as a ``BoolClass``."""

    __slots__ = ()


class NoneSchema(Schema, NoneClass):
    """JSON null, held as a ``NoneClass``."""

    __slots__ = ()


class DictSchema(Schema, _FrozenDict):
    """A JSON object, held as a ``frozendict``. Undeclared keys are allowed unless
    ``MetaOapg.additional_properties = False``."""

    __slots__ = ()


class ListSchema(Schema, _Tuple):
    """A JSON array, held as a ``tuple``."""

    __slots__ = ()
