"""One ``ApiClient`` shared by many threads: every call succeeds, connections are pooled and reused,
and ``close()`` (or leaving the ``with`` block) releases them.
"""
import collections
import concurrent.futures
import socket
import threading
import typing

import pytest

import slack
from slack.apis.tags.rtm_api import RtmApi
from slack.testing import FakeSlackServer

THREADS = 16
CALLS_PER_THREAD = 100


def _run_threads(
    api: RtmApi, threads: int, calls: int, token: typing.Callable[[int], str] = lambda i: "xoxb-shared-0001"
) -> typing.List[typing.Any]:
    """Each thread makes ``calls`` calls with its own token; returns every outcome (response or exception)."""
    start = threading.Barrier(threads)

    def work(index: int) -> typing.List[typing.Any]:
        start.wait()  # all threads call at once, so the pool really is contended
        outcomes: typing.List[typing.Any] = []
        for _ in range(calls):
            try:
                outcomes.append(api.rtm_connect(query_params={"token": token(index)}))
            except slack.ApiException as e:
                outcomes.append(e)
        return outcomes

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(work, range(threads)))
    return [outcome for outcomes in results for outcome in outcomes]


def test_sixteen_threads_sharing_one_client_all_succeed_each_with_its_own_token(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, connection_pool_maxsize=4)
    with slack.ApiClient(configuration) as client:
        outcomes = _run_threads(RtmApi(client), THREADS, CALLS_PER_THREAD, lambda i: f"xoxb-thread-{i:02d}")

    assert len(outcomes) == THREADS * CALLS_PER_THREAD
    for outcome in outcomes:
        assert not isinstance(outcome, Exception), outcome
        assert outcome.body["url"] == fake.ok_body()["url"]
    requests = fake.requests
    assert len(requests) == THREADS * CALLS_PER_THREAD
    # No header crossed from one thread's call to another's.
    per_token = collections.Counter(r.headers["authorization"] for r in requests)
    assert per_token == {f"Bearer xoxb-thread-{i:02d}": CALLS_PER_THREAD for i in range(THREADS)}


def test_sixteen_threads_on_a_pool_of_four_reuse_connections(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, connection_pool_maxsize=4)
    with slack.ApiClient(configuration) as client:
        outcomes = _run_threads(RtmApi(client), THREADS, CALLS_PER_THREAD)

    assert all(not isinstance(o, Exception) for o in outcomes)
    # urllib3's pool does not block: when all four pooled connections are busy it opens
    # another and discards it afterwards, so more than four can be opened under load
    # (16 is typical, one per thread). Each connection still serves ten calls or more.
    assert fake.connections <= THREADS * CALLS_PER_THREAD // 10


def test_as_many_threads_as_pool_slots_never_open_more_connections_than_slots(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, connection_pool_maxsize=THREADS)
    with slack.ApiClient(configuration) as client:
        outcomes = _run_threads(RtmApi(client), THREADS, CALLS_PER_THREAD)

    assert all(not isinstance(o, Exception) for o in outcomes)
    assert len(fake.requests) == THREADS * CALLS_PER_THREAD
    assert fake.connections <= THREADS


def test_one_thread_making_fifty_calls_uses_exactly_one_connection(api: RtmApi, fake: FakeSlackServer) -> None:
    for _ in range(50):
        api.rtm_connect(query_params={"token": "xoxb-single-0001"})

    assert fake.connections == 1
    assert {r.connection for r in fake.requests} == {1}


def test_errors_in_some_threads_do_not_disturb_calls_in_others(fake: FakeSlackServer) -> None:
    for _ in range(50):
        fake.queue_error("invalid_auth")
    configuration = slack.Configuration(host=fake.host, connection_pool_maxsize=8)
    with slack.ApiClient(configuration) as client:
        outcomes = _run_threads(RtmApi(client), 8, 50)

    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 50
    assert all(type(e) is slack.ApiException and e.error == "invalid_auth" for e in errors)
    assert sum(1 for o in outcomes if not isinstance(o, Exception)) == 8 * 50 - 50


# --- releasing the pool --------------------------------------------------------------------------


def test_close_empties_the_pool_manager(fake: FakeSlackServer) -> None:
    client = slack.ApiClient(slack.Configuration(host=fake.host))
    RtmApi(client).rtm_connect(query_params={"token": "xoxb-close-0001"})
    assert len(client.rest_client.pool_manager.pools) == 1

    client.close()

    assert len(client.rest_client.pool_manager.pools) == 0


def test_leaving_the_with_block_empties_the_pool_manager(fake: FakeSlackServer) -> None:
    with slack.ApiClient(slack.Configuration(host=fake.host)) as client:
        RtmApi(client).rtm_connect(query_params={"token": "xoxb-close-0001"})
        assert len(client.rest_client.pool_manager.pools) == 1

    assert len(client.rest_client.pool_manager.pools) == 0


def test_a_call_after_close_opens_a_new_connection(fake: FakeSlackServer) -> None:
    client = slack.ApiClient(slack.Configuration(host=fake.host))
    api = RtmApi(client)
    api.rtm_connect(query_params={"token": "xoxb-close-0001"})
    api.rtm_connect(query_params={"token": "xoxb-close-0001"})
    assert fake.connections == 1

    client.close()
    api.rtm_connect(query_params={"token": "xoxb-close-0001"})
    client.close()

    assert fake.connections == 2
    assert [r.connection for r in fake.requests] == [1, 1, 2]


class _KeepAliveServer:
    """Answers every request on a connection with a keep-alive success; notes when the client hangs up."""

    _BODY = (b'{"ok": true, "url": "wss://example.invalid/ws", "team": {"id": "T123", "name": "n", "domain": "d"},'
             b' "self": {"id": "U123", "name": "n"}}')

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(10)
        self.host = f"http://127.0.0.1:{self._listener.getsockname()[1]}/api"
        self.closed_by_client = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="KeepAliveServer", daemon=True)

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        with conn:
            conn.settimeout(10)
            pending = b""
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    return
                if not chunk:
                    self.closed_by_client.set()
                    return
                pending += chunk
                while b"\r\n\r\n" in pending:
                    _, pending = pending.split(b"\r\n\r\n", 1)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: %d\r\n\r\n" % len(self._BODY) + self._BODY)

    def __enter__(self) -> "_KeepAliveServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()
        self._thread.join(10)


@pytest.mark.parametrize("how", ["close", "with_block"])
def test_closing_the_client_closes_its_idle_connection(how: str) -> None:
    with _KeepAliveServer() as server:
        client = slack.ApiClient(slack.Configuration(host=server.host))
        if how == "close":
            RtmApi(client).rtm_connect(query_params={"token": "xoxb-close-0001"})
            assert not server.closed_by_client.wait(0.2)  # kept alive while the client is open
            client.close()
        else:
            with client:
                RtmApi(client).rtm_connect(query_params={"token": "xoxb-close-0001"})
                assert not server.closed_by_client.wait(0.2)

        assert server.closed_by_client.wait(5)
