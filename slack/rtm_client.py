"""``RtmClient``: the Real Time Messaging session that an ``rtm.connect`` URL opens.

It calls rtm.connect, opens the websocket and waits for Slack's ``hello``; then
``for event in rtm`` yields what Slack sends, ``send_message`` waits for Slack's
acknowledgement, an RTM ``ping`` checks a quiet connection, and a lost session is
replaced by a new one on its own. One background thread (``slack-rtm-reader``)
reads the websocket, answers for liveness and reconnects; websockets' sync client
(``pip install '.[rtm]'``) does the framing.
"""
import collections
import copy
import inspect
import json
import logging
import queue
import random
import socket
import ssl
import threading
import time
import typing

try:
    import websockets.exceptions
    import websockets.sync.client
except ImportError as e:  # pragma: no cover - exercised in an environment without the extra
    raise ImportError("slack.rtm_client needs websockets >= 15: pip install '.[rtm]' "
                      "(or pip install 'websockets>=15')") from e

import certifi
import frozendict

from slack import rest
from slack.api_client import _DECODER, ApiClient  # the one JSON decoder: no NaN or Infinity
from slack.apis.tags.rtm_api import RtmApi
from slack.configuration import (
    DEFAULT_TIMEOUT,
    Configuration,
    _bool,
    _of_type,
    _optional_str,
    _seconds,
    _str,
    to_timeout,
)
from slack.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    RtmError,
)
from slack.paths.rtm_connect.get import RequestQueryParams

__all__ = ["Event", "RtmClient", "RtmError"]

Event = typing.Mapping[str, typing.Any]

_logger = logging.getLogger("slack")
# websockets logs the request line (the session URL, a credential) and every frame at DEBUG:
# it gets a logger of its own that is never enabled.
_quiet = logging.getLogger("slack.rtm_client.websockets")
_quiet.disabled = True
_quiet.propagate = False

# websockets 17 asks for connect(..., legacy=True) to get a connection without a with block.
_DIRECT = {"legacy": True} if "legacy" in inspect.signature(websockets.sync.client.connect).parameters else {}
MAX_FRAME_BYTES = 16384  # Slack closes the connection on a larger message
HEALTHY_SESSION = 30.0  # seconds after its hello for a session to reset the reconnect backoff
# The most that events waiting to be iterated may hold, counted as their frames' bytes plus 1 KB each;
# beyond it new events are dropped (with a warning), so that a flood or a client that only sends
# cannot grow memory without bound. Acks, goodbyes and errors are still acted on.
MAX_QUEUED_BYTES = 32 * 1024 * 1024
_EVENT_OVERHEAD = 1024
# Errors from rtm.connect that waiting cannot heal: raised from the iterator, not retried.
FATAL_ERRORS = frozenset({
    "invalid_auth", "not_authed", "account_inactive", "token_revoked", "no_permission", "missing_scope",
    "not_allowed_token_type", "team_disabled", "user_removed_from_team",
})


def _pause(closed: threading.Event, seconds: float) -> bool:
    """Wait ``seconds`` unless ``closed`` is set first; True when closed. Tests replace it to record waits."""
    return closed.wait(min(seconds, threading.TIMEOUT_MAX)) if seconds > 0 else closed.is_set()


# --- frames ----------------------------------------------------------------------------------------


_FROZENDICT: typing.Any = frozendict.frozendict


def _frozen_fast(mapping: typing.Dict[str, typing.Any]) -> Event:
    # What frozendict's own __new__ does, minus its Python-level argument checks: on Python
    # 3.11+ frozendict is a pure-Python dict subclass, and its __new__ cost as much as reading
    # the frame did (bench/rtm.py). Used only where frozendict has exactly that shape.
    event: typing.Any = dict.__new__(_FROZENDICT)
    dict.__init__(event, mapping)
    object.__setattr__(event, "_hash", -1)
    return typing.cast(Event, event)


_frozen: typing.Callable[[typing.Dict[str, typing.Any]], Event] = (
    _frozen_fast if issubclass(frozendict.frozendict, dict) and getattr(frozendict.frozendict, "__slots__", None)
    == ("_hash",) else frozendict.frozendict)


def _freeze(value: typing.Any) -> typing.Any:
    kind = type(value)
    if kind is dict:
        return _frozen({key: _freeze(item) for key, item in value.items()})
    if kind is list:
        return tuple(_freeze(item) for item in value)
    return value


def _decode(frame: typing.Union[str, bytes]) -> typing.Optional[Event]:
    """The JSON object in a text frame, immutable all the way down; None for anything else."""
    if type(frame) is not str:
        return None
    try:
        event = _DECODER.decode(frame)
    except (ValueError, RecursionError):
        return None
    if type(event) is not dict:
        return None
    for value in event.values():
        if type(value) is dict or type(value) is list:
            return typing.cast(Event, _freeze(event))
    return _frozen(event)  # most events are flat: one copy, no walk


def _encode(payload: typing.Mapping[str, typing.Any], name: str) -> str:
    try:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ApiValueError(f"{name} cannot be sent as JSON ({e})") from None


# --- the websocket ---------------------------------------------------------------------------------


def _handshake_timeout(configuration: Configuration) -> float:
    """The read part of the configured timeout: how long to wait for the handshake and for hello."""
    timeout = to_timeout(configuration.timeout, "configuration.timeout")
    for part in (timeout._read, timeout.total):  # either may be urllib3's "default" sentinel or None
        if isinstance(part, (int, float)):
            return float(part)
    return DEFAULT_TIMEOUT


def _ssl_context(configuration: Configuration) -> ssl.SSLContext:
    """The TLS settings of the configuration, for ``wss://``: the same CAs, client certificate and checks."""
    if not configuration.verify_ssl:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        cas = rest.ca_settings(configuration)
        context = ssl.create_default_context(cafile=cas.get("ca_certs"), capath=cas.get("ca_cert_dir"))
        if cas == {}:
            context.load_verify_locations(certifi.where())
        if configuration.assert_hostname is False:
            context.check_hostname = False
    if configuration.cert_file:
        context.load_cert_chain(configuration.cert_file, configuration.key_file)
    return context


def _open_websocket(url: str, configuration: Configuration) -> typing.Any:
    """Connect to the session ``url``; failures are ``ApiConnectionError``s that never show the URL."""
    options: typing.Dict[str, typing.Any] = {
        "open_timeout": _handshake_timeout(configuration),
        "close_timeout": 1.0,
        "ping_interval": None,  # the client pings at the RTM level, which also proves Slack is there
        "max_size": configuration.max_response_bytes,
        "logger": _quiet,
        "user_agent_header": None,
        **_DIRECT,
    }
    server_name = configuration.tls_server_name or (
        configuration.assert_hostname if isinstance(configuration.assert_hostname, str) else None)
    if url.startswith("wss://") and server_name:
        options["server_hostname"] = server_name
    options["proxy"] = configuration.proxy or (True if configuration.trust_env else None)
    try:
        if url.startswith("wss://"):
            options["ssl"] = _ssl_context(configuration)
        return websockets.sync.client.connect(url, **options)
    except TimeoutError:  # before OSError, of which it is one
        raise ApiTimeoutError("the websocket handshake timed out", reason="timeout") from None
    except websockets.exceptions.InvalidStatus as e:
        message = f"the websocket handshake was refused with HTTP {e.response.status_code}"
    except ImportError as e:  # websockets needs python-socks for a SOCKS proxy
        message = f"the websocket could not be opened ({e})"
    except (websockets.exceptions.WebSocketException, OSError, ValueError) as e:
        # Not chained: websockets' messages quote the URL, which is a credential.
        message = f"the websocket handshake failed ({type(e).__name__})"
    raise ApiConnectionError(message, reason="websocket handshake failed")


# --- the session -----------------------------------------------------------------------------------


class _Ack:
    """A ``send_message`` waiting for Slack's reply."""

    __slots__ = ("done", "error", "reply")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.reply: typing.Optional[Event] = None
        self.error: typing.Optional[ApiException] = None


class _Lost(Exception):
    """The session ended; ``args[0]`` says why, for the log."""


class _End:
    """Queued after the last event: the iteration ends, or raises ``error``."""

    def __init__(self, error: typing.Optional[ApiException] = None) -> None:
        self.error = error


# The argument checks are Configuration's, so the rules and messages are the same.
_positive_seconds = _seconds(zero_ok=False)
_int = _of_type("an int", int)
_optional_api_client = _of_type("an ApiClient or None", ApiClient, allow=(None,))


def _checked_seconds(value: typing.Any, name: str) -> float:
    return float(_positive_seconds(value, name))


class RtmClient:
    """A live RTM session that heals itself: ``with RtmClient(api_client) as rtm: for event in rtm: ...``.

    See ``docs/rtm.md`` for the lifecycle, the reconnect rules, threading and pacing.
    """

    def __init__(
        self,
        api_client: typing.Optional[ApiClient] = None,
        *,
        token: typing.Optional[str] = None,
        batch_presence_aware: bool = False,
        presence_sub: bool = False,
        ping_interval: float = 10.0,
        pong_timeout: float = 10.0,
        reconnect: bool = True,
        max_reconnect_delay: float = 60.0,
        ack_timeout: float = 10.0,
        send_rate: typing.Optional[float] = 1.0,
        send_burst: int = 10,
    ) -> None:
        _optional_api_client(api_client, "api_client")
        for name, flag in (("batch_presence_aware", batch_presence_aware), ("presence_sub", presence_sub),
                           ("reconnect", reconnect)):
            _bool(flag, name)
        self._ping_interval = _checked_seconds(ping_interval, "ping_interval")
        self._pong_timeout = _checked_seconds(pong_timeout, "pong_timeout")
        self._max_reconnect_delay = _checked_seconds(max_reconnect_delay, "max_reconnect_delay")
        self._ack_timeout = _checked_seconds(ack_timeout, "ack_timeout")
        self._send_rate = None if send_rate is None else _checked_seconds(send_rate, "send_rate")
        if _int(send_burst, "send_burst") < 1:
            raise ApiValueError("send_burst must be at least 1")
        self._owns_client = api_client is None
        configuration = Configuration.get_default_copy() if api_client is None else api_client.configuration
        token = configuration.access_token if token is None else token
        if token is None:
            raise ApiValueError("token is not set: pass token= or set the configuration's access_token")
        _str(token, "token")
        self._query: RequestQueryParams = {"token": token}
        if batch_presence_aware:
            self._query["batch_presence_aware"] = True
        if presence_sub:
            self._query["presence_sub"] = True
        self._reconnect = reconnect
        self._send_burst = send_burst
        self._configuration = configuration
        self._client = ApiClient(configuration) if api_client is None else api_client  # after every check

        self._events: queue.SimpleQueue[typing.Any] = queue.SimpleQueue()
        self._costs: typing.Deque[int] = collections.deque()  # of the events in _events, oldest first
        self._queued_bytes = 0  # their sum
        self._dropping = False
        self._closed = threading.Event()  # set by close(); what every wait of the client waits on
        self._closing = False  # the same, as a plain attribute for the per-event check
        self._lock = threading.Lock()  # the websockets, the pending acks and the thread
        self._connect_lock = threading.Lock()
        self._send_lock = threading.Lock()  # ids, pacing and frame order
        self._ws: typing.Any = None
        self._opening: typing.Any = None  # a websocket still waiting for hello
        self._thread: typing.Optional[threading.Thread] = None
        self._last_id = 0
        self._pending: typing.Dict[int, _Ack] = {}
        self._allowance = float(send_burst)  # the token bucket that paces messages
        self._allowance_at = time.monotonic()
        self._hello_at = 0.0
        self._attempts = 0  # reconnect attempts since the last session that stayed up
        self._reconnect_client: typing.Optional[ApiClient] = None

    def __repr__(self) -> str:
        state = "closed" if self._closed.is_set() else "open" if self._ws is not None else "not connected"
        return f"RtmClient({state})"

    # --- lifecycle ---------------------------------------------------------------------------------

    def connect(self) -> None:
        """Call rtm.connect, open the websocket and wait for ``hello``; raises at once on any failure."""
        with self._connect_lock:
            if self._thread is not None or self._closed.is_set():
                return
            ws, hello = self._open(RtmApi(self._client))
            with self._lock:
                if self._closed.is_set():  # close() came while hello was on its way
                    ws.close()
                    raise _closed_error()
                self._ws = ws
                self._queue(hello, 0)
                self._thread = threading.Thread(target=self._run, name="slack-rtm-reader", daemon=True)
                self._thread.start()

    def __enter__(self) -> "RtmClient":
        self.connect()
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self.close()

    def close(self) -> None:
        """End the session: a close frame, the iteration in every thread, the reader thread. Idempotent."""
        with self._lock:
            already = self._closed.is_set()
            self._closing = True
            self._closed.set()
            sockets = [self._ws, self._opening]
            self._ws = self._opening = None  # no new send starts
            thread = self._thread
        if already:
            return
        # A send stuck on a peer that stopped reading holds the send lock (and websockets' own):
        # then the connection is cut, not closed politely.
        polite = self._send_lock.acquire(timeout=1.0)
        if polite:
            self._send_lock.release()
        for ws in sockets:
            if ws is not None:
                ws.close() if polite else _abort(ws)  # close() waits at most close_timeout (1 s) for the peer
        self._fail_pending(_closed_error())
        self._events.put(_End())
        if self._reconnect_client is not None:
            self._reconnect_client.close()  # also ends an rtm.connect call the reader thread is making
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)
        if self._owns_client:
            self._client.close()
        _logger.info("RTM session closed")

    def _open(self, api: RtmApi) -> typing.Tuple[typing.Any, Event]:
        """rtm.connect, the websocket, and Slack's hello (or its error event)."""
        response = api.rtm_connect(query_params=self._query)
        ws = _open_websocket(str(response.body["url"]), self._configuration)
        with self._lock:
            if self._closed.is_set():
                ws.close()
                raise _closed_error()
            self._opening = ws
        try:
            deadline = time.monotonic() + _handshake_timeout(self._configuration)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ApiTimeoutError("no hello from Slack in time", reason="timeout")
                try:
                    event = _decode(ws.recv(timeout=remaining))
                except TimeoutError:
                    continue
                except websockets.exceptions.ConnectionClosed:
                    raise ApiConnectionError("the websocket closed before hello", reason="connection dropped") \
                        from None
                if event is None:
                    continue
                if event.get("type") == "hello":
                    self._hello_at = time.monotonic()
                    _logger.info("RTM session open")
                    return ws, event
                if event.get("type") == "error":
                    raise _rtm_error(event)
        except BaseException:
            ws.close()
            raise
        finally:
            self._opening = None

    # --- reading -----------------------------------------------------------------------------------

    def _run(self) -> None:
        """The reader thread: read until the session is lost, then reconnect or end the iteration."""
        ws = self._ws
        while ws is not None:
            try:
                self._read(ws)
            except (_Lost, ApiException) as lost:  # ApiException: a ping could not go out
                reason = str(lost)
            except Exception as e:  # a bug must end the session the usual way, not the thread silently
                _logger.exception("RTM reader failed unexpectedly")
                reason = f"unexpected {type(e).__name__}"
            lost_error = ApiConnectionError(f"the RTM connection was lost ({reason})", reason="connection dropped")
            self._fail_pending(lost_error)
            if self._closed.is_set():
                return
            _abort(ws)
            if not self._reconnect:
                self._end(lost_error)
                return
            _logger.info("RTM session lost (%s); reconnecting", reason)
            try:
                ws = self._reopen()
            except ApiException as e:
                self._end(e)
                return
            except Exception as e:  # a bug must end the iteration, not hang it
                _logger.exception("RTM reconnect failed unexpectedly")
                self._end(ApiConnectionError(f"the RTM session could not be reopened ({type(e).__name__})",
                                             reason="connection dropped"))
                return

    def _read(self, ws: typing.Any) -> None:
        """Dispatch frames until the session ends; keeps it alive with RTM pings."""
        pinged = False
        while True:
            try:
                # Each frame restarts the wait, so this is ping_interval of silence (then pong_timeout).
                frame = ws.recv(timeout=self._pong_timeout if pinged else self._ping_interval)
            except TimeoutError:
                if pinged:
                    _logger.info("RTM ping unanswered for %g s", self._pong_timeout)
                    raise _Lost("no answer to a ping") from None
                self._send({"type": "ping"}, None, lost_ok=True)
                pinged = True
                continue
            except websockets.exceptions.ConnectionClosed as e:
                raise _Lost("closed by Slack" if e.rcvd is not None else "connection closed") from None
            except OSError as e:
                raise _Lost(type(e).__name__) from None
            pinged = False
            event = _decode(frame)
            if event is None:
                _logger.warning("RTM frame that is not a JSON object skipped")
                continue
            reply_to = event.get("reply_to")
            if type(reply_to) is int and 0 < reply_to <= self._last_id:
                self._acknowledge(reply_to, event)
                continue
            self._queue(event, len(frame) + _EVENT_OVERHEAD)
            kind = event.get("type")
            if kind == "goodbye" or kind == "error":
                raise _Lost(f"{kind} event")

    def _reopen(self) -> typing.Any:
        """Reconnect with backoff until a session opens, a fatal error, or close(); returns the websocket."""
        if self._reconnect_client is None:
            configuration = copy.copy(self._configuration)
            configuration.retries = 0  # the waits are ours, and close() can end them
            self._reconnect_client = ApiClient(configuration)
        api = RtmApi(self._reconnect_client)
        if time.monotonic() - self._hello_at >= HEALTHY_SESSION:
            self._attempts = 0
        while True:
            # At once after a disconnect; then about 1, 2, 4 s... until a session stays up.
            attempts = self._attempts
            self._attempts += 1
            delay = 0.0 if attempts == 0 else min(
                self._max_reconnect_delay, 2.0 ** (attempts - 1) * random.uniform(0.8, 1.2))  # noqa: S311 (jitter)
            if delay:
                _logger.info("RTM reconnect in %.1f s", delay)
            if _pause(self._closed, delay):
                raise _closed_error()
            try:
                ws, hello = self._open(api)
            except ApiException as e:
                if e.error in FATAL_ERRORS:
                    raise
                _logger.info("RTM reconnect failed: %s", e)
                if e.status == 429 and e.retry_after is not None:
                    if _pause(self._closed, e.retry_after):
                        raise _closed_error() from None
                    self._attempts -= 1  # that wait was Slack's; the backoff goes on where it was
                continue
            with self._lock:
                if self._closed.is_set():
                    ws.close()
                    raise _closed_error()
                self._ws = ws
            self._queue(hello, 0)
            return ws

    def _queue(self, event: Event, cost: int) -> None:
        """Queue an event for the iterators, unless those waiting already hold ``MAX_QUEUED_BYTES``.

        Only one thread queues events (the reader, or connect() before it starts), so the costs are
        kept here without a lock: the iterators take the oldest first, and what they took is what
        ``qsize()`` no longer counts.
        """
        costs = self._costs
        waiting = self._events.qsize()
        while len(costs) > waiting:
            self._queued_bytes -= costs.popleft()
        if self._queued_bytes + cost > MAX_QUEUED_BYTES:
            if not self._dropping:
                _logger.warning("RTM events dropped: those not yet iterated hold %d bytes", self._queued_bytes)
            self._dropping = True
            return
        self._dropping = False
        costs.append(cost)
        self._queued_bytes += cost
        self._events.put(event)

    def _end(self, error: ApiException) -> None:
        self._events.put(_End(error))

    # --- iterating ---------------------------------------------------------------------------------

    def events(self) -> typing.Iterator[Event]:
        """Every event Slack sends, in order; ends at ``close()``. Threads may share it: each event goes to one."""
        self.connect()
        get = self._events.get
        while True:
            item = get()
            if item.__class__ is _End:
                self._events.put(item)  # for the other iterating threads
                if item.error is not None and not self._closing:
                    raise item.error
                return
            if self._closing:  # close() ends the iteration, whatever is still queued
                self._events.put(_End())
                return
            yield item

    def __iter__(self) -> typing.Iterator[Event]:
        return self.events()

    # --- sending -----------------------------------------------------------------------------------

    def send(self, payload: typing.Mapping[str, typing.Any]) -> int:
        """Send any RTM payload (a mapping with ``type``) with the next ``id``; returns the id, waits for no reply."""
        return self._send(payload, None)

    def send_message(self, channel: str, text: str, *, thread_ts: typing.Optional[str] = None) -> Event:
        """Post ``text`` to ``channel`` and wait up to ``ack_timeout`` for Slack's reply (with ``ts``)."""
        _str(channel, "channel")
        _str(text, "text")
        payload: typing.Dict[str, typing.Any] = {"type": "message", "channel": channel, "text": text}
        if _optional_str(thread_ts, "thread_ts") is not None:
            payload["thread_ts"] = thread_ts
        ack = _Ack()
        sent = self._send(payload, ack)
        if not ack.done.wait(self._ack_timeout):
            with self._lock:
                self._pending.pop(sent, None)
            raise ApiTimeoutError(f"no reply from Slack within ack_timeout ({self._ack_timeout:g} s)",
                                  reason="timeout")
        if ack.error is not None:
            raise ack.error
        assert ack.reply is not None
        if ack.reply.get("ok") is not True:
            raise _rtm_error(ack.reply)
        return ack.reply

    def subscribe_presence(self, user_ids: typing.Sequence[str]) -> int:
        """Receive ``presence_change`` events for exactly these users."""
        if isinstance(user_ids, str) or not isinstance(user_ids, typing.Sequence) or not all(
                isinstance(user, str) for user in user_ids):
            raise ApiTypeError(f"user_ids must be a sequence of str, got {type(user_ids).__name__}")
        return self._send({"type": "presence_sub", "ids": list(user_ids)}, None)

    def _send(self, payload: typing.Mapping[str, typing.Any], ack: typing.Optional[_Ack],
              lost_ok: bool = False) -> int:
        """Send ``payload`` with the next id. ``lost_ok`` (the reader's pings): never wait for another
        send, which may be stuck on a peer that stopped reading, and never raise for a lost connection."""
        if not isinstance(payload, typing.Mapping) or not isinstance(payload.get("type"), str):
            raise ApiTypeError("payload must be a mapping with a str 'type'")
        if not self._send_lock.acquire(blocking=not lost_ok):
            return 0
        try:
            message_id = self._last_id + 1
            frame = _encode({**payload, "id": message_id}, "payload")
            if len(frame.encode("utf-8")) > MAX_FRAME_BYTES:
                raise ApiValueError(f"payload is over Slack's {MAX_FRAME_BYTES}-byte limit for one message")
            if payload["type"] == "message":
                self._pace()
            with self._lock:
                ws = self._ws
                if ws is None:
                    raise ApiConnectionError("the RTM client is not connected", reason="not connected")
                self._last_id = message_id
                if ack is not None:
                    self._pending[message_id] = ack
            try:
                ws.send(frame)
            except (websockets.exceptions.ConnectionClosed, OSError) as e:
                with self._lock:
                    self._pending.pop(message_id, None)
                if lost_ok:
                    return message_id
                raise ApiConnectionError(f"the RTM connection was lost ({type(e).__name__})",
                                         reason="connection dropped") from None
        finally:
            self._send_lock.release()
        return message_id

    def _pace(self) -> None:
        """Wait for the token bucket: ``send_rate`` messages a second on average, ``send_burst`` at once."""
        rate = self._send_rate
        if rate is None:
            return
        now = time.monotonic()
        self._allowance = min(float(self._send_burst), self._allowance + (now - self._allowance_at) * rate)
        self._allowance_at = now
        if self._allowance < 1.0:
            if _pause(self._closed, (1.0 - self._allowance) / rate):
                raise _closed_error()
            self._allowance, self._allowance_at = 1.0, time.monotonic()
        self._allowance -= 1.0

    def _acknowledge(self, reply_to: int, event: Event) -> None:
        with self._lock:
            ack = self._pending.pop(reply_to, None)
        if ack is not None:
            ack.reply = event
            ack.done.set()

    def _fail_pending(self, error: ApiException) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
            self._ws = None
        for ack in pending.values():
            ack.error = error
            ack.done.set()


    # Last in the class: from here on, ``typing`` in the class body would name this method, not the module.
    def typing(self, channel: str) -> int:
        """Tell the channel that the user is typing."""
        _str(channel, "channel")
        return self._send({"type": "typing", "channel": channel}, None)


def _abort(ws: typing.Any) -> None:
    """Close a lost connection without waiting for a peer that may never answer."""
    try:
        ws.socket.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    ws.close()


def _rtm_error(event: Event) -> RtmError:
    error = event.get("error")
    if not isinstance(error, typing.Mapping):
        return RtmError(None, "Slack sent an error without details")
    code, msg = error.get("code"), error.get("msg")
    return RtmError(code if isinstance(code, int) else None, msg if isinstance(msg, str) else None)


def _closed_error() -> ApiConnectionError:
    return ApiConnectionError("the RTM client was closed", reason="closed")
