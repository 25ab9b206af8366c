"""The RTM session's costs: events per second through ``for event in rtm``, and the time to heal a silent drop.

    python bench/rtm.py            # about a minute; --quick for a smoke run

The fake Slack (``slack.testing.FakeSlackServer``) runs in a process of its own, so that pushing
events does not compete with the reader for this process's GIL. Each round pushes N small message
events into one open session and times how long the reader takes from the first to the last:

- ``RtmClient``: ``for event in rtm`` (a reader thread, JSON decoded into frozendicts, a queue);
- bare websockets: ``ws.recv()`` plus ``json.loads`` in a loop, on the same fake.

Rounds alternate between the two. It then measures, with the default ``ping_interval`` and
``pong_timeout`` (10 s each), the time from a silent drop (the TCP connection stays open and the
server stops answering) to the next session's ``hello``. Ends with the results as Markdown.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets.sync.client  # noqa: E402

import slack  # noqa: E402
from slack.apis.tags.rtm_api import RtmApi  # noqa: E402
from slack.rtm_client import RtmClient  # noqa: E402

TOKEN = "xoxb-bench-rtm"
EVENT = {"type": "message", "channel": "C0BENCH01", "user": "U0BENCH01", "text": "hello, bench", "ts": "1.000100"}

_SERVER = """
import json, sys
from slack.testing import FakeSlackServer
event = json.loads(sys.argv[1])
with FakeSlackServer() as fake:
    print(fake.host, flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "push":
            fake.rtm_wait(lambda: fake.rtm_sessions >= 1, timeout=5)
            frame = json.dumps(event)
            for _ in range(int(arg)):
                fake.rtm_push(frame)
        elif command == "drop":
            fake.rtm_drop(silent=True)
        print("done", flush=True)
"""


class Server:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen([sys.executable, "-c", _SERVER, json.dumps(EVENT)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env)
        assert self.process.stdout is not None and self.process.stdin is not None
        self.host = self.process.stdout.readline().strip()

    def command(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def wait_done(self) -> None:
        assert self.process.stdout is not None
        self.process.stdout.readline()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)


def through_rtm_client(server: Server, client: slack.ApiClient, n: int) -> float:
    with RtmClient(client, token=TOKEN) as rtm:
        events = iter(rtm)
        next(events)  # hello
        server.command(f"push {n}")
        next(events)
        start = time.perf_counter()
        for _ in range(n - 1):
            next(events)
        elapsed = time.perf_counter() - start
        server.wait_done()
    return (n - 1) / elapsed


def through_bare_websockets(server: Server, client: slack.ApiClient, n: int) -> float:
    url = str(RtmApi(client).rtm_connect(query_params={"token": TOKEN}).body["url"])
    with websockets.sync.client.connect(url, ping_interval=None, compression=None) as ws:
        json.loads(ws.recv())  # hello
        server.command(f"push {n}")
        json.loads(ws.recv())
        start = time.perf_counter()
        for _ in range(n - 1):
            json.loads(ws.recv())
        elapsed = time.perf_counter() - start
        server.wait_done()
    return (n - 1) / elapsed


def heal_time(server: Server, client: slack.ApiClient) -> float:
    with RtmClient(client, token=TOKEN) as rtm:
        events = iter(rtm)
        next(events)  # hello
        server.command("drop")
        server.wait_done()
        start = time.perf_counter()
        while next(events)["type"] != "hello":
            pass
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller rounds, and no heal measurement")
    args = parser.parse_args()
    rounds, n = (3, 2000) if args.quick else (8, 10000)

    server = Server()
    contenders: List[Callable[[Server, slack.ApiClient, int], float]] = [through_rtm_client, through_bare_websockets]
    rates: Dict[str, List[float]] = {f.__name__: [] for f in contenders}
    ratios: List[float] = []
    with slack.ApiClient(slack.Configuration(host=server.host)) as client:
        for r in range(rounds):
            order = contenders if r % 2 == 0 else contenders[::-1]
            got = {f.__name__: f(server, client, n) for f in order}
            for name, rate in got.items():
                rates[name].append(rate)
            ratios.append(got["through_rtm_client"] / got["through_bare_websockets"])
        heal = None if args.quick else heal_time(server, client)
    server.close()

    print(f"\nEvents per second ({rounds} interleaved rounds of {n} events; medians):\n")
    print("| reader | events/s |")
    print("| --- | ---: |")
    print(f"| `for event in rtm` (RtmClient) | {statistics.median(rates['through_rtm_client']):,.0f} |")
    print(f"| bare websockets `recv()` + `json.loads` | {statistics.median(rates['through_bare_websockets']):,.0f} |")
    print(f"| ratio (median of within-round ratios) | {statistics.median(ratios):.2f} |")
    if heal is not None:
        print(f"\nSilent drop to the next hello, default settings: {heal:.1f} s")
    print(f"\n(Python {sys.version.split()[0]}, websockets {websockets.version.version}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
