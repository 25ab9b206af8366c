"""How much this SDK costs on top of raw urllib3: per call, at import, and as responses grow.

    python bench/run.py            # about half a minute; --quick for a smoke run

Starts a loopback server (nginx with bench/nginx.conf when ``nginx`` is on PATH, else
bench/loopback_server.py), then measures in interleaved rounds, the order alternating, so that
the noise of a busy machine hits every contender alike. It reports µs as medians of per-round
means, and ratios as medians of the ratios within each round (wall time, and this process's CPU):

- per call: ``RtmApi.rtm_connect`` (validation, request, typed body) against raw urllib3
  (``PoolManager().request("GET", url, fields=..., headers=...)`` plus ``json.loads(r.data)``)
  and, when installed, ``slack_sdk.WebClient.rtm_connect``;
- import: fresh ``python -c "import slack; from slack.apis.tags import rtm_api"`` processes against
  ``python -c "import urllib3, json, certifi, frozendict"``;
- growth: the same call with an extra array of N elements in the body.

The ratios are what to read; absolute numbers depend on the machine. Ends with the results as
Markdown, ready for the README.
"""
import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # this clone's package, installed or not

# A loopback benchmark must not go through a proxy from the environment.
for _name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(_name, None)

import urllib3  # noqa: E402
from loopback_server import canned_bodies  # noqa: E402

import slack  # noqa: E402
from slack.apis.tags import rtm_api  # noqa: E402

TOKEN = "xoxb-0000000000-benchmark"
TEAM_ID = "T2U81E2FP"
GROWTH_SIZES = (0, 10, 100, 1000, 10000)
SDK_IMPORT = "import slack; from slack.apis.tags import rtm_api"
DEPS_IMPORT = "import urllib3, json, certifi, frozendict"

Call = Callable[[], Any]


# --- the server -----------------------------------------------------------------------------------


def growth_body(size: int) -> bytes:
    """The success body plus ``"items"``: ``size`` small user-like objects (str, int and bool values)."""
    _, body = canned_bodies((HERE / "nginx.conf").read_text())["/api/rtm.connect"]
    data = json.loads(body)
    data["items"] = [{"id": f"U{i:08d}", "name": f"user{i}", "n": i, "ok": i % 2 == 0} for i in range(size)]
    return json.dumps(data, separators=(",", ":")).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_listening(port: int, process: "subprocess.Popen[Any]") -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


class LoopbackServer:
    """nginx (when on PATH and ``use_nginx``) or the stdlib fallback, in a temp dir; a context manager."""

    def __init__(self, use_nginx: bool = True) -> None:
        self.use_nginx = use_nginx and shutil.which("nginx") is not None
        self.description = ""
        self.base = ""
        self._process: Optional[subprocess.Popen[Any]] = None
        self._dir = ""

    def __enter__(self) -> "LoopbackServer":
        self._dir = tempfile.mkdtemp(prefix="slackbench-")
        os.chmod(self._dir, 0o755)  # nginx workers run as another user when started as root
        for size in GROWTH_SIZES:
            folder = Path(self._dir, "growth", str(size))
            folder.mkdir(parents=True)
            (folder / "rtm.connect").write_bytes(growth_body(size))
            for path in (folder.parent, folder, folder / "rtm.connect"):
                path.chmod(0o755 if path.is_dir() else 0o644)
        try:
            port = (self._start_nginx() if self.use_nginx else None) or self._start_fallback()
        except BaseException:
            self.__exit__()
            raise
        self.base = f"http://127.0.0.1:{port}"
        return self

    def _start_nginx(self) -> Optional[int]:
        template = (HERE / "nginx.conf").read_text()
        version = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
        for _ in range(3):  # a free port may be taken before nginx binds it
            port = _free_port()
            conf = Path(self._dir, "nginx.conf")
            conf.write_text(template.replace("@DIR@", self._dir).replace("@PORT@", str(port)))
            with open(Path(self._dir, "nginx.log"), "wb") as log:
                self._process = subprocess.Popen(
                    ["nginx", "-p", self._dir, "-c", str(conf), "-e", "stderr"],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            if _wait_listening(port, self._process):
                self.description = f"{version.replace('nginx version: ', '')} (bench/nginx.conf)"
                return port
            self._stop()
        print("nginx did not start:", Path(self._dir, "nginx.log").read_text()[-500:], file=sys.stderr)
        return None

    def _start_fallback(self) -> int:
        self._process = subprocess.Popen(
            [sys.executable, str(HERE / "loopback_server.py"), self._dir],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        port = int(self._process.stdout.readline())
        if not _wait_listening(port, self._process):
            raise RuntimeError("the fallback server did not start")
        reason = "nginx is not on PATH" if shutil.which("nginx") is None else "nginx did not start, or --no-nginx"
        self.description = f"bench/loopback_server.py (stdlib fallback: {reason})"
        return port

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def __exit__(self, *exc: Any) -> None:
        self._stop()
        shutil.rmtree(self._dir, ignore_errors=True)


# --- the contenders -------------------------------------------------------------------------------


def raw_urllib3(base: str) -> Call:
    http = urllib3.PoolManager()
    url = base + "/rtm.connect"
    fields = {"batch_presence_aware": "true"}
    headers = {"Authorization": "Bearer " + TOKEN}

    def call() -> Any:
        r = http.request("GET", url, fields=fields, headers=headers)
        return json.loads(r.data)

    return call


def this_sdk(base: str) -> Call:
    api = rtm_api.RtmApi(slack.ApiClient(slack.Configuration(host=base)))
    params = {"token": TOKEN, "batch_presence_aware": True}

    def call() -> Any:
        return api.rtm_connect(query_params=params).body

    return call


def slack_sdk_client(base: str) -> Optional[Call]:
    try:
        from slack_sdk import WebClient
    except ImportError:
        return None
    client = WebClient(base_url=base + "/", token=TOKEN)

    def call() -> Any:
        return client.rtm_connect(batch_presence_aware=True).data

    return call


def _check(name: str, call: Call) -> None:
    """Each contender must really get the body, or its timing means nothing."""
    team = call()["team"]["id"]
    if team != TEAM_ID:
        raise SystemExit(f"{name}: expected team {TEAM_ID}, got {team!r}")


# --- measuring ------------------------------------------------------------------------------------


Sample = Tuple[float, float]  # one round's (wall, CPU) µs per call


def interleaved(contenders: Sequence[Tuple[str, Call, int]], rounds: int) -> Dict[str, List[Sample]]:
    """Each contender's (wall, CPU) µs per call, round by round; the order alternates between rounds.

    Wall time is what a caller waits. This process's CPU time is the client's own work: the server
    works in its own process, and CPU time is less disturbed by other processes on a busy machine.
    """
    samples: Dict[str, List[Sample]] = {name: [] for name, _, _ in contenders}
    for _name, call, _ in contenders:  # warm up: connections, caches, compiled validators
        for _ in range(20):
            call()
    for r in range(rounds):
        for name, call, calls in contenders if r % 2 == 0 else contenders[::-1]:
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(calls):
                call()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            samples[name].append((wall / calls * 1e6, cpu / calls * 1e6))
    return samples


def medians(samples: Sequence[Sample]) -> Sample:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def paired(samples: Sequence[Sample], baseline: Sequence[Sample]) -> Sample:
    """(wall, CPU) ratio to the baseline: the median over rounds of the ratio within each round.

    Rounds next to each other share the machine's state, so a ratio within a round cancels most of
    the drift that moves a ratio of overall medians by several percent on a busy machine.
    """
    return (statistics.median(s[0] / b[0] for s, b in zip(samples, baseline)),
            statistics.median(s[1] / b[1] for s, b in zip(samples, baseline)))


def import_times(runs: int) -> Dict[str, Tuple[List[float], List[float]]]:
    """Per statement: wall-clock ms of fresh processes, and ms spent in the imports themselves."""
    out: Dict[str, Tuple[List[float], List[float]]] = {SDK_IMPORT: ([], []), DEPS_IMPORT: ([], [])}
    statements = list(out)
    # With bytecode caches, as an installed package has them (pip compiles on install) and the
    # dependencies do: the warm-up run below writes them for this clone.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(statement: str) -> Tuple[float, float]:
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True)
        return (time.perf_counter() - start) * 1e3, float(done.stdout) * 1e3

    for statement in statements:  # writes bytecode caches, warms the file cache
        run(statement)
    for i in range(runs):
        for statement in statements if i % 2 == 0 else statements[::-1]:
            wall, imports = run(statement)
            out[statement][0].append(wall)
            out[statement][1].append(imports)
    return out


# --- reporting ------------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


PerCall = Tuple[str, float, float, float]  # name, wall µs, wall ratio, CPU ratio
Growth = Tuple[int, float, float, float, float, float]  # N, body KB, raw µs, SDK µs, x raw, SDK µs per element


def per_call(base: str, rounds: int, calls: int) -> List[PerCall]:
    contenders = [("raw urllib3", raw_urllib3(base), calls), ("slack (this SDK)", this_sdk(base), calls)]
    other = slack_sdk_client(base)
    if other is not None:
        from slack_sdk.version import __version__ as slack_sdk_version

        # A new connection per call (urllib.request): far slower, so fewer calls per round.
        contenders.append((f"slack_sdk {slack_sdk_version}", other, max(1, calls // 10)))
    for name, call, _ in contenders:
        _check(name, call)
    samples = interleaved(contenders, rounds)
    rows = []
    for name, _, _ in contenders:
        rows.append((name, medians(samples[name])[0], *paired(samples[name], samples["raw urllib3"])))
    if other is None:
        print("(slack_sdk is not installed: pip install slack_sdk to compare with it)")
    return rows


def growth(server_base: str, rounds: int, calls: int) -> List[Growth]:
    rows: List[Growth] = []
    for size in GROWTH_SIZES:
        base = f"{server_base}/growth/{size}"
        n = max(3, calls * 10 // (size + 10))  # about the same time per round at every size
        pair = [("raw", raw_urllib3(base), n), ("sdk", this_sdk(base), n)]
        for name, call, _ in pair:
            _check(name, call)
        samples = interleaved(pair, rounds)
        raw_us, sdk_us = medians(samples["raw"])[0], medians(samples["sdk"])[0]
        per_element = (sdk_us - rows[0][3]) / size if size else 0.0
        rows.append((size, len(growth_body(size)) / 1024, raw_us, sdk_us, paired(samples["sdk"], samples["raw"])[0],
                     per_element))
    return rows


def markdown(server: str, rounds: int, calls: int, calls_rows: Sequence[PerCall],
             import_runs: int, imports: Tuple[float, float, float, float, float, float], growth_rounds: int,
             growth_rows: Sequence[Growth]) -> str:
    sdk_wall, deps_wall, sdk_imp, deps_imp, wall_ratio, imp_ratio = imports
    return "\n".join([
        f"Machine: {machine()}; Python {platform.python_version()}; urllib3 {urllib3.__version__}; "
        f"server: {server}.",
        "",
        f"Per call ({rounds} interleaved rounds of {calls} calls; µs: median of per-round means; "
        "ratios: median of within-round ratios):",
        "",
        "| client | µs per call | x raw urllib3 (wall) | x raw urllib3 (client CPU) |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {name} | {us:.0f} | {wall:.2f} | {cpu:.2f} |" for name, us, wall, cpu in calls_rows),
        "",
        f"Import ({import_runs} fresh processes each, interleaved; medians):",
        "",
        "| `python -c ...` | process ms | of which the imports, ms |",
        "| --- | ---: | ---: |",
        f"| `{SDK_IMPORT}` | {sdk_wall:.1f} | {sdk_imp:.1f} |",
        f"| `{DEPS_IMPORT}` | {deps_wall:.1f} | {deps_imp:.1f} |",
        f"| ratio (median of paired runs) | {wall_ratio:.2f} | {imp_ratio:.2f} |",
        "",
        f"Growth (the success body plus an array of N small objects; {growth_rounds} interleaved rounds):",
        "",
        "| N | body KB | raw urllib3 µs | slack µs | x raw | slack µs per extra element |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {size} | {kb:.1f} | {raw:.0f} | {sdk:.0f} | {ratio:.2f} | {f'{elem:.2f}' if size else ''} |"
          for size, kb, raw, sdk, ratio, elem in growth_rows),
    ])


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=250, help="calls per contender per round (default 250)")
    parser.add_argument("--rounds", type=int, default=40,
                        help="interleaved rounds per call comparison (default 40; growth uses half)")
    parser.add_argument("--import-runs", type=int, default=40,
                        help="fresh processes per import statement (default 40)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run of a few seconds (8 rounds of 50 calls, 6 import runs): rough numbers")
    parser.add_argument("--no-nginx", action="store_true", help="use the stdlib fallback server even if nginx is there")
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.rounds, args.import_runs = 50, 8, 6
    rounds, calls, import_runs = max(2, args.rounds), max(1, args.calls), max(1, args.import_runs)
    growth_rounds = max(2, rounds // 2)

    with LoopbackServer(use_nginx=not args.no_nginx) as server:
        print(f"server: {server.description} at {server.base}")
        print(f"machine: {machine()}; Python {platform.python_version()}; urllib3 {urllib3.__version__}")

        print(f"\nper call: {rounds} interleaved rounds of {calls} calls; µs: median of per-round means; "
              "ratios: median of within-round ratios")
        calls_rows = per_call(server.base + "/api", rounds, calls)
        print(f"{'':<22}{'µs/call':>10}{'x raw (wall)':>14}{'x raw (CPU)':>13}")
        for name, us, wall, cpu in calls_rows:
            print(f"{name:<22}{us:>10.1f}{wall:>14.3f}{cpu:>13.3f}")

        print(f"\nimport: {import_runs} fresh processes each, interleaved, medians")
        times = import_times(import_runs)
        sdk_wall, sdk_imp = (statistics.median(v) for v in times[SDK_IMPORT])
        deps_wall, deps_imp = (statistics.median(v) for v in times[DEPS_IMPORT])
        import_ratio = paired(list(zip(*times[SDK_IMPORT])), list(zip(*times[DEPS_IMPORT])))
        print(f"{'python -c':<52}{'process ms':>11}{'imports ms':>11}")
        print(f"{SDK_IMPORT:<52}{sdk_wall:>11.1f}{sdk_imp:>11.1f}")
        print(f"{DEPS_IMPORT:<52}{deps_wall:>11.1f}{deps_imp:>11.1f}")
        print(f"{'ratio (median of paired runs)':<52}{import_ratio[0]:>11.3f}{import_ratio[1]:>11.3f}")

        print(f"\ngrowth: an extra array of N objects in the body; {growth_rounds} interleaved rounds")
        growth_rows = growth(server.base, growth_rounds, calls)
        print(f"{'N':>6}{'body KB':>9}{'raw µs':>10}{'SDK µs':>10}{'x raw':>8}{'SDK µs/element':>16}")
        for size, kb, raw_us, sdk_us, ratio, elem in growth_rows:
            print(f"{size:>6}{kb:>9.1f}{raw_us:>10.1f}{sdk_us:>10.1f}{ratio:>8.2f}"
                  f"{f'{elem:.2f}' if size else '':>16}")

        print("\n" + markdown(server.description, rounds, calls, calls_rows, import_runs,
                              (sdk_wall, deps_wall, sdk_imp, deps_imp, *import_ratio), growth_rounds, growth_rows))


if __name__ == "__main__":
    main()
