# hand-written in the generated style
"""The transport: one urllib3 pool per client, built from the configuration.

``RESTClientObject`` sends a request and returns urllib3's response. Retries are
urllib3's own ``Retry`` (``SlackRetry`` adds Slack's rate-limit rules), and every
urllib3 failure becomes an ``ApiConnectionError`` or ``ApiTimeoutError`` in one
place, ``_transport_error``. Works with urllib3 1.26.x and 2.x.
"""
import logging
import os
import time
import typing
import urllib.parse

import certifi
import urllib3
from urllib3 import exceptions as u3

from slack._redact import redact_headers, redact_url
from slack.configuration import Configuration, TimeoutValue, check_timeout
from slack.exceptions import ApiConnectionError, ApiTimeoutError, ApiValueError

__all__ = ["RESTClientObject", "SlackRetry", "default_retry", "retry_after_seconds"]

_logger = logging.getLogger("slack")

Response = urllib3.HTTPResponse


class SlackRetry(urllib3.Retry):
    """urllib3's ``Retry`` with Slack's rate-limit rules.

    Only a 429 carries a ``Retry-After`` worth waiting for; one longer than
    ``max_retry_after`` seconds is not waited out (the caller gets the 429 at
    once); a malformed ``Retry-After`` is ignored rather than crashing or hanging.
    """

    RETRY_AFTER_STATUS_CODES = frozenset({429})

    def __init__(self, *args: typing.Any, max_retry_after: float = 30.0, **kwargs: typing.Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_retry_after = max_retry_after

    def new(self, **kw: typing.Any) -> "SlackRetry":
        kw.setdefault("max_retry_after", self.max_retry_after)
        return super().new(**kw)

    def get_retry_after(self, response: typing.Any) -> typing.Optional[float]:
        return retry_after_seconds(response.headers)

    def increment(self, method: typing.Any = None, url: typing.Any = None, response: typing.Any = None,
                  error: typing.Any = None, _pool: typing.Any = None, _stacktrace: typing.Any = None) -> "SlackRetry":
        if response is not None and response.status == 429:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.max_retry_after:
                # urllib3 hands the caller this last response (raise_on_status=False).
                raise u3.MaxRetryError(_pool, url, u3.ResponseError("Retry-After exceeds max_retry_after"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


_PARSER = urllib3.Retry(0)


def retry_after_seconds(headers: typing.Mapping[str, str]) -> typing.Optional[float]:
    """Seconds from a ``Retry-After`` header (delay or HTTP date), or None when absent or malformed."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    digits = value.strip()
    if digits.isascii() and digits.isdigit():
        # Delay-seconds, Slack's form. Read here, not by urllib3: 2.x caps it at 6 h and 1.26
        # fails past float's range; the caller should see what Slack asked for (inf if absurd).
        return float(digits)
    try:
        return float(_PARSER.parse_retry_after(value))
    except (u3.InvalidHeader, ValueError, OverflowError, TypeError):
        return None


def default_retry(total: int = 3, max_retry_after: float = 30.0) -> SlackRetry:
    """Connection failures and 429 only, at most ``total`` retries in all, with backoff.

    Read timeouts are not retried: the request may have reached Slack, and
    a caller who set ``timeout=0.5`` wants an answer in about that time.
    """
    return SlackRetry(
        total=total,
        connect=total,
        read=False,
        status=total,
        other=0,
        redirect=False,
        status_forcelist=(429,),
        allowed_methods=None,
        backoff_factor=0.5,
        raise_on_status=False,
        respect_retry_after_header=True,
        max_retry_after=max_retry_after,
    )


def _retries(configuration: Configuration) -> urllib3.Retry:
    value = configuration.retries
    if isinstance(value, urllib3.Retry):
        # With raise_on_status urllib3 drops the last response and raises MaxRetryError, so a
        # caller would get a status-0 connection error for a 429; we want the ApiException for it.
        return value.new(raise_on_status=False) if value.raise_on_status else value
    total = 3 if value is None else int(value)
    return default_retry(total, configuration.max_retry_after)


def to_timeout(value: TimeoutValue) -> urllib3.Timeout:
    if isinstance(value, urllib3.Timeout):
        return value
    if isinstance(value, tuple):
        return urllib3.Timeout(connect=value[0], read=value[1])
    return urllib3.Timeout(connect=value, read=value)


def _proxy_url(configuration: Configuration) -> typing.Optional[str]:
    """The configured proxy, else (with trust_env) the environment's for the host."""
    if configuration.proxy:
        return configuration.proxy
    if not configuration.trust_env:
        return None
    import urllib.request  # here, not at the top: only building a client needs it, and it is slow to import

    host_url = urllib3.util.parse_url(configuration.host)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(host_url.scheme or "https") or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host_url.netloc or ""):
        return None
    return proxy


def _ca_kwargs(configuration: Configuration) -> typing.Dict[str, typing.Any]:
    if not configuration.verify_ssl:
        return {"cert_reqs": "CERT_NONE"}
    ca_file = configuration.ssl_ca_cert
    ca_dir = None
    if ca_file is None and configuration.trust_env:
        ca_file = os.environ.get("SSL_CERT_FILE") or None
        ca_dir = os.environ.get("SSL_CERT_DIR") or None
    if ca_file is not None and os.path.isdir(ca_file):
        ca_file, ca_dir = None, ca_file
    if ca_file is None and ca_dir is None:
        ca_file = certifi.where()
    # CERT_REQUIRED is urllib3's default (1.26 and 2.x); every pool setting we pass
    # is re-processed on each request, so pass only what differs from the defaults.
    settings = {"ca_certs": ca_file, "ca_cert_dir": ca_dir}
    return {key: value for key, value in settings.items() if value is not None}


class RESTClientObject:
    """Sends requests through one ``PoolManager`` (or ``ProxyManager``) built from a ``Configuration``."""

    def __init__(self, configuration: Configuration) -> None:
        self.timeout = to_timeout(configuration.timeout)
        kwargs: typing.Dict[str, typing.Any] = {
            "num_pools": 4,
            "maxsize": configuration.connection_pool_maxsize,
            "retries": _retries(configuration),
            "timeout": self.timeout,
            **_ca_kwargs(configuration),
        }
        for name, key in (("cert_file", "cert_file"), ("key_file", "key_file"),
                          ("assert_hostname", "assert_hostname"), ("tls_server_name", "server_hostname"),
                          ("socket_options", "socket_options")):
            value = getattr(configuration, name)
            if value is not None:
                kwargs[key] = value

        proxy = _proxy_url(configuration)
        self.proxy = redact_url(proxy)
        self.pool_manager: urllib3.PoolManager
        if proxy is None:
            self.pool_manager = urllib3.PoolManager(**kwargs)
        else:
            self.pool_manager = _proxy_manager(proxy, configuration.proxy_headers, kwargs)
        # Without a proxy, calls to the configured host go straight to that host's pool:
        # PoolManager would otherwise rebuild the pool's lookup key from every setting
        # on every request, a measurable part of a call's cost.
        origin = urllib3.util.parse_url(configuration.host)
        self._origin = f"{origin.scheme}://{origin.netloc}" if proxy is None else None
        self._pool: typing.Optional[typing.Any] = None

    def request(
        self,
        method: str,
        url: str,
        headers: typing.Mapping[str, str],
        timeout: typing.Optional[TimeoutValue] = None,
        stream: bool = False,
    ) -> Response:
        """Send one request; urllib3 failures come out as ``ApiConnectionError``/``ApiTimeoutError``."""
        call_timeout = self.timeout if timeout is None else to_timeout(check_timeout(timeout, "timeout"))
        debug = _logger.isEnabledFor(logging.DEBUG)
        start = time.monotonic() if debug else 0.0
        try:
            if self._origin is not None and url.startswith(self._origin + "/"):
                pool = self._pool
                if pool is None:
                    pool = self._pool = self.pool_manager.connection_from_url(self._origin)
                response = pool.urlopen(method, url[len(self._origin):], headers=headers, timeout=call_timeout,
                                        redirect=False, preload_content=not stream, assert_same_host=False)
            else:
                response = self.pool_manager.urlopen(
                    method, url, headers=headers, timeout=call_timeout, redirect=False, preload_content=not stream)
        except (u3.HTTPError, OSError) as e:
            if debug:
                _logger.debug("%s %s failed: %s", method, redact_url(url), type(e).__name__)
            raise _transport_error(e) from e
        if debug:
            _logger.debug(
                "%s %s -> %s %s in %.1f ms; request headers %s",
                method, redact_url(url), response.status, response.reason,
                (time.monotonic() - start) * 1000, redact_headers(headers),
            )
        return typing.cast(Response, response)

    def close(self) -> None:
        self._pool = None
        self.pool_manager.clear()


def read_body(response: Response) -> bytes:
    """The whole body of a response (also a streamed one), with transport failures mapped."""
    try:
        return response.data
    except (u3.HTTPError, OSError) as e:
        raise _transport_error(e) from e


def _proxy_manager(proxy: str, proxy_headers: typing.Optional[typing.Mapping[str, str]],
                   kwargs: typing.Dict[str, typing.Any]) -> urllib3.PoolManager:
    parsed = urllib3.util.parse_url(proxy)
    headers = dict(proxy_headers or {})
    if parsed.auth:
        # urllib3 does not send a proxy URL's credentials by itself; strip them from
        # the URL too, so that they never show in a log line or an error message.
        user, _, password = parsed.auth.partition(":")
        headers.update(urllib3.util.make_headers(
            proxy_basic_auth=f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"))
        parsed = parsed._replace(auth=None)
    if parsed.scheme and parsed.scheme.startswith("socks"):
        try:
            from urllib3.contrib.socks import SOCKSProxyManager
        except ImportError:
            raise ApiValueError("a socks proxy needs PySocks: pip install 'urllib3[socks]'") from None
        return typing.cast(urllib3.PoolManager, SOCKSProxyManager(proxy, headers=headers or None, **kwargs))
    try:
        return urllib3.ProxyManager(parsed.url, proxy_headers=headers or None, **kwargs)
    except (u3.ProxySchemeUnknown, u3.LocationValueError) as e:
        raise ApiValueError(f"the proxy URL {redact_url(proxy)!r} is not usable: {type(e).__name__}") from None


def _transport_error(e: Exception) -> ApiConnectionError:
    """The one place that turns a urllib3 (or socket) failure into our exception tree."""
    cause: typing.Any = e
    if isinstance(cause, u3.MaxRetryError) and cause.reason is not None:
        cause = cause.reason
    if isinstance(cause, u3.ProxyError):
        return ApiConnectionError(f"could not reach the proxy ({_describe(cause.original_error)})",
                                  reason="proxy failure")
    # NewConnectionError subclasses ConnectTimeoutError in urllib3, so test it first.
    if isinstance(cause, u3.NewConnectionError):
        return ApiConnectionError(f"could not connect ({_describe(cause)})", reason="connection failed")
    if isinstance(cause, (u3.ConnectTimeoutError, u3.ReadTimeoutError, TimeoutError)):
        return ApiTimeoutError(f"timed out ({_describe(cause)})", reason="timeout")
    if isinstance(cause, u3.SSLError):
        return ApiConnectionError(f"TLS failed ({_describe(cause)})", reason="TLS failure")
    if isinstance(cause, (u3.ProtocolError, ConnectionError)):
        return ApiConnectionError(f"the connection was dropped ({_describe(cause)})", reason="connection dropped")
    if isinstance(cause, u3.LocationValueError):
        return ApiConnectionError(f"the URL is not valid ({_describe(cause)})", reason="bad URL")
    return ApiConnectionError(f"the request failed ({_describe(cause)})", reason="transport failure")


def _describe(error: typing.Any) -> str:
    """A short, secret-free description of a transport error."""
    text = str(error)
    # urllib3 prefixes messages with the connection object's repr; keep the human part.
    if ">: " in text:
        text = text.split(">: ", 1)[1]
    return f"{type(error).__name__}: {redact_url(text)}" if text else type(error).__name__
