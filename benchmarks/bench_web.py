"""Load test of the web application on loopback: ``make bench-web``.

1. Builds a fresh SQLite database in a temporary folder with the demo data (``python -m
   web demo``: the five samples, four of them submitted) and logs every demo officer and
   reviewer in once (Django's test client, ``force_login``), so the load measures pages
   rather than 50 simultaneous PBKDF2 password checks; one locust user still logs in
   through the form again and again to measure that.
2. Serves ``web.wsgi`` with waitress (``--threads`` worker threads, ``JIXIAO_DEBUG=0`` as
   in a deployment) on a free port of 127.0.0.1.
3. Runs ``benchmarks/locustfile.py`` headless for ``--duration`` seconds with ``--users``
   users started ``--spawn-rate`` per second: reviewers read their queue and their
   declarations (the 29-project Guangzhou table among them), officers their list and
   declarations.
4. Prints requests/s and the p50/p95/p99 response times per endpoint (milliseconds) and
   writes them to ``benchmarks/results/web-<time>-summary.json``, beside locust's own
   statistics (``web-<time>.json``) and CSV files.

The server is stopped on every exit; locust is given the duration plus a minute before it
is killed, so the script always ends. Exit status 1 when a request failed. Both programs
share the machine's cores, so the numbers are a floor for a real deployment, and vary
with other load on the host.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from io import StringIO
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "benchmarks" / "locustfile.py"
RESULTS = ROOT / "benchmarks" / "results"
PERCENTILES = (50, 95, 99)
READY_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=50, help="simultaneous users (50)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (30)")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads (8)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the results")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _exit_on_signal)  # so `finally` stops the server
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        env = server_environment(Path(tmp))
        plan = seed(env)
        plan_path = Path(tmp) / "plan.json"
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        port = free_port()
        with serving(env, port, args.threads, Path(tmp) / "server.log") as url:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            prefix = prepare_results(args.results) / f"web-{stamp}"
            print(
                f"locust: {args.users} users (+{args.spawn_rate:g}/s) for {args.duration} s "
                f"against {url} (waitress, {args.threads} threads)",
                flush=True,
            )
            run_locust(args, url, prefix, {**env, "JIXIAO_BENCH_PLAN": str(plan_path)})
    rows = read_stats(prefix.with_name(prefix.name + ".json"))
    print_table(rows)
    write_summary(prefix.with_name(prefix.name + "-summary.json"), args, rows)
    if rows[-1]["failures"]:
        print_failures(prefix.with_name(prefix.name + "_failures.csv"))
        return 1
    return 0


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def server_environment(var_dir: Path) -> dict[str, str]:
    """The environment of the server, of locust and of this process's own Django."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        JIXIAO_VAR_DIR=str(var_dir),
        JIXIAO_DEBUG="0",
        JIXIAO_SECRET_KEY=secrets.token_urlsafe(32),
        DJANGO_SETTINGS_MODULE="web.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    return env


def seed(env: dict[str, str]) -> dict[str, Any]:
    """Migrate and seed the database of ``env`` here; the plan the locust users follow."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from web.declarations.management.commands.seed_demo import DEMO_PASSWORD, USERS
    from web.declarations.models import Declaration
    from web.permissions import visible_declarations
    from web.workflow import Role

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=StringIO())
    users = []
    for username, _name, role, _organisation in USERS:
        if role not in (Role.OFFICER, Role.REVIEWER):
            continue
        user = User.objects.get(username=username)
        visible = list(visible_declarations(user).values_list("pk", flat=True))
        if not visible:
            continue
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        users.append(
            {"username": username, "role": role.value, "session": session, "declarations": visible}
        )
    big = Declaration.objects.get(source_file="guangzhou-2023-project-tabbed.txt").pk
    connections.close_all()
    return {"password": DEMO_PASSWORD, "big": big, "users": users}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str], port: int, threads: int, log: Path) -> Iterator[str]:
    """Run waitress on 127.0.0.1:``port`` until the block ends; yields the base URL."""
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "waitress",
        f"--listen=127.0.0.1:{port}",
        f"--threads={threads}",
        "web.wsgi:application",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)
        try:
            wait_until_ready(server, url + "/accounts/login/", log)
            yield url
        finally:
            stop(server)


def wait_until_ready(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (status {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {READY_TIMEOUT_S} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def prepare_results(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# results of make bench-web\n*\n")
    return folder


def run_locust(args: argparse.Namespace, url: str, prefix: Path, env: dict[str, str]) -> None:
    command = [
        sys.executable,
        "-m",
        "locust",
        f"--locustfile={LOCUSTFILE}",
        "--headless",
        f"--users={args.users}",
        f"--spawn-rate={args.spawn_rate}",
        f"--run-time={args.duration}s",
        f"--host={url}",
        f"--csv={prefix}",  # failures and history; the final statistics come from the JSON
        f"--json-file={prefix}",  # locust adds .json
        "--only-summary",
        "--stop-timeout=5",
        "--loglevel=WARNING",
    ]
    locust = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        locust.wait(args.duration + 60)
    except subprocess.TimeoutExpired:
        print("locust did not stop in time; killed", file=sys.stderr)
    finally:
        stop(locust)


def read_stats(path: Path) -> list[dict[str, Any]]:
    """Requests, failures, requests/s and milliseconds per endpoint from locust's final
    statistics (``--json-file``), plus an ``Aggregated`` row over all of them."""
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    if not entries:
        raise SystemExit(f"locust made no request (see {path})")
    started = min(entry["start_time"] for entry in entries)
    ended = max(entry["last_request_timestamp"] or started for entry in entries)
    elapsed_s = max(ended - started, 1e-9)
    total: dict[str, Any] = {
        "name": "Aggregated",
        "num_requests": 0,
        "num_failures": 0,
        "total_response_time": 0,
        "max_response_time": 0,
        "response_times": Counter(),
    }
    rows = []
    for entry in sorted(entries, key=lambda e: str(e["name"])):
        rows.append(_row(entry, elapsed_s))
        for key in ("num_requests", "num_failures", "total_response_time"):
            total[key] += entry[key]
        total["max_response_time"] = max(total["max_response_time"], entry["max_response_time"])
        total["response_times"].update(entry["response_times"])
    return [*rows, _row(total, elapsed_s)]


def _row(entry: dict[str, Any], elapsed_s: float) -> dict[str, Any]:
    times = {int(ms): count for ms, count in entry["response_times"].items()}
    requests = int(entry["num_requests"])
    return {
        "name": entry["name"],
        "requests": requests,
        "failures": int(entry["num_failures"]),
        "requests_per_s": round(requests / elapsed_s, 1),
        "mean_ms": round(entry["total_response_time"] / requests) if requests else None,
        "max_ms": round(entry["max_response_time"]),
        **{f"p{p}_ms": percentile(times, p / 100) for p in PERCENTILES},
    }


def percentile(times_ms: dict[int, int], fraction: float) -> int | None:
    """The response time within which ``fraction`` of the requests finished, from locust's
    histogram ``{rounded ms: count}`` (locust's own method, so the numbers match its UI)."""
    requests = sum(times_ms.values())
    if not requests:
        return None
    within = int(requests * fraction)
    slower = 0
    for ms in sorted(times_ms, reverse=True):
        slower += times_ms[ms]
        if requests - slower <= within:
            return ms
    return min(times_ms)


def print_table(rows: list[dict[str, Any]]) -> None:
    header = ("endpoint", "requests", "failed", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms")
    print("\n{:44} {:>9} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8}".format(*header))
    for row in rows:
        print(
            f"{row['name']:44} {row['requests']:9} {row['failures']:7} "
            f"{row['requests_per_s']:7.1f} {_ms(row['p50_ms'])} {_ms(row['p95_ms'])} "
            f"{_ms(row['p99_ms'])} {_ms(row['max_ms'])}"
        )


def print_failures(path: Path) -> None:
    print("\nfailures:")
    with path.open(encoding="utf-8", newline="") as failures:
        for record in csv.DictReader(failures):
            print(f"  {record['Name']}: {record['Error']} ×{record['Occurrences']}")


def _ms(value: float | None) -> str:
    return f"{'-' if value is None else f'{value:.0f}':>8}"


def write_summary(path: Path, args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    summary = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "duration_s": args.duration,
        "server": f"waitress, {args.threads} threads, SQLite, JIXIAO_DEBUG=0",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "endpoints": rows,
    }
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten: {path} (and locust's CSV files beside it)")


if __name__ == "__main__":
    sys.exit(main())
