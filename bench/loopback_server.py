"""The benchmark's fallback server when nginx is not installed: canned bytes over raw keep-alive sockets.

``python bench/loopback_server.py DIR`` listens on a free 127.0.0.1 port, prints it, and answers
every ``GET`` with a prebuilt response: the ``return 200 '...'`` locations of ``bench/nginx.conf``
(one source for the canned bodies) and the growth files ``DIR/growth/N/rtm.connect``. It parses
nothing but the request line, so it costs a few tens of µs per request, not the milliseconds of a
``http.server``. It exits when its standard input closes (its parent is gone).
"""
import os
import re
import socket
import sys
import threading
from pathlib import Path

__all__ = ["canned_bodies", "main"]

_LOCATION = re.compile(r"location = (\S+) \{\s*default_type \"?([^\";]+)\"?;\s*return 200 '([^']*)';")


def canned_bodies(conf_text: str) -> "dict[str, tuple[str, bytes]]":
    """``{path: (content_type, body)}`` for each ``location = PATH { default_type ...; return 200 '...'; }``."""
    return {path: (ctype, body.encode()) for path, ctype, body in _LOCATION.findall(conf_text)}


def _reply(content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"


def _replies(directory: Path) -> "dict[bytes, bytes]":
    conf = (Path(__file__).resolve().parent / "nginx.conf").read_text()
    replies = {path.encode(): _reply(ctype, body) for path, (ctype, body) in canned_bodies(conf).items()}
    for file in sorted(directory.glob("growth/*/rtm.connect")):
        path = "/" + file.relative_to(directory).as_posix()
        replies[path.encode()] = _reply("application/json", file.read_bytes())
    return replies


def _serve(conn: socket.socket, replies: "dict[bytes, bytes]") -> None:
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    with conn:
        while True:
            while b"\r\n\r\n" not in buffer:  # GET requests carry no body
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            target = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b""
            conn.sendall(replies.get(target.split(b"?", 1)[0], _NOT_FOUND))


def _exit_with_parent() -> None:
    sys.stdin.read()
    os._exit(0)


def main() -> None:
    replies = _replies(Path(sys.argv[1]))
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    print(listener.getsockname()[1], flush=True)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=_serve, args=(conn, replies), daemon=True).start()


if __name__ == "__main__":
    main()
