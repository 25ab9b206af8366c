# hand-written in the generated style
"""``python -m slack rtm.connect``: call rtm.connect from a shell and print what Slack answered.

The token comes from ``--token`` or ``$SLACK_TOKEN`` and is never printed. ``--demo``
runs the call against the built-in fake Slack on loopback: no account, no network.
Exit codes: 0 success, 1 Slack or the transport said no, 2 bad usage or bad input.
"""
import argparse
import contextlib
import json
import os
import re
import sys
import typing

import slack
from slack.api_client import JSONEncoder
from slack.apis.tags.rtm_api import RtmApi
from slack.configuration import DEFAULT_HOST
from slack.paths.rtm_connect.get import RequestQueryParams, SchemaFor200ResponseBodyApplicationJson

__all__ = ["main"]

_DEMO_TOKEN = "xoxb-demo-token"  # noqa: S105 (only the fake Slack ever sees it)
_METHODS = ("rtm.connect",)
_DECLARED_KEYS = ("ok", "url", "team", "self")
# Only what looks like a method name is echoed back: a token pasted in the wrong place is not.
_METHOD_NAME = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)+")


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number of seconds") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m slack", description="Call a Slack Web API method and print the result.")
    parser.add_argument("method", metavar="METHOD", help=f"the Web API method to call: {', '.join(_METHODS)}")
    parser.add_argument("--token", help="the Slack token (default: $SLACK_TOKEN); never printed")
    parser.add_argument("--batch-presence-aware", action="store_true", help="send batch_presence_aware=true")
    parser.add_argument("--presence-sub", action="store_true", help="send presence_sub=true")
    parser.add_argument("--host", help=f"base URL of the Web API (default: {DEFAULT_HOST})")
    parser.add_argument("--timeout", type=_seconds, help="seconds to wait for Slack (default: 30)")
    parser.add_argument("--json", action="store_true", help="print the response body as JSON")
    parser.add_argument("--demo", action="store_true",
                        help="call the built-in fake Slack on loopback with a demo token (no account, no network)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {slack.__version__}")
    return parser


def _parse(argv: typing.Optional[typing.Sequence[str]]) -> argparse.Namespace:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # Name stray options but not stray values: a value may be a token pasted in the wrong place.
        shown = " ".join(a.split("=", 1)[0] if a.startswith("-") else "(a value, not shown)" for a in extra)
        parser.error(f"unrecognized arguments: {shown}")
    if args.method not in _METHODS:
        named = repr(args.method) if _METHOD_NAME.fullmatch(args.method) else "(not shown)"
        parser.error(f"unsupported method {named}; supported: {', '.join(_METHODS)}")
    if args.demo:
        if args.host is not None or args.token is not None:
            parser.error("--demo calls the built-in fake Slack with its own token; drop --host and --token")
        args.token = _DEMO_TOKEN
    elif args.token is None:
        args.token = os.environ.get("SLACK_TOKEN") or None
        if args.token is None:
            parser.error("no token: pass --token or set SLACK_TOKEN (or try --demo)")
    return args


def _print_body(method: str, body: SchemaFor200ResponseBodyApplicationJson) -> None:
    team, me = body["team"], body["self"]
    lines = [
        f"{method} ok",
        f"  team:  {team['name']} ({team['domain']}, {team['id']})",
        f"  self:  {me['name']} ({me['id']})",
        f"  url:   {body['url']}  (a session credential: use it within 30 s)",
    ]
    # Keys Slack added after its spec (warning, response_metadata, ...) carry advice worth seeing.
    for key, value in body.items():
        if key not in _DECLARED_KEYS:
            shown = value if isinstance(value, str) else json.dumps(value, cls=JSONEncoder)
            lines.append(f"  {key + ':':<6} {shown}")
    print("\n".join(lines))


def _fail(message: str, token: str) -> None:
    # The package never puts a token in a message; this is a second lock on the same door.
    text = " ".join(message.split())
    if token:
        text = text.replace(token, "(redacted)")
    print(f"error: {text}", file=sys.stderr)


def main(argv: typing.Optional[typing.Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    try:
        args = _parse(argv)
    except SystemExit as e:  # argparse exits for --help, --version and usage errors
        return e.code if isinstance(e.code, int) else 2
    token: str = args.token
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
        try:
            client = stack.enter_context(slack.ApiClient(slack.Configuration(host=host)))
            response = RtmApi(client).rtm_connect(query_params=query_params, timeout=args.timeout)
        except slack.ApiException as e:
            _fail(str(e), token)
            return 1
        except slack.OpenApiException as e:  # bad input: nothing was sent
            _fail(str(e), token)
            return 2

    if args.json:
        print(json.dumps(response.body, cls=JSONEncoder, indent=2))
    else:
        _print_body(args.method, response.body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
