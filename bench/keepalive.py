"""Calls spaced at a server's keep-alive timeout: how many fail because the server closed the idle connection.

    python bench/keepalive.py [--calls 200] [--idle 0.05]

A loopback server answers on kept-alive connections and closes each one after ``--idle`` seconds
without a request, the way nginx's ``keepalive_timeout`` does. The client calls every ``--idle``
seconds (plus or minus a little jitter), so some requests go out just as the server closes their
connection. urllib3 sees a connection as dropped only once the server's FIN has arrived; a request
sent in the moment before that fails with "connection reset" or "closed without a response". The
client retries such a request once on a new connection, whatever ``retries`` says.
"""
import argparse
import random
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import slack
from slack.apis.tags.rtm_api import RtmApi

BODY = (b'{"ok": true, "url": "wss://wss-primary.slack.com/websocket/x", '
        b'"team": {"id": "T0001", "name": "n", "domain": "d"}, "self": {"id": "U0001", "name": "b"}}')
REPLY = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(BODY)) + BODY


def serve(listener: socket.socket, idle: float, counts: dict) -> None:
    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(idle)
            data = b""
            while True:
                try:
                    chunk = conn.recv(4096)
                except (socket.timeout, OSError):
                    return  # idle for too long: close, as a keep-alive timeout does
                if not chunk:
                    return
                data += chunk
                while b"\r\n\r\n" in data:
                    _, data = data.split(b"\r\n\r\n", 1)
                    conn.sendall(REPLY)

    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        counts["connections"] += 1
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--idle", type=float, default=0.05, help="the server's keep-alive timeout, seconds")
    args = parser.parse_args()

    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    counts = {"connections": 0}
    threading.Thread(target=serve, args=(listener, args.idle, counts), daemon=True).start()
    host = f"http://127.0.0.1:{listener.getsockname()[1]}/api"
    rng = random.Random(1)
    for retries in (None, 0):
        counts["connections"] = 0
        failures = 0
        with slack.ApiClient(slack.Configuration(host=host, retries=retries)) as client:
            api = RtmApi(client)
            for _ in range(args.calls):
                try:
                    api.rtm_connect(query_params={"token": "xoxb-keepalive"})
                except slack.ApiException as e:
                    failures += 1
                    print("failed:", e, file=sys.stderr)
                time.sleep(args.idle * rng.uniform(0.97, 1.03))
        print(f"retries={retries!r}: {args.calls} calls spaced at the server's {args.idle:g} s keep-alive timeout: "
              f"{failures} failed, {counts['connections']} connections opened")
    listener.close()


if __name__ == "__main__":
    main()
