"""Drive a FakeSlackServer with slack_sdk, from an environment that has slack_sdk and not this package.

test_fake_peers.py runs it with the Python of a venv of its own (slack_sdk's ``slack`` shim would
collide with this package). It takes a plan as JSON, its one argument, and prints one JSON object, what
slack_sdk saw, on stdout:

- ``{"base_url": ..., "web": [call, ...]}``: WebClient calls, each ``{"call": "rtm_connect" | "auth_test"
  | "api_call", "token": str | None, "method": ..., "kwargs": {...}, "files": {name: text},
  "rate_limit_retries": int}``; each result has ``ok``, ``status``, ``data``, ``retry_after`` (the
  header of an error reply), ``exception`` and ``seconds``;
- ``{"base_url": ..., "rtm": {"token": ..., "ping_interval": seconds}}``: an rtm_v2 RTMClient that
  connects, waits for hello and a pushed message (the test pushes it), sends an RTM ping and waits
  for its pong, and waits for a websocket-level pong to a keepalive ping sent after hello.
"""

import json
import sys
import threading
import time
import typing

import slack_sdk
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.rtm_v2 import RTMClient
from slack_sdk.web import WebClient

WAIT = 5.0  # how long anything that should happen may take; only reached when the test fails


def web_call(base_url: str, step: typing.Dict[str, typing.Any]) -> typing.Dict[str, typing.Any]:
    retries = step.get("rate_limit_retries", 0)
    handlers = [RateLimitErrorRetryHandler(max_retry_count=retries)] if retries else None
    client = WebClient(token=step.get("token"), base_url=base_url, timeout=int(WAIT), retry_handlers=handlers)
    kwargs = dict(step.get("kwargs", {}))
    if step.get("files"):
        kwargs["files"] = {name: text.encode() for name, text in step["files"].items()}
    started = time.monotonic()
    try:
        if step["call"] == "api_call":
            response = client.api_call(step["method"], **kwargs)
        else:
            response = getattr(client, step["call"])(**kwargs)
    except SlackApiError as error:
        response, exception = error.response, type(error).__name__
    else:
        exception = None
    headers = {name.lower(): value for name, value in response.headers.items()}
    return {
        "ok": response.data.get("ok") if isinstance(response.data, dict) else None,
        "status": response.status_code,
        "data": response.data,
        "retry_after": headers.get("retry-after"),
        "exception": exception,
        "seconds": time.monotonic() - started,
    }


def wait_for(condition: typing.Callable[[], bool]) -> bool:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def rtm_session(base_url: str, plan: typing.Dict[str, typing.Any]) -> typing.Dict[str, typing.Any]:
    frames: typing.List[typing.Any] = []
    errors: typing.List[str] = []
    dispatched: typing.Dict[str, typing.Any] = {}
    arrived = {kind: threading.Event() for kind in ("hello", "message", "pong")}
    rtm = RTMClient(
        token=plan["token"],
        base_url=base_url,
        ping_interval=plan["ping_interval"],
        auto_reconnect_enabled=False,
        timeout=int(WAIT),
        on_message_listeners=[lambda text: frames.append(json.loads(text))],  # in order of arrival
        on_error_listeners=[lambda error: errors.append(f"{type(error).__name__}: {error}")],
    )

    def listener(kind: str) -> typing.Callable[[RTMClient, typing.Dict[str, typing.Any]], None]:
        def record(client: RTMClient, event: typing.Dict[str, typing.Any]) -> None:
            dispatched[kind] = event
            arrived[kind].set()

        return record

    for kind in arrived:
        rtm.on(kind)(listener(kind))
    result: typing.Dict[str, typing.Any] = {"frames": frames, "dispatched": dispatched, "errors": errors}
    rtm.connect()
    result["bot_id"] = rtm.bot_id
    result["hello"] = arrived["hello"].wait(WAIT)
    after_hello = time.time()
    result["message"] = arrived["message"].wait(WAIT)
    rtm.send({"type": "ping", "id": 1, "sent": "peer"})
    result["pong"] = arrived["pong"].wait(WAIT)
    session = rtm.current_session
    # slack_sdk pings every ping_interval and keeps the time of the ping each pong answered.
    result["keepalive_pong"] = wait_for(
        lambda: session is not None and (session.last_ping_pong_time or 0.0) > after_hello
    )
    # No rtm.close(): it waits out the 3 s receive timeout of slack_sdk's reader thread. Its threads
    # are daemons, so the session ends when this process does, and the fake sees the connection end.
    return result


def main() -> None:
    plan = json.loads(sys.argv[1])
    result: typing.Dict[str, typing.Any] = {"slack_sdk": slack_sdk.version.__version__}
    if "web" in plan:
        result["web"] = [web_call(plan["base_url"], step) for step in plan["web"]]
    if "rtm" in plan:
        result["rtm"] = rtm_session(plan["base_url"], plan["rtm"])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
