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

from conftest import LONG_TIMEOUT, RawServer, http_reply, outcome, read_request

THREADS = 16
CALLS_PER_THREAD = 20  # 320 calls: contention enough, and reuse stands out (no reuse would open 320)


def _token(index: int) -> str:
    return f"xoxb-thread-{index:02d}"


def _run_threads(api: RtmApi, threads: int, calls: int) -> typing.List[typing.Any]:
    """Each thread makes ``calls`` calls with its own token; returns every outcome (response or exception)."""
    start = threading.Barrier(threads)

    def work(index: int) -> typing.List[typing.Any]:
        start.wait()  # all threads call at once, so the pool really is contended
        return [outcome(api, {"token": _token(index)}) for _ in range(calls)]

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(work, range(threads)))
    return [result for thread_results in results for result in thread_results]


class _Run(typing.NamedTuple):
    outcomes: typing.List[typing.Any]
    requests: typing.List[typing.Any]
    connections: int
    team_id: str


@pytest.fixture(scope="module")
def sixteen_threads_on_a_pool_of_four() -> _Run:
    """One run that the next two tests read: sixteen threads share one client whose pool holds four connections."""
    with FakeSlackServer() as fake:
        with slack.ApiClient(slack.Configuration(host=fake.host, connection_pool_maxsize=4)) as client:
            outcomes = _run_threads(RtmApi(client), THREADS, CALLS_PER_THREAD)
        return _Run(outcomes, fake.requests, fake.connections, fake.ok_body()["team"]["id"])


def test_sixteen_threads_sharing_one_client_all_succeed_each_with_its_own_token(
    sixteen_threads_on_a_pool_of_four: _Run,
) -> None:
    run = sixteen_threads_on_a_pool_of_four
    assert len(run.outcomes) == THREADS * CALLS_PER_THREAD
    for result in run.outcomes:
        assert not isinstance(result, Exception), result
        assert result.body["team"]["id"] == run.team_id
    assert len(run.requests) == THREADS * CALLS_PER_THREAD
    # No header crossed from one thread's call to another's.
    per_token = collections.Counter(r.headers["authorization"] for r in run.requests)
    assert per_token == {f"Bearer {_token(i)}": CALLS_PER_THREAD for i in range(THREADS)}


def test_sixteen_threads_on_a_pool_of_four_reuse_connections(sixteen_threads_on_a_pool_of_four: _Run) -> None:
    run = sixteen_threads_on_a_pool_of_four
    assert all(not isinstance(o, Exception) for o in run.outcomes)
    # urllib3's pool does not block: when all four pooled connections are busy it opens
    # another and discards it afterwards, so more than four can be opened under load
    # (16 is typical, one per thread). Each connection still serves ten calls or more on average.
    assert run.connections <= THREADS * CALLS_PER_THREAD // 10


def test_as_many_threads_as_pool_slots_never_open_more_connections_than_slots(fake: FakeSlackServer) -> None:
    configuration = slack.Configuration(host=fake.host, connection_pool_maxsize=THREADS)
    with slack.ApiClient(configuration) as client:
        outcomes = _run_threads(RtmApi(client), THREADS, 10)

    assert all(not isinstance(o, Exception) for o in outcomes)
    assert len(fake.requests) == THREADS * 10
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
        outcomes = _run_threads(RtmApi(client), 8, 20)

    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 50
    assert all(type(e) is slack.ApiException and e.error == "invalid_auth" for e in errors)
    assert sum(1 for o in outcomes if not isinstance(o, Exception)) == 8 * 20 - 50


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


def _keep_alive_server() -> typing.Tuple[RawServer, threading.Event]:
    """Answers every request on a connection with a kept-alive success; the event is set when the client hangs up."""
    closed_by_client = threading.Event()

    def handler(conn: socket.socket) -> None:
        while read_request(conn):
            conn.sendall(http_reply())
        closed_by_client.set()

    return RawServer(handler), closed_by_client


@pytest.mark.parametrize("how", ["close", "with_block"])
def test_closing_the_client_closes_its_idle_connection(how: str) -> None:
    server, closed_by_client = _keep_alive_server()
    with server:
        client = slack.ApiClient(slack.Configuration(host=server.host))

        def two_calls() -> None:
            for _ in range(2):
                RtmApi(client).rtm_connect(query_params={"token": "xoxb-close-0001"})
            # Kept alive while the client is open: the second call came on the first call's connection.
            assert server.connections == 1 and not closed_by_client.is_set()

        if how == "close":
            two_calls()
            client.close()
        else:
            with client:
                two_calls()

        assert closed_by_client.wait(LONG_TIMEOUT)
