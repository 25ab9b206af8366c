"""``python -m slack rtm.connect|rtm.stream``: call rtm.connect, or stream an RTM session, from a shell.

``rtm.connect`` prints what Slack answered; ``rtm.stream`` prints one line per event
until Ctrl-C or ``--count`` events. The token comes from ``--token`` or ``$SLACK_TOKEN``
and is never printed. ``--demo`` runs against the built-in fake Slack on loopback: no
account, no network.
Exit codes: 0 success, 1 Slack or the transport said no, 2 bad usage or bad input. Every
failure is one line on stderr, and no value from the command line is ever shown in it.
"""
import argparse
import contextlib
import json
import math
import os
import re
import sys
import threading
import typing

import slack
from slack._redact import one_line
from slack.api_client import JSONEncoder
from slack.apis.tags.rtm_api import RtmApi
from slack.configuration import DEFAULT_HOST
from slack.paths.rtm_connect.get import RequestQueryParams, SchemaFor200ResponseBodyApplicationJson

__all__ = ["main"]

_DEMO_TOKEN = "xoxb-demo-token"  # noqa: S105 (only the fake Slack ever sees it)
_METHODS = ("rtm.connect", "rtm.stream")
_DEMO_EVENTS = 5  # the demo session: hello, a message, a typing event, goodbye, and the new session's hello
_DECLARED_KEYS = ("ok", "url", "team", "self")
# Only what looks like a method name is echoed back: a token pasted in the wrong place is not.
_METHOD_NAME = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)+")


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number of seconds") from None
    # Checked here, not left to the library: a socket given more than TIMEOUT_MAX raises OverflowError.
    if not (math.isfinite(seconds) and 0 < seconds <= threading.TIMEOUT_MAX):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, at most {threading.TIMEOUT_MAX:.0f}")
    return seconds


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("must be a whole number of events, 1 or more")
    return int(text)


def _url(text: str) -> str:
    # Checked as Configuration checks a host, here so that a bad one is a usage error naming --host.
    # The URL is not shown: it may carry a password.
    try:
        slack.Configuration(host=text)
    except slack.OpenApiException:
        raise argparse.ArgumentTypeError(
            "must be a URL such as https://slack.com/api (no user, password, query or fragment)") from None
    return text


# Python's repr of a str, as argparse quotes a value in its messages ('...' or "...").
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'" r'|"(?:[^"\\]|\\.)*"')
# An unknown option is named only when it looks like one; a token (digits) pasted after a dash is not.
_OPTION_NAME = re.compile(r"--?[A-Za-z][A-Za-z-]{0,40}")


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line that shows no value from the command line.

    Any value may be a token pasted in the wrong place, and argparse quotes values in
    its messages ("ignored explicit argument 'xoxb-…'"), so every quoted text and every
    ``--option=value`` of the command line is replaced before the message is printed.
    """

    _argv: typing.Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: typing.Optional[typing.Sequence[str]] = None, namespace: typing.Optional[argparse.Namespace] = None
    ) -> typing.Tuple[argparse.Namespace, typing.List[str]]:
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> typing.NoReturn:
        # Longest first, so that a shorter argument inside a longer one cannot leave part of it behind.
        for arg in sorted(self._argv, key=len, reverse=True):
            name, eq, value = arg.partition("=")
            if arg.startswith("-") and eq and value:
                message = message.replace(arg, f"{name}=(not shown)")
        self.usage_error(_QUOTED.sub("(not shown)", message))

    def usage_error(self, message: str) -> typing.NoReturn:
        """Exit 2 with ``message``, which the caller has made safe to show."""
        self.exit(2, f"error: {one_line(message)} (see {self.prog} --help)\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog="python -m slack", description="Call a Slack Web API method and print the result.",
        allow_abbrev=False)  # an abbreviation matching two options makes argparse echo the argument
    parser.add_argument("method", metavar="METHOD", help=f"the Web API method to call: {', '.join(_METHODS)}")
    parser.add_argument("--token", help="the Slack token (default: $SLACK_TOKEN); never printed")
    parser.add_argument("--batch-presence-aware", action="store_true", help="send batch_presence_aware=true")
    parser.add_argument("--presence-sub", action="store_true", help="send presence_sub=true")
    parser.add_argument("--host", type=_url, help=f"base URL of the Web API (default: {DEFAULT_HOST})")
    parser.add_argument("--timeout", type=_seconds, help="seconds to wait for Slack (default: 30)")
    parser.add_argument("--json", action="store_true", help="print the response body (or each event) as JSON")
    parser.add_argument("--count", type=_count, help="rtm.stream: stop after this many events (default: until Ctrl-C)")
    parser.add_argument("--demo", action="store_true",
                        help="call the built-in fake Slack on loopback with a demo token (no account, no network)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {slack.__version__}")
    return parser


def _shown_argument(arg: str) -> str:
    """How a stray argument is named in an error: only an option's name, never a value."""
    if not arg.startswith("-"):
        return "(a value, not shown)"
    name = arg.split("=", 1)[0]
    return name if _OPTION_NAME.fullmatch(name) else "(an option, not shown)"


def _parse(argv: typing.Optional[typing.Sequence[str]]) -> argparse.Namespace:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        parser.usage_error(f"unrecognized arguments: {' '.join(_shown_argument(a) for a in extra)}")
    if args.method not in _METHODS:
        named = repr(args.method) if _METHOD_NAME.fullmatch(args.method) else "(not shown)"
        parser.usage_error(f"unsupported method {named}; supported: {', '.join(_METHODS)}")
    if args.count is not None and args.method != "rtm.stream":
        parser.usage_error("--count is for rtm.stream")
    if args.demo:
        if args.host is not None or args.token is not None:
            parser.usage_error("--demo calls the built-in fake Slack with its own token; drop --host and --token")
        args.token = _DEMO_TOKEN
    elif args.token is None:
        args.token = os.environ.get("SLACK_TOKEN") or None
        if args.token is None:
            parser.usage_error("no token: pass --token or set SLACK_TOKEN (or try --demo)")
    return args


def _print_body(method: str, body: SchemaFor200ResponseBodyApplicationJson) -> None:
    # Every string here is the server's choice: escaped, so it cannot add lines or drive the terminal.
    team, me = body["team"], body["self"]
    lines = [
        f"{method} ok",
        f"  team:  {one_line(team['name'])} ({one_line(team['domain'])}, {one_line(team['id'])})",
        f"  self:  {one_line(me['name'])} ({one_line(me['id'])})",
        f"  url:   {one_line(body['url'])}  (a session credential: use it within 30 s)",
    ]
    # Keys Slack added after its spec (warning, response_metadata, ...) carry advice worth seeing.
    for key, value in body.items():
        if key not in _DECLARED_KEYS:
            shown = value if isinstance(value, str) else json.dumps(value, cls=JSONEncoder)
            lines.append(f"  {one_line(key) + ':':<6} {one_line(shown)}")
    print("\n".join(lines))


def _fail(message: str, token: str) -> None:
    # The package never puts a token in a message; this is a second lock on the same door.
    if token:
        message = message.replace(token, "(redacted)").replace(one_line(token), "(redacted)")
    # Slack chose the error code and any advice in the message: a newline or escape sequence is shown, not obeyed.
    text = " ".join(one_line(message).split())
    print(f"error: {text}", file=sys.stderr)


def _event_line(event: typing.Mapping[str, typing.Any], as_json: bool) -> str:
    """One line for one event: its type and the rest as compact JSON (or all of it, with --json)."""
    if as_json:
        return json.dumps(event, cls=JSONEncoder, separators=(",", ":"))
    rest = {key: value for key, value in event.items() if key != "type"}
    details = json.dumps(rest, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":")) if rest else ""
    return one_line(f"{event.get('type', '(no type)')} {details}".rstrip())


def _play_demo(fake: typing.Any, stop: threading.Event) -> None:
    """The fake's side of the demo session, once the client's first session is open."""
    if not fake.rtm_wait(lambda: fake.rtm_sessions >= 1, timeout=5.0) or stop.is_set():
        return
    fake.rtm_push({"type": "message", "channel": "C0FAKE0001", "user": "U0FAKE0002",
                   "text": "Hello from the fake Slack!", "ts": "1700000000.000100"})
    fake.rtm_push({"type": "user_typing", "channel": "C0FAKE0001", "user": "U0FAKE0002"})
    fake.rtm_goodbye()  # the client reconnects on its own, and the new session says hello


def _stream(args: argparse.Namespace, token: str) -> int:
    try:
        from slack.rtm_client import RtmClient
    except ImportError as e:
        _fail(str(e), token)
        return 1
    count = _DEMO_EVENTS if args.demo and args.count is None else args.count
    stop = threading.Event()
    with contextlib.ExitStack() as stack:
        stack.callback(stop.set)
        host = args.host
        fake = None
        if args.demo:
            from slack.testing import FakeSlackServer

            fake = stack.enter_context(FakeSlackServer())
            host = fake.host
            print(f"demo: streaming an RTM session from the built-in fake Slack at {host} with a demo token; "
                  "it plays hello, a message, a typing event and a goodbye, then the client reconnects",
                  file=sys.stderr)
        settings = {} if args.timeout is None else {"timeout": args.timeout}
        seen = 0
        try:
            client = stack.enter_context(slack.ApiClient(slack.Configuration(host=host, **settings)))
            rtm = stack.enter_context(RtmClient(client, token=token, presence_sub=args.presence_sub,
                                                batch_presence_aware=args.batch_presence_aware))
            if fake is not None:
                threading.Thread(target=_play_demo, args=(fake, stop), name="slack-demo", daemon=True).start()
            for event in rtm:
                print(_event_line(event, args.json), flush=True)
                seen += 1
                if count is not None and seen >= count:
                    break
        except KeyboardInterrupt:
            print(f"stopped after {seen} events", file=sys.stderr)
    return 0


def _call(args: argparse.Namespace, token: str) -> int:
    if args.method == "rtm.stream":
        return _stream(args, token)
    query_params: RequestQueryParams = {"token": token}
    if args.batch_presence_aware:
        query_params["batch_presence_aware"] = True
    if args.presence_sub:
        query_params["presence_sub"] = True

    with contextlib.ExitStack() as stack:
        host = args.host
        if args.demo:
            from slack.testing import FakeSlackServer

            host = stack.enter_context(FakeSlackServer()).host
            print(f"demo: calling the built-in fake Slack (slack.testing.FakeSlackServer) at {host} "
                  "with a demo token; no Slack account, no network", file=sys.stderr)
        client = stack.enter_context(slack.ApiClient(slack.Configuration(host=host)))
        response = RtmApi(client).rtm_connect(query_params=query_params, timeout=args.timeout)

    if args.json:
        # ensure_ascii (the default) escapes control characters and lone surrogates already.
        print(json.dumps(response.body, cls=JSONEncoder, indent=2))
    else:
        _print_body(args.method, response.body)
    return 0


def main(argv: typing.Optional[typing.Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    try:
        args = _parse(argv)
    except SystemExit as e:  # argparse exits for --help, --version and usage errors
        return e.code if isinstance(e.code, int) else 2
    token: str = args.token
    try:
        return _call(args, token)
    except slack.ApiException as e:
        _fail(str(e), token)
        return 1
    except slack.OpenApiException as e:  # bad input: nothing was sent
        _fail(str(e), token)
        return 2
    except Exception as e:  # noqa: BLE001 (the last line of defence: a bug is one line too, never a traceback)
        _fail(f"unexpected {type(e).__name__}: {e}", token)
        return 1


if __name__ == "__main__":
    sys.exit(main())
