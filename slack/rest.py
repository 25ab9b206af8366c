"""The transport: one urllib3 pool per client, built from the configuration.

``RESTClientObject`` sends a request and returns urllib3's response. Retries are
urllib3's own ``Retry`` (``SlackRetry`` adds Slack's rate-limit rules), and every
urllib3 failure becomes an ``ApiConnectionError`` or ``ApiTimeoutError`` in one
place, ``_transport_error``. Works with urllib3 1.26.x and 2.x.
"""
import functools
import http.client
import logging
import os
import socket
import threading
import time
import typing
import urllib.parse

import certifi
import urllib3
from urllib3 import exceptions as u3

from slack._redact import redact_headers, redact_url
from slack.configuration import (
    DEFAULT_BACKOFF_FACTOR,
    DEFAULT_MAX_RETRY_AFTER,
    DEFAULT_RETRIES,
    Configuration,
    TimeoutValue,
    check_proxy_url,
    to_timeout,
)
from slack.exceptions import ApiConnectionError, ApiException, ApiTimeoutError, ApiValueError

__all__ = ["RESTClientObject", "SlackRetry", "default_retry", "read_body", "retry_after_seconds"]

_logger = logging.getLogger("slack")

Response = urllib3.HTTPResponse

# --- the deadline of a call ----------------------------------------------------------------------
#
# urllib3's timeouts bound each socket operation, so a server that trickles bytes can keep a call
# alive for ever. Each call therefore registers a deadline with one watchdog thread, which shuts
# down the call's socket when the deadline passes; the blocked read then fails at once. Waits
# between attempts check the deadline before they start. The call's state lives in a thread-local,
# because urllib3 runs the whole call (retries included) in the caller's thread.

_sleep = time.sleep  # the one clock for planned waits (backoff, Retry-After); tests replace it
_local = threading.local()


class _Call:
    """One call in flight: when it must end, and the socket to cut if it does not."""

    __slots__ = ("at", "closed", "expired", "lock", "owned", "reused", "seconds", "sock", "stale_retried")

    def __init__(self, seconds: float) -> None:
        # Guards sock against the watchdog: once a connection goes back to the pool (detach), another
        # thread may take it, and a deadline of this call must not cut that thread's request.
        self.lock = threading.Lock()
        self.at = time.monotonic() + seconds
        self.seconds = seconds
        self.sock: typing.Optional[socket.socket] = None
        self.owned: typing.Optional[socket.socket] = None  # a dup() of a new connection's socket, ours to close
        self.expired = False
        self.closed = False  # ended by the client's close(), not by the deadline
        self.reused = False  # the current attempt went out on a kept-alive connection
        self.stale_retried = False

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def check(self) -> None:
        """Raise inside urllib3's call, cutting the socket, once the deadline has passed."""
        if self.expired or self.at <= time.monotonic():
            self.expire()
            raise _DeadlineExceeded("the deadline passed")

    def attach(self, sock: typing.Any, dup: bool = False) -> None:
        """Make ``sock`` the one the watchdog cuts; fail at once if the deadline has passed.

        A new connection's socket is attached as a ``dup()``: wrapping it in TLS detaches the
        original, and the copy still reaches the connection, handshake included.
        """
        if isinstance(sock, socket.socket):
            with self.lock:
                self._release()
                self.sock = sock.dup() if dup else sock
                self.owned = self.sock if dup else None
        self.check()

    def detach(self) -> None:
        """The connection goes back to the pool: from now on it is not this call's to cut."""
        with self.lock:
            self._release()
            self.sock = None

    def _release(self) -> None:
        if self.owned is not None:
            self.owned.close()
            self.owned = None

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            if self.sock is not None:
                try:
                    # The plain socket's shutdown, even for TLS: it wakes a blocked read without
                    # touching the SSL object, which the reading thread may be using.
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)
                except OSError:
                    pass


class _DeadlineExceeded(u3.HTTPError):
    """Raised inside urllib3's call when the deadline has passed or a wait would cross it."""


def _current() -> typing.Optional[_Call]:
    return getattr(_local, "call", None)


class _Watchdog:
    """One daemon thread that expires calls at their deadlines; it sleeps while none is due."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self._pid = os.getpid()
        self._cond = threading.Condition(threading.Lock())
        self._calls: typing.Set[_Call] = set()
        self._wake_at = float("inf")
        self._thread: typing.Optional[threading.Thread] = None

    def watch(self, call: _Call) -> None:
        if self._pid != os.getpid():
            # A fork's child has neither the thread nor, perhaps, a usable lock: start afresh.
            # (Checked here rather than with os.register_at_fork, which costs the import milliseconds.)
            self._start()
        with self._cond:
            self._calls.add(call)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="slack-deadline", daemon=True)
                self._thread.start()
            if call.at < self._wake_at:
                self._cond.notify()

    def unwatch(self, call: _Call) -> None:
        with self._cond:
            self._calls.discard(call)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for call in [c for c in self._calls if c.at <= now]:
                    self._calls.discard(call)
                    call.expire()
                self._wake_at = min((c.at for c in self._calls), default=float("inf"))
                self._cond.wait(self._wake_at - now if self._calls else None)


_watchdog = _Watchdog()


def _wait(seconds: float) -> None:
    """A planned wait between attempts; one that would end past the deadline is not started."""
    if seconds <= 0:
        return
    call = _current()
    if call is not None and seconds >= call.remaining():
        raise _DeadlineExceeded(f"the next attempt would start after the deadline (wait {seconds:g} s)")
    _sleep(seconds)


# --- connections that keep to the deadline -------------------------------------------------------


class _HeadersReader:
    """``fp`` for reading a response head: notes whether the connection ended inside it."""

    __slots__ = ("_fp", "ended")

    def __init__(self, fp: typing.Any) -> None:
        self._fp = fp
        self.ended = False

    def readline(self, limit: int = -1) -> bytes:
        line: bytes = self._fp.readline(limit)
        if not line:
            self.ended = True
        return line

    def close(self) -> None:
        self._fp.close()


class _TruncatedHeaders(http.client.HTTPException):
    """The connection ended before the response headers did."""


class _Response(http.client.HTTPResponse):
    """http.client's response, except that headers cut off by the peer are an error, not a success."""

    def begin(self) -> None:
        fp = self.fp
        reader = _HeadersReader(fp)
        self.fp = reader  # type: ignore[assignment]
        try:
            super().begin()
            # http.client skips 100 Continue only: skip every informational response (103 Early
            # Hints...), or the final one would be left on the connection for the next call to read.
            while 101 < self.status < 200 and not reader.ended:
                self.headers = self.msg = None  # type: ignore[assignment]
                super().begin()
        finally:
            if self.fp is not None:  # None when begin() closed it
                self.fp = fp
        if reader.ended:
            self.close()
            raise _TruncatedHeaders("the connection closed inside the response headers")


class _WatchedConnection:
    """Mixed into urllib3's connection classes: ties each socket to the current call's deadline."""

    response_class = _Response
    _served = 0  # responses received on the current socket

    def _new_conn(self) -> typing.Any:
        call = _current()
        if call is None:
            return super()._new_conn()  # type: ignore[misc]
        call.check()
        remaining = call.remaining()
        timeout = getattr(self, "timeout", None)
        clamped = not isinstance(timeout, (int, float)) or timeout > remaining
        if clamped:
            self.timeout = remaining
        try:
            sock = super()._new_conn()  # type: ignore[misc]
        except u3.ConnectTimeoutError as e:
            # NewConnectionError (refused, unreachable) subclasses ConnectTimeoutError.
            if clamped and not isinstance(e, u3.NewConnectionError):
                call.expire()
            raise
        self._served = 0
        call.attach(sock, dup=True)
        return sock

    def request(self, *args: typing.Any, **kwargs: typing.Any) -> typing.Any:
        call = _current()
        if call is not None:
            call.reused = self._served > 0
            if call.reused:
                call.attach(getattr(self, "sock", None))
        return super().request(*args, **kwargs)  # type: ignore[misc]

    def getresponse(self, *args: typing.Any, **kwargs: typing.Any) -> typing.Any:
        response = super().getresponse(*args, **kwargs)  # type: ignore[misc]
        self._served += 1
        return response

    def close(self) -> None:
        self._served = 0
        super().close()  # type: ignore[misc]


class _WatchedPool:
    """Mixed into urllib3's pool classes: a connection put back is no longer the current call's."""

    def _put_conn(self, conn: typing.Any) -> None:
        call = _current()
        if call is not None:
            call.detach()
        super()._put_conn(conn)  # type: ignore[misc]


@functools.cache
def _watched_pool(pool_cls: type) -> type:
    """``pool_cls`` with its connections made deadline-aware (plain, TLS, SOCKS alike)."""
    base = pool_cls.ConnectionCls  # type: ignore[attr-defined]
    connection_cls = type(base.__name__, (_WatchedConnection, base), {"__module__": __name__})
    return type(pool_cls.__name__, (_WatchedPool, pool_cls),
                {"ConnectionCls": connection_cls, "__module__": __name__})


# --- retries -------------------------------------------------------------------------------------

# Errors that mean a kept-alive connection had been closed by the server while idle.
_STALE_ERRORS = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)


class _DeadlineRetry(urllib3.Retry):
    """Mixed into every retry policy we use: the deadline, and one retry for a stale keep-alive."""

    def increment(self, method: typing.Any = None, url: typing.Any = None, response: typing.Any = None,
                  error: typing.Any = None, _pool: typing.Any = None, _stacktrace: typing.Any = None) -> typing.Any:
        call = _current()
        if call is not None:
            call.check()
            if error is not None and call.reused and not call.stale_retried and _is_stale(error):
                # The server closed the idle connection as we sent: retry once on a new one,
                # whatever the policy says, as browsers and urllib3's default policy do.
                call.stale_retried = True
                return self.new()
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        if response is not None and call is not None:
            if new._planned_wait(response) >= call.remaining():
                # urllib3 hands the caller this last response (raise_on_status=False).
                raise u3.MaxRetryError(_pool, url, u3.ResponseError("the wait would cross the deadline"))
            if response.length_remaining is None or response.length_remaining > 65536:
                # urllib3 reads the body of a response it retries to reuse the connection;
                # a large or endless one is not worth it.
                response.close()
        return new

    def _planned_wait(self, response: typing.Any = None) -> float:
        wait = None
        if response is not None and self.respect_retry_after_header:
            wait = self.get_retry_after(response)
        return wait or self.get_backoff_time()

    def get_retry_after(self, response: typing.Any) -> typing.Optional[float]:
        return retry_after_seconds(response.headers)

    def sleep(self, response: typing.Any = None) -> None:
        _wait(self._planned_wait(response))


def _is_stale(error: BaseException) -> bool:
    cause = error.args[1] if isinstance(error, u3.ProtocolError) and len(error.args) > 1 else error
    return isinstance(cause, _STALE_ERRORS)


@functools.cache
def _deadline_class(retry_cls: typing.Any) -> type:
    if issubclass(retry_cls, _DeadlineRetry):
        return typing.cast(type, retry_cls)
    if retry_cls is urllib3.Retry:
        return _DeadlineRetry
    # After the user's class in the MRO: their overrides (sleep, get_retry_after...) still run.
    return type(retry_cls.__name__, (retry_cls, _DeadlineRetry), {"__module__": retry_cls.__module__})


class SlackRetry(_DeadlineRetry):
    """urllib3's ``Retry`` with Slack's rate-limit rules.

    Only a 429 carries a ``Retry-After`` worth waiting for; one longer than
    ``max_retry_after`` seconds is not waited out (the caller gets the 429 at
    once); a malformed ``Retry-After`` is ignored rather than crashing or hanging.
    """

    RETRY_AFTER_STATUS_CODES = frozenset({429})

    def __init__(self, *args: typing.Any, max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
                 **kwargs: typing.Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_retry_after = max_retry_after

    def new(self, **kw: typing.Any) -> "SlackRetry":
        kw.setdefault("max_retry_after", self.max_retry_after)
        retry: SlackRetry = super().new(**kw)
        return retry

    def increment(self, method: typing.Any = None, url: typing.Any = None, response: typing.Any = None,
                  error: typing.Any = None, _pool: typing.Any = None, _stacktrace: typing.Any = None) -> typing.Any:
        if response is not None and response.status == 429:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.max_retry_after:
                # urllib3 hands the caller this last response (raise_on_status=False).
                raise u3.MaxRetryError(_pool, url, u3.ResponseError("Retry-After exceeds max_retry_after"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


def retry_after_seconds(headers: typing.Mapping[str, str]) -> typing.Optional[float]:
    """Seconds from a ``Retry-After`` header (delay or HTTP date), uncapped; None when absent or malformed."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        # Delay-seconds, Slack's form (inf if absurdly long: the caller sees what was asked).
        return float(text) if len(text) < 309 else float("inf")
    import email.utils  # here, not at the top: only an HTTP-date Retry-After needs it

    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def default_retry(total: int = DEFAULT_RETRIES, max_retry_after: float = DEFAULT_MAX_RETRY_AFTER) -> SlackRetry:
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
        backoff_factor=DEFAULT_BACKOFF_FACTOR,
        raise_on_status=False,
        respect_retry_after_header=True,
        max_retry_after=max_retry_after,
    )


def _retries(configuration: Configuration) -> urllib3.Retry:
    value = configuration.retries
    if isinstance(value, urllib3.Retry):
        # With raise_on_status urllib3 drops the last response and raises MaxRetryError, so a
        # caller would get a status-0 connection error for a 429; we want the ApiException for it.
        retry = value.new(raise_on_status=False)
        # (cast: mypy reads Retry's own __hash__ as making its class unhashable for the cache)
        retry.__class__ = _deadline_class(typing.cast(typing.Hashable, type(value)))
        return retry
    total = DEFAULT_RETRIES if value is None else int(value)
    return default_retry(total, configuration.max_retry_after)


def _proxy_url(configuration: Configuration) -> typing.Optional[str]:
    """The configured proxy, else (with trust_env) the environment's for the host."""
    if configuration.proxy:
        return configuration.proxy
    if not configuration.trust_env:
        return None
    import urllib.request  # here, not at the top: only building a client needs it, and it is slow to import

    host_url = urllib3.util.parse_url(configuration.host)
    proxies = urllib.request.getproxies()
    scheme = host_url.scheme or "https"
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host_url.netloc or ""):
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy  # HTTPS_PROXY=proxy:3128 means an HTTP proxy, as curl reads it
    return check_proxy_url(proxy, f"the {scheme} proxy from the environment")


def ca_settings(configuration: Configuration) -> typing.Dict[str, typing.Any]:
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
        self.timeout = to_timeout(configuration.timeout, "configuration.timeout")
        self.deadline: float = configuration.deadline
        self.max_response_bytes: int = configuration.max_response_bytes
        kwargs: typing.Dict[str, typing.Any] = {
            "num_pools": 4,
            "maxsize": configuration.connection_pool_maxsize,
            "retries": _retries(configuration),
            "timeout": self.timeout,
            **ca_settings(configuration),
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
        self.pool_manager.pool_classes_by_scheme = {
            scheme: _watched_pool(cls) for scheme, cls in self.pool_manager.pool_classes_by_scheme.items()}
        # Without a proxy, calls to the configured host go straight to that host's pool:
        # PoolManager would otherwise rebuild the pool's lookup key from every setting
        # on every request, a measurable part of a call's cost.
        origin = urllib3.util.parse_url(configuration.host)
        self._origin = f"{origin.scheme}://{origin.netloc}" if proxy is None else None
        self._pool: typing.Optional[typing.Any] = None
        self._in_flight: typing.Set[_Call] = set()  # close() ends these too

    def request(
        self,
        method: str,
        url: str,
        headers: typing.Mapping[str, str],
        timeout: typing.Optional[TimeoutValue] = None,
        stream: bool = False,
    ) -> Response:
        """Send one request within the call's deadline and return urllib3's response.

        The body is read (at most ``max_response_bytes`` of it, never decoded) unless
        ``stream`` is set and the status is 2xx; ``response.data`` then holds it.
        Every failure is an ``ApiConnectionError``/``ApiTimeoutError``, or an
        ``ApiException`` for a body over the limit.
        """
        if timeout is None:
            call_timeout, deadline = self.timeout, self.deadline
        else:
            call_timeout = to_timeout(timeout, "timeout")
            total = call_timeout.total
            deadline = total if isinstance(total, (int, float)) else self.deadline
        debug = _logger.isEnabledFor(logging.DEBUG)
        call = _Call(deadline)
        _local.call = call
        _watchdog.watch(call)
        self._in_flight.add(call)
        response: typing.Any
        try:
            if self._origin is not None and url.startswith(self._origin + "/"):
                pool = self._pool
                if pool is None:
                    pool = self._pool = self.pool_manager.connection_from_url(self._origin)
                response = pool.urlopen(method, url[len(self._origin):], headers=headers, timeout=call_timeout,
                                        redirect=False, preload_content=False, decode_content=False,
                                        assert_same_host=False)
            else:
                response = self.pool_manager.urlopen(method, url, headers=headers, timeout=call_timeout,
                                                     redirect=False, preload_content=False, decode_content=False)
            if not (stream and 200 <= response.status <= 299):
                # urllib3's own cache of the body, so that response.data keeps working.
                response._body = read_body(response, self.max_response_bytes)
            if call.expired:
                # A body read until the connection closes ends the same way when the watchdog cuts it.
                raise _DeadlineExceeded("the deadline passed while the body was read")
        except (u3.HTTPError, OSError, http.client.HTTPException, ValueError, OverflowError, MemoryError) as e:
            error = _transport_error(e, call)
            if debug:
                _logger.debug("%s %s failed: %s", method, redact_url(url), error.reason)
            # Chained only when it is a transport error: another (http.client's ValueError for a bad
            # header value put straight into default_headers) may quote a token.
            raise error from (e if isinstance(e, _TRANSPORT_CLASSES) else None)
        finally:
            self._in_flight.discard(call)
            _watchdog.unwatch(call)
            _local.call = None
            call.detach()
        if debug:
            _logger.debug(
                "%s %s -> %s %s in %.1f ms; request headers %s",
                method, redact_url(url), response.status, response.reason,
                (time.monotonic() - (call.at - deadline)) * 1000, redact_headers(headers),
            )
        return typing.cast(Response, response)

    def close(self) -> None:
        """Close every pooled connection, also of pools that live responses still refer to, and end calls in flight."""
        for call in list(self._in_flight):
            call.closed = True
            call.expire()
        manager = self.pool_manager
        pools = [self._pool, *(manager.pools.get(key) for key in manager.pools.keys())]
        self._pool = None
        manager.clear()
        for pool in pools:
            if pool is not None:
                pool.close()


_READ_SIZE = 1 << 16


def read_body(response: Response, limit: int) -> bytes:
    """At most ``limit`` bytes of body, as sent (content codings are not undone: we asked for none).

    A body over the limit raises ``ApiException`` (reason "response too large"); a declared
    ``Content-Length`` over it is refused before any of the body is read.
    """
    declared = response.length_remaining
    if declared is not None and declared <= limit:
        return response.read(decode_content=False)  # http.client reads exactly the declared length
    parts: typing.List[bytes] = []
    size = 0
    while declared is None and size <= limit:
        part = response.read(min(_READ_SIZE, limit + 1 - size), decode_content=False)
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
    # Too large: drop the connection rather than read the rest of the body to reuse it.
    response.close()
    response.release_conn()
    raise ApiException(response.status, "response too large", headers=response.headers,
                       message=f"the response body is larger than max_response_bytes ({limit} bytes)")


def _proxy_manager(proxy: str, proxy_headers: typing.Optional[typing.Mapping[str, str]],
                   kwargs: typing.Dict[str, typing.Any]) -> urllib3.PoolManager:
    parsed = urllib3.util.parse_url(proxy)
    user, _, password = (parsed.auth or "").partition(":")
    user, password = urllib.parse.unquote(user), urllib.parse.unquote(password)
    # The credentials go to the proxy by themselves, never in the URL: a URL shows in logs and errors.
    url = parsed._replace(auth=None).url
    if str(parsed.scheme).startswith("socks"):
        if proxy_headers:
            raise ApiValueError("configuration.proxy_headers cannot go through a socks proxy: it takes no headers")
        try:
            from urllib3.contrib.socks import SOCKSProxyManager
        except ImportError:
            raise ApiValueError("a socks proxy needs PySocks: pip install 'urllib3[socks]'") from None
        # SOCKS authenticates in its own handshake (its headers= would go to the server, not the proxy).
        return typing.cast(urllib3.PoolManager, SOCKSProxyManager(
            url, username=user or None, password=password or None, **kwargs))
    headers = dict(proxy_headers or {})
    if parsed.auth:
        headers.update(urllib3.util.make_headers(proxy_basic_auth=f"{user}:{password}"))
    return urllib3.ProxyManager(url, proxy_headers=headers or None, **kwargs)


# What urllib3, the socket and http.client raise; their messages are safe to show (URLs redacted).
_TRANSPORT_CLASSES = (u3.HTTPError, OSError, http.client.HTTPException)

# urllib3 (and socket) failures and what they become, most specific first.
_TRANSPORT_ERRORS: typing.Tuple[typing.Tuple[typing.Any, typing.Type[ApiConnectionError], str, str], ...] = (
    # NewConnectionError subclasses ConnectTimeoutError in urllib3, so it comes first.
    (u3.NewConnectionError, ApiConnectionError, "connection failed", "could not connect"),
    ((u3.ConnectTimeoutError, u3.ReadTimeoutError, TimeoutError), ApiTimeoutError, "timeout", "timed out"),
    (u3.SSLError, ApiConnectionError, "TLS failure", "TLS failed"),
    ((u3.ProtocolError, ConnectionError, http.client.HTTPException), ApiConnectionError, "connection dropped",
     "the connection was dropped"),
    (u3.LocationValueError, ApiConnectionError, "bad URL", "the URL is not valid"),
    (Exception, ApiConnectionError, "transport failure", "the request failed"),
)


def _transport_error(e: Exception, call: _Call) -> ApiConnectionError:
    """The one place that turns a urllib3 (or socket) failure into our exception tree."""
    cause: typing.Any = e
    if isinstance(cause, u3.MaxRetryError) and cause.reason is not None:
        cause = cause.reason
    if call.closed:
        return ApiConnectionError("the client was closed during the call", reason="closed")
    if call.expired or isinstance(cause, _DeadlineExceeded) or call.remaining() <= 0:
        return ApiTimeoutError(f"the call did not finish within its deadline of {call.seconds:g} s "
                               f"({_describe(cause)})", reason="deadline")
    if isinstance(cause, u3.ProxyError):
        # Described by what went wrong with the proxy, not by the wrapper.
        return ApiConnectionError(f"could not reach the proxy ({_describe(cause.original_error or cause)})",
                                  reason="proxy failure")
    for classes, exc_cls, reason, what in _TRANSPORT_ERRORS:
        if isinstance(cause, classes):
            return exc_cls(f"{what} ({_describe(cause)})", reason=reason)
    raise AssertionError("unreachable: the table ends with Exception")


def _describe(error: typing.Any) -> str:
    """A short, secret-free description of a transport error.

    The messages of urllib3's, the socket's and http.client's errors are kept, URLs redacted; of
    anything else only the type, since a message such as http.client's "Invalid header value"
    may quote a token.
    """
    if not isinstance(error, _TRANSPORT_CLASSES):
        return type(error).__name__
    text = str(error)
    # urllib3 prefixes messages with the connection object's repr; keep the human part.
    if ">: " in text:
        text = text.split(">: ", 1)[1]
    return f"{type(error).__name__}: {redact_url(text)}" if text else type(error).__name__
