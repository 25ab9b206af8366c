# hand-written in the generated style
"""``Configuration``: where to call (host), how to authenticate, and how the transport behaves.

Every attribute is also a constructor keyword. Settings are checked when they
are set, so a bad value fails at once with a message naming the setting,
never later in the middle of a call.
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
from slack.exceptions import ApiTypeError, ApiValueError

__all__ = ["Configuration", "DEFAULT_HOST", "DEFAULT_TIMEOUT", "check_proxy_url", "check_timeout"]

# The defaults, in one place: every module that needs one imports it from here.
DEFAULT_HOST = "https://slack.com/api"
DEFAULT_TIMEOUT = 30.0  # seconds, for connecting and for each read
DEFAULT_DEADLINE = 120.0  # seconds for a whole call: every attempt, wait and byte
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF_FACTOR = 0.5  # urllib3's: waits of 0, 1, 2 s between attempts
DEFAULT_MAX_RETRY_AFTER = 30.0  # seconds; a 429 asking for longer is not waited out
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
API_VERSION = "1.7.0"

TimeoutValue = typing.Union[int, float, typing.Tuple[float, float], urllib3.Timeout]
RetriesValue = typing.Union[bool, int, urllib3.Retry, None]

_SERVERS: typing.List[typing.Dict[str, typing.Any]] = [
    {"url": DEFAULT_HOST, "description": "Slack Web API", "variables": {}},
]

_logger = logging.getLogger("slack")


def check_timeout(value: typing.Any, name: str) -> typing.Any:
    """Accept seconds, a (connect, read) pair or a urllib3 Timeout; name the setting when not.

    Every number in it must be positive, finite and at most ``threading.TIMEOUT_MAX``:
    a larger one would fail deep inside a socket or a lock wait, mid-call.
    """
    if isinstance(value, urllib3.Timeout):
        # urllib3 checks its own parts, but lets NaN, infinity and huge numbers through.
        for part in (value._connect, value._read, value.total):
            if part is not None and not any(part is sentinel for sentinel in _TIMEOUT_SENTINELS):
                _check_timeout_part(part, name)
        return value
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ApiTypeError(f"{name} must be seconds or a (connect, read) pair, got a tuple of {len(value)}")
        _check_timeout_part(value[0], name)
        _check_timeout_part(value[1], name)
        return value
    _check_timeout_part(value, name)
    return value


# What a urllib3.Timeout holds for a part left at urllib3's default (it differs between 1.26 and 2.x).
_TIMEOUT_SENTINELS = (urllib3.Timeout()._connect, urllib3.Timeout.DEFAULT_TIMEOUT)


def _check_timeout_part(part: typing.Any, name: str) -> None:
    if isinstance(part, bool) or not isinstance(part, (int, float)):
        raise ApiTypeError(
            f"{name} must be seconds (int or float) or a (connect, read) pair, got {type(part).__name__}")
    # Compared, never converted: float(10**400) would raise OverflowError.
    if not 0 < part <= threading.TIMEOUT_MAX:
        raise ApiValueError(
            f"{name} must be a positive, finite number of seconds, at most {threading.TIMEOUT_MAX:.0f}")


def _check_retries(value: typing.Any, name: str) -> typing.Any:
    if value is None or isinstance(value, urllib3.Retry):
        return value
    if isinstance(value, bool):
        if value:
            raise ApiValueError(f"{name}=True is ambiguous; give a number of retries, a urllib3.Retry, or False")
        return value
    if not isinstance(value, int):
        raise ApiTypeError(f"{name} must be an int, a urllib3.Retry, False or None, got {type(value).__name__}")
    if value < 0:
        raise ApiValueError(f"{name} must not be negative")
    return value


def _check_seconds(value: typing.Any, name: str) -> typing.Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(f"{name} must be seconds (int or float), got {type(value).__name__}")
    # Compared, never converted: float(10**400) would raise OverflowError.
    if not 0 <= value <= threading.TIMEOUT_MAX:
        raise ApiValueError(
            f"{name} must be a finite number of seconds, 0 or more, at most {threading.TIMEOUT_MAX:.0f}")
    return value


def _check_positive_seconds(value: typing.Any, name: str) -> typing.Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(f"{name} must be seconds (int or float), got {type(value).__name__}")
    if not 0 < value <= threading.TIMEOUT_MAX:
        raise ApiValueError(f"{name} must be a positive, finite number of seconds")
    return value


def _check_pool_size(value: typing.Any, name: str) -> typing.Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiValueError(f"{name} must be a positive int")
    return value


def _parse_url(value: typing.Any, name: str) -> urllib3.util.Url:
    """``value`` parsed by urllib3; messages never show the URL, which may hold a password."""
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a str, got {type(value).__name__}")
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
        return value
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a str, got {type(value).__name__}")
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


def _type_check(kind: type, what: str, optional: bool = False) -> typing.Callable[[typing.Any, str], typing.Any]:
    def check(value: typing.Any, name: str) -> typing.Any:
        if not isinstance(value, kind) and not (optional and value is None):
            raise ApiTypeError(f"{name} must be {what}, got {type(value).__name__}")
        return value

    return check


_check_optional_str = _type_check(str, "a str or None", optional=True)
_check_bool = _type_check(bool, "a bool")
_check_str = _type_check(str, "a str")


def _check_disabled(value: typing.Any, name: str) -> typing.Any:
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a comma-separated str, got {type(value).__name__}")
    unknown = {k.strip() for k in value.split(",") if k.strip()} - schemas.JSON_KEYWORDS
    if unknown:
        raise ApiValueError(f"{name} has unknown keywords {sorted(unknown)}; known: {sorted(schemas.JSON_KEYWORDS)}")
    return value


def _check_assert_hostname(value: typing.Any, name: str) -> typing.Any:
    if value is not None and value is not False and not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a str, False or None, got {type(value).__name__}")
    return value


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


def _check_server_index(value: typing.Any, name: str) -> typing.Any:
    if value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiTypeError(f"{name} must be an int or None, got {type(value).__name__}")
    if not 0 <= value < len(_SERVERS):
        raise ApiValueError(f"{name} must be in range 0..{len(_SERVERS) - 1}, got {value}")
    return value


# How each setting is checked when it is assigned.
_CHECKS: typing.Dict[str, typing.Callable[[typing.Any, str], typing.Any]] = {
    "access_token": _check_optional_str,
    "verify_ssl": _check_bool,
    "ssl_ca_cert": _check_optional_str,
    "cert_file": _check_optional_str,
    "key_file": _check_optional_str,
    "tls_server_name": _check_optional_str,
    "assert_hostname": _check_assert_hostname,
    "proxy_headers": _check_str_dict,
    "socket_options": _check_socket_options,
    "logger_format": _check_str,
    "server_index": _check_server_index,
    "server_variables": _check_str_dict,
    "proxy": _check_proxy,
    "connection_pool_maxsize": _check_pool_size,
    "retries": _check_retries,
    "max_retry_after": _check_seconds,
    "timeout": check_timeout,
    "deadline": _check_positive_seconds,
    "max_response_bytes": _check_pool_size,
    "trust_env": _check_bool,
    "debug": _check_bool,
    "logger_file": _check_optional_str,
    "discard_unknown_keys": _check_bool,
    "disabled_client_side_validations": _check_disabled,
}


class Configuration:
    """Settings for an ``ApiClient``. See the README's configuration table for each one."""

    _default: typing.ClassVar[typing.Optional["Configuration"]] = None

    def __init__(
        self,
        host: typing.Optional[str] = None,
        access_token: typing.Optional[str] = None,
        *,
        verify_ssl: bool = True,
        ssl_ca_cert: typing.Optional[str] = None,
        cert_file: typing.Optional[str] = None,
        key_file: typing.Optional[str] = None,
        assert_hostname: typing.Union[bool, str, None] = None,
        tls_server_name: typing.Optional[str] = None,
        connection_pool_maxsize: typing.Optional[int] = None,
        proxy: typing.Optional[str] = None,
        proxy_headers: typing.Optional[typing.Mapping[str, str]] = None,
        socket_options: typing.Optional[typing.Sequence[typing.Tuple[int, int, typing.Any]]] = None,
        retries: RetriesValue = None,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        timeout: TimeoutValue = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        trust_env: bool = True,
        debug: bool = False,
        logger_file: typing.Optional[str] = None,
        logger_format: str = "%(asctime)s %(levelname)s %(name)s %(message)s",
        discard_unknown_keys: bool = False,
        disabled_client_side_validations: str = "",
        server_index: typing.Optional[int] = None,
        server_variables: typing.Optional[typing.Dict[str, str]] = None,
    ) -> None:
        self.server_index = server_index
        self.server_variables = {} if server_variables is None else server_variables
        self._host: typing.Optional[str] = None
        self.host = host
        self.access_token = access_token
        self.verify_ssl = verify_ssl
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file = cert_file
        self.key_file = key_file
        self.assert_hostname = assert_hostname
        self.tls_server_name = tls_server_name
        self.connection_pool_maxsize = (
            (os.cpu_count() or 2) * 5 if connection_pool_maxsize is None else connection_pool_maxsize)
        self.proxy = proxy
        self.proxy_headers = proxy_headers
        self.socket_options = socket_options
        self.retries = retries
        self.max_retry_after = max_retry_after
        self.timeout = timeout
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self.trust_env = trust_env
        self.logger_format = logger_format
        # debug first: setting logger_file applies logging, which reads debug.
        self.debug = debug
        self.logger_file = logger_file
        self.discard_unknown_keys = discard_unknown_keys
        self.disabled_client_side_validations = disabled_client_side_validations

    def __setattr__(self, name: str, value: typing.Any) -> None:
        check = _CHECKS.get(name)
        if check is not None:
            value = check(value, f"configuration.{name}")
        super().__setattr__(name, value)
        if name == "disabled_client_side_validations":
            keywords = frozenset(k.strip() for k in value.split(",") if k.strip())
            super().__setattr__("disabled_keywords_oapg", keywords)
        elif name in ("debug", "logger_file") and (value or self.__dict__.get("_logging_applied")):
            # Only a Configuration that asked for logging touches the global loggers.
            super().__setattr__("_logging_applied", True)
            self._apply_logging()

    # --- host -------------------------------------------------------------------------------------

    @property
    def host(self) -> str:
        """The base URL; set it directly, or pick one of ``get_host_settings()`` by ``server_index``."""
        if self._host is not None:
            return self._host
        return self.get_host_from_settings(self.server_index, self.server_variables)

    @host.setter
    def host(self, value: typing.Optional[str]) -> None:
        self._host = _check_host(value, "configuration.host")

    def get_host_settings(self) -> typing.List[typing.Dict[str, typing.Any]]:
        return copy.deepcopy(_SERVERS)

    def get_host_from_settings(
        self,
        index: typing.Optional[int],
        variables: typing.Optional[typing.Dict[str, str]] = None,
        servers: typing.Optional[typing.List[typing.Dict[str, typing.Any]]] = None,
    ) -> str:
        servers = self.get_host_settings() if servers is None else servers
        index = 0 if index is None else index
        if not 0 <= index < len(servers):
            raise ApiValueError(f"configuration.server_index must be in range 0..{len(servers) - 1}, got {index}")
        server = servers[index]
        url = str(server["url"])
        variables = variables or {}
        for name, spec in server.get("variables", {}).items():
            value = variables.get(name, spec["default_value"])
            if "enum_values" in spec and value not in spec["enum_values"]:
                raise ApiValueError(f"configuration.server_variables[{name!r}] must be one of {spec['enum_values']}")
            url = url.replace("{" + name + "}", value)
        return url

    # --- auth -------------------------------------------------------------------------------------

    def auth_settings(self) -> typing.Dict[str, typing.Dict[str, str]]:
        """The ``slackAuth`` scheme: ``Authorization: Bearer <access_token>``, when a token is set."""
        if self.access_token is None:
            # An empty token is not "no token": it is refused when used, like any unsendable one.
            return {}
        return {
            "slackAuth": {
                "type": "oauth2",
                "in": "header",
                "key": "Authorization",
                "value": "Bearer " + self.access_token,
            }
        }

    # --- defaults ---------------------------------------------------------------------------------

    @classmethod
    def set_default(cls, default: typing.Optional["Configuration"]) -> None:
        """Make ``default`` (a copy of it) what ``ApiClient()`` uses when given no configuration."""
        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> "Configuration":
        if cls._default is None:
            return cls()
        return copy.deepcopy(cls._default)

    # --- logging ----------------------------------------------------------------------------------

    def _apply_logging(self) -> None:
        """``debug`` turns on the package's DEBUG log (never http.client's prints, which leak headers)."""
        level = logging.DEBUG if self.debug else logging.NOTSET
        for name in ("slack", "urllib3"):
            logging.getLogger(name).setLevel(level)
        _set_handler(getattr(self, "logger_file", None), self.logger_format, self.debug)

    def to_debug_report(self) -> str:
        import platform  # here, not at the top: only this report needs it, and it is slow to import

        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform} ({platform.platform()})\n"
            f"Python Version: {sys.version.split()[0]}\n"
            f"urllib3 Version: {urllib3_version}\n"
            f"Version of the API: {API_VERSION}\n"
            f"SDK Package Version: {_sdk_version()}\n"
            f"Host: {redact_url(self.host)}"
        )

    def __repr__(self) -> str:
        shown = {
            "host": redact_url(self.host),
            "access_token": "(redacted)" if self.access_token else None,
            "verify_ssl": self.verify_ssl,
            "proxy": redact_url(self.proxy) if self.proxy else None,
            "retries": self.retries,
            "timeout": self.timeout,
            "deadline": self.deadline,
            "max_response_bytes": self.max_response_bytes,
            "trust_env": self.trust_env,
            "debug": self.debug,
        }
        return "Configuration(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"


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


def _sdk_version() -> str:
    from slack import __version__

    return __version__
