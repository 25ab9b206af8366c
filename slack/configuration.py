"""``Configuration``: where to call (host), how to authenticate, and how the transport behaves.

Each setting is one line of the class body: its name, type, default, check and meaning.
The constructor and attribute assignment both run the check, so a bad value fails at
once with a message naming the setting, never later in the middle of a call.
"""
import copy
import logging
import os
import sys
import threading
import typing

import urllib3
from urllib3._version import __version__ as urllib3_version
from urllib3.exceptions import LocationParseError

from slack import schemas
from slack._redact import redact_url
from slack._version import __version__
from slack.exceptions import ApiTypeError, ApiValueError

__all__ = ["Configuration", "DEFAULT_HOST", "DEFAULT_TIMEOUT", "check_proxy_url", "check_timeout", "to_timeout"]

# The defaults, in one place: every module that needs one imports it from here.
DEFAULT_HOST = "https://slack.com/api"
DEFAULT_TIMEOUT = 30.0  # seconds, for connecting and for each read
DEFAULT_DEADLINE = 120.0  # seconds for a whole call: every attempt, wait and byte
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF_FACTOR = 0.5  # urllib3's: waits of 0, 1, 2 s between attempts
DEFAULT_MAX_RETRY_AFTER = 30.0  # seconds; a 429 asking for longer is not waited out
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
DEFAULT_CONNECTION_POOL_MAXSIZE = (os.cpu_count() or 2) * 5  # connections kept per host
DEFAULT_LOGGER_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
API_VERSION = "1.7.0"

TimeoutValue = typing.Union[int, float, typing.Tuple[float, float], urllib3.Timeout]
RetriesValue = typing.Union[bool, int, urllib3.Retry, None]
# A setting's check: takes the value and the name to blame; returns what to store, or raises.
Check = typing.Callable[[typing.Any, str], typing.Any]

# Slack has one server, and it declares no variables.
_SERVERS: typing.List[typing.Dict[str, typing.Any]] = [
    {"url": DEFAULT_HOST, "description": "Slack Web API", "variables": {}},
]

_logger = logging.getLogger("slack")


def _of_type(what: str, *kinds: type, allow: typing.Tuple[typing.Any, ...] = ()) -> Check:
    """A check for an instance of ``kinds`` (a bool is no int unless ``bool`` is listed) or one of ``allow``."""

    def check(value: typing.Any, name: str) -> typing.Any:
        if (isinstance(value, kinds) and (bool in kinds or type(value) is not bool)) or any(a is value for a in allow):
            return value
        raise ApiTypeError(f"{name} must be {what}, got {type(value).__name__}")

    return check


def _seconds(zero_ok: bool, what: str = "seconds (int or float)") -> Check:
    """A check for seconds, at most ``threading.TIMEOUT_MAX``: more would fail deep in a socket or lock wait."""
    of_type = _of_type(what, int, float)
    rule = "a finite number of seconds, 0 or more" if zero_ok else "a positive, finite number of seconds"

    def check(value: typing.Any, name: str) -> typing.Any:
        # Compared, never converted: float(10**400) would raise OverflowError. NaN fails every comparison.
        if not (0 < of_type(value, name) <= threading.TIMEOUT_MAX or (zero_ok and value == 0)):
            raise ApiValueError(f"{name} must be {rule}, at most {threading.TIMEOUT_MAX:.0f}")
        return value

    return check


_str = _of_type("a str", str)
_optional_str = _of_type("a str or None", str, allow=(None,))
_bool = _of_type("a bool", bool)
_optional_int = _of_type("an int or None", int, allow=(None,))
_comma_separated = _of_type("a comma-separated str", str)
_retries_type = _of_type("an int, a urllib3.Retry, False or None", int, urllib3.Retry, allow=(None, False))


def _check_positive_int(value: typing.Any, name: str) -> typing.Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiValueError(f"{name} must be a positive int")
    return value


# What a urllib3.Timeout holds for a part left at urllib3's default (it differs between 1.26 and 2.x).
_TIMEOUT_SENTINELS = (urllib3.Timeout()._connect, urllib3.Timeout.DEFAULT_TIMEOUT)
_timeout_part = _seconds(zero_ok=False, what="seconds (int or float) or a (connect, read) pair")


def to_timeout(value: TimeoutValue, name: str) -> urllib3.Timeout:
    """``value`` (seconds, a (connect, read) pair or a urllib3 Timeout) as a urllib3 Timeout; ``name`` is blamed.

    Every number in it must be positive, finite and at most ``threading.TIMEOUT_MAX``.
    """
    if isinstance(value, urllib3.Timeout):
        # urllib3 checks its own parts, but lets NaN, infinity and huge numbers through.
        for part in (value._connect, value._read, value.total):
            if part is not None and not any(part is sentinel for sentinel in _TIMEOUT_SENTINELS):
                _timeout_part(part, name)
        return value
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ApiTypeError(f"{name} must be seconds or a (connect, read) pair, got a tuple of {len(value)}")
        return urllib3.Timeout(connect=_timeout_part(value[0], name), read=_timeout_part(value[1], name))
    seconds = _timeout_part(value, name)
    return urllib3.Timeout(connect=seconds, read=seconds)


def check_timeout(value: typing.Any, name: str) -> typing.Any:
    """``value`` itself, once ``to_timeout`` accepts it."""
    to_timeout(value, name)
    return value


def _parse_url(value: typing.Any, name: str) -> urllib3.util.Url:
    """``value`` parsed by urllib3; messages never show the URL, which may hold a password."""
    _str(value, name)
    if " " in value or not value.isprintable():
        raise ApiValueError(f"{name} must not contain spaces or control characters")
    try:
        url: typing.Optional[urllib3.util.Url] = urllib3.util.parse_url(value)
    except LocationParseError:
        url = None
    if url is None:
        # Raised outside the except block, so that urllib3's error is neither the cause nor the
        # context of ours: its message repeats the URL, password included.
        raise ApiValueError(
            f"{name} is not a valid URL (is the port 0-65535, an IPv6 address in [brackets], "
            "and are '/', '?' and '#' in a password percent-encoded?)")
    if not url.host:
        raise ApiValueError(f"{name} must name a host")
    return url


def _check_host(value: typing.Any, name: str) -> typing.Any:
    if value is None:
        return _server_url(_SERVERS, None, None)  # None picks the server at server_index; Slack has one
    _str(value, name)
    if not value.startswith(("http://", "https://")):
        raise ApiValueError(f"{name} must start with http:// or https://")
    if "@" in value:
        # Checked before parsing, so that a password holding '/' or '#' is caught too: credentials in
        # the base URL would go with every request and into logs. The token belongs in access_token.
        raise ApiValueError(f"{name} must not contain a user or password ('@'); give the token as access_token")
    url = _parse_url(value, name)
    if url.query is not None or url.fragment is not None:
        raise ApiValueError(f"{name} must not have a query ('?') or a fragment ('#')")
    return value.rstrip("/")


_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h", "socks4", "socks4a")


def check_proxy_url(value: typing.Any, name: str) -> str:
    """A proxy URL urllib3 can use: ``scheme://[user:password@]host[:port]``; ``name`` says where it came from.

    Used for ``configuration.proxy`` and for the environment's proxies alike.
    """
    url = _parse_url(value, name)
    if url.scheme not in _PROXY_SCHEMES:
        raise ApiValueError(f"{name} must be a URL with scheme {', '.join(_PROXY_SCHEMES)}")
    if url.path not in (None, "", "/") or url.query is not None or url.fragment is not None:
        # Most likely a password with an unencoded '/', '?' or '#', split off from the rest.
        raise ApiValueError(f"{name} must be scheme://[user:password@]host[:port], with no path, query or "
                            "fragment (percent-encode '/', '?' and '#' in a password)")
    return typing.cast(str, value)


def _check_proxy(value: typing.Any, name: str) -> typing.Any:
    if value is None or value == "":  # "" means no proxy, as an empty HTTPS_PROXY does
        return value
    return check_proxy_url(value, name)


def _server_url(servers: typing.List[typing.Dict[str, typing.Any]], index: typing.Optional[int],
                variables: typing.Optional[typing.Mapping[str, str]]) -> str:
    """The URL of ``servers[index or 0]`` with ``variables`` filled in; a variable it does not declare is refused."""
    index, variables = index or 0, variables or {}
    if not 0 <= index < len(servers):
        raise ApiValueError(f"configuration.server_index must be in range 0..{len(servers) - 1}, got {index}")
    url, declared = str(servers[index]["url"]), servers[index].get("variables", {})
    unknown = sorted(set(variables) - set(declared))
    if unknown:
        raise ApiValueError(f"configuration.server_variables has unknown variables {unknown}; "
                            f"{url} declares {sorted(declared) or 'none'}")
    for name, spec in declared.items():
        value = variables.get(name, spec["default_value"])
        if value not in spec.get("enum_values", (value,)):
            raise ApiValueError(f"configuration.server_variables[{name!r}] must be one of {spec['enum_values']}")
        url = url.replace("{" + name + "}", value)
    return url


def _check_retries(value: typing.Any, name: str) -> typing.Any:
    if value is True:
        raise ApiValueError(f"{name}=True is ambiguous; give a number of retries, a urllib3.Retry, or False")
    if isinstance(_retries_type(value, name), int) and value < 0:
        raise ApiValueError(f"{name} must not be negative")
    return value


def _check_pool_maxsize(value: typing.Any, name: str) -> typing.Any:
    return DEFAULT_CONNECTION_POOL_MAXSIZE if value is None else _check_positive_int(value, name)


def _check_str_dict(value: typing.Any, name: str) -> typing.Any:
    if value is None:
        return value
    if not isinstance(value, typing.Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ApiTypeError(f"{name} must be a dict of str to str, got {type(value).__name__}")
    return dict(value)


def _check_socket_options(value: typing.Any, name: str) -> typing.Any:
    if value is not None and (isinstance(value, (str, bytes)) or not isinstance(value, typing.Sequence) or not all(
            isinstance(option, tuple) and len(option) == 3 for option in value)):
        raise ApiTypeError(f"{name} must be a list of (level, option, value) tuples, got {type(value).__name__}")
    return value


def _keywords(value: str) -> typing.FrozenSet[str]:
    return frozenset(k.strip() for k in value.split(",")) - {""}


def _check_disabled(value: typing.Any, name: str) -> typing.Any:
    unknown = _keywords(_comma_separated(value, name)) - schemas.JSON_KEYWORDS
    if unknown:
        raise ApiValueError(f"{name} has unknown keywords {sorted(unknown)}; known: {sorted(schemas.JSON_KEYWORDS)}")
    return value


def _check_server_index(value: typing.Any, name: str) -> typing.Any:
    _server_url(_SERVERS, _optional_int(value, name), None)
    return value


def _check_server_variables(value: typing.Any, name: str) -> typing.Any:
    variables = {} if value is None else _check_str_dict(value, name)
    _server_url(_SERVERS, None, variables)  # refused, not ignored: Slack's server declares no variables
    return variables


class _Setting(typing.NamedTuple):
    """One setting of ``Configuration``, declared in its class body as ``name: type = _setting(...)``."""

    default: typing.Any
    check: Check
    doc: str

    def __repr__(self) -> str:  # what help(Configuration) shows for the setting
        return f"{self.default!r}  # {self.doc}"


def _setting(default: typing.Any, check: Check, doc: str) -> typing.Any:
    """A ``_Setting``, typed for mypy as whatever the attribute's annotation says."""
    return _Setting(default, check, doc)


class Configuration:
    """Settings for an ``ApiClient``; each is a constructor keyword and an attribute, checked when set."""

    _default: typing.ClassVar[typing.Optional["Configuration"]] = None
    _disabled_keywords: typing.FrozenSet[str]  # disabled_client_side_validations, parsed

    # The settings, one a line: name: type = _setting(default, check, meaning). __init__ assigns them in this
    # order (debug reads logger_format); its signature repeats them for IDEs and mypy.
    host: str = _setting(None, _check_host, f"base URL of the Web API; None means {DEFAULT_HOST}")
    access_token: typing.Optional[str] = _setting(None, _optional_str, "sent as 'Authorization: Bearer' on each call")
    verify_ssl: bool = _setting(True, _bool, "verify the server's TLS certificate")
    ssl_ca_cert: typing.Optional[str] = _setting(None, _optional_str, "CA bundle file or directory to verify with")
    cert_file: typing.Optional[str] = _setting(None, _optional_str, "client certificate, for mutual TLS")
    key_file: typing.Optional[str] = _setting(None, _optional_str, "client key, for mutual TLS")
    assert_hostname: typing.Union[bool, str, None] = _setting(
        None, _of_type("a str, False or None", str, allow=(None, False)),
        "the hostname the certificate must match, or False to skip that check")
    tls_server_name: typing.Optional[str] = _setting(None, _optional_str, "the name sent in TLS SNI and checked")
    connection_pool_maxsize: int = _setting(None, _check_pool_maxsize, "connections kept per host; None: CPUs x 5")
    proxy: typing.Optional[str] = _setting(None, _check_proxy, "proxy URL; user:password becomes Proxy-Authorization")
    proxy_headers: typing.Optional[typing.Dict[str, str]] = _setting(None, _check_str_dict, "headers for the proxy")
    socket_options: typing.Optional[typing.Sequence[typing.Tuple[int, int, typing.Any]]] = _setting(
        None, _check_socket_options, "socket options for new connections, as urllib3 takes them")
    retries: RetriesValue = _setting(None, _check_retries, f"an int, a Retry or 0/False; None: {DEFAULT_RETRIES}")
    max_retry_after: float = _setting(DEFAULT_MAX_RETRY_AFTER, _seconds(zero_ok=True),
                                      "longest Retry-After (s) waited out; a longer one raises at once")
    timeout: TimeoutValue = _setting(DEFAULT_TIMEOUT, check_timeout, "seconds, (connect, read) or a urllib3.Timeout")
    deadline: float = _setting(DEFAULT_DEADLINE, _seconds(zero_ok=False), "seconds for a whole call, retries included")
    max_response_bytes: int = _setting(DEFAULT_MAX_RESPONSE_BYTES, _check_positive_int, "the largest body read")
    trust_env: bool = _setting(True, _bool, "honour *_PROXY, NO_PROXY, SSL_CERT_FILE and SSL_CERT_DIR")
    logger_format: str = _setting(DEFAULT_LOGGER_FORMAT, _str, "format of the package's log handler")
    debug: bool = _setting(False, _bool, "DEBUG logging for slack and urllib3, to stderr or logger_file")
    logger_file: typing.Optional[str] = _setting(None, _optional_str, "also write the package's log to this file")
    discard_unknown_keys: bool = _setting(False, _bool, "drop response keys the schema does not declare")
    disabled_client_side_validations: str = _setting("", _check_disabled, "comma-separated keywords not to check")
    server_index: typing.Optional[int] = _setting(None, _check_server_index, "the server host=None picks")
    server_variables: typing.Dict[str, str] = _setting(None, _check_server_variables, "its variables (Slack's: none)")

    def __init__(  # the settings above, with their types and defaults: a test keeps the two equal
        self, host: typing.Optional[str] = None, access_token: typing.Optional[str] = None, *,
        verify_ssl: bool = True, ssl_ca_cert: typing.Optional[str] = None, cert_file: typing.Optional[str] = None,
        key_file: typing.Optional[str] = None, assert_hostname: typing.Union[bool, str, None] = None,
        tls_server_name: typing.Optional[str] = None, connection_pool_maxsize: typing.Optional[int] = None,
        proxy: typing.Optional[str] = None, proxy_headers: typing.Optional[typing.Mapping[str, str]] = None,
        socket_options: typing.Optional[typing.Sequence[typing.Tuple[int, int, typing.Any]]] = None,
        retries: RetriesValue = None, max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        timeout: TimeoutValue = DEFAULT_TIMEOUT, deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES, trust_env: bool = True,
        logger_format: str = DEFAULT_LOGGER_FORMAT, debug: bool = False, logger_file: typing.Optional[str] = None,
        discard_unknown_keys: bool = False, disabled_client_side_validations: str = "",
        server_index: typing.Optional[int] = None, server_variables: typing.Optional[typing.Mapping[str, str]] = None,
    ) -> None:
        arguments = locals()
        for name in _SETTINGS:
            setattr(self, name, arguments[name])

    def __setattr__(self, name: str, value: typing.Any) -> None:
        setting = _SETTINGS.get(name)
        if setting is not None:
            value = setting.check(value, f"configuration.{name}")
        super().__setattr__(name, value)
        if name == "disabled_client_side_validations":
            super().__setattr__("_disabled_keywords", _keywords(value))
        elif name in ("debug", "logger_file") and (value or self.__dict__.get("_logging_applied")):
            # Only a Configuration that asked for logging touches the global loggers.
            super().__setattr__("_logging_applied", True)
            self._apply_logging()

    def get_host_settings(self) -> typing.List[typing.Dict[str, typing.Any]]:
        return copy.deepcopy(_SERVERS)

    def get_host_from_settings(
        self,
        index: typing.Optional[int],
        variables: typing.Optional[typing.Dict[str, str]] = None,
        servers: typing.Optional[typing.List[typing.Dict[str, typing.Any]]] = None,
    ) -> str:
        return _server_url(_SERVERS if servers is None else servers, index, variables)

    def auth_settings(self) -> typing.Dict[str, typing.Dict[str, str]]:
        """The ``slackAuth`` scheme: ``Authorization: Bearer <access_token>``, when a token is set."""
        if self.access_token is None:  # an empty token is not "no token": it is refused when used
            return {}
        return {"slackAuth": {"type": "oauth2", "in": "header", "key": "Authorization",
                              "value": "Bearer " + self.access_token}}

    @classmethod
    def set_default(cls, default: typing.Optional["Configuration"]) -> None:
        """Make ``default`` (a copy of it) what ``ApiClient()`` uses when given no configuration."""
        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> "Configuration":
        if cls._default is None:
            return cls()
        return copy.deepcopy(cls._default)

    def _apply_logging(self) -> None:
        """``debug`` turns on the package's DEBUG log (never http.client's prints, which leak headers)."""
        level = logging.DEBUG if self.debug else logging.NOTSET
        for name in ("slack", "urllib3"):
            logging.getLogger(name).setLevel(level)
        _set_handler(self.__dict__.get("logger_file"), self.logger_format, self.debug)  # set after debug

    def to_debug_report(self) -> str:
        import platform  # here, not at the top: only this report needs it, and it is slow to import

        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform} ({platform.platform()})\n"
            f"Python Version: {sys.version.split()[0]}\n"
            f"urllib3 Version: {urllib3_version}\n"
            f"Version of the API: {API_VERSION}\n"
            f"SDK Package Version: {__version__}\n"
            f"Host: {redact_url(self.host)}"
        )

    def __repr__(self) -> str:
        shown = {name: getattr(self, name) for name in ("host", "access_token", "verify_ssl", "proxy", "retries",
                                                         "timeout", "deadline", "max_response_bytes", "trust_env",
                                                         "debug")}
        shown.update(host=redact_url(self.host), access_token="(redacted)" if self.access_token else None,
                     proxy=redact_url(self.proxy) if self.proxy else None)
        return "Configuration(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"


_SETTINGS: typing.Dict[str, _Setting] = {
    name: setting for name, setting in vars(Configuration).items() if isinstance(setting, _Setting)}

_handler: typing.Optional[logging.Handler] = None


def _set_handler(logger_file: typing.Optional[str], fmt: str, debug: bool) -> None:
    """Keep at most one handler of ours on the package logger: a file, or stderr in debug mode."""
    global _handler
    if _handler is not None:
        _logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    if logger_file is None and not debug:
        return
    _handler = logging.FileHandler(logger_file) if logger_file else logging.StreamHandler()
    _handler.setFormatter(logging.Formatter(fmt))
    _logger.addHandler(_handler)
