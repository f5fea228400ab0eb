"""Slow clients for the slow tier: connections that send their request headers or body a byte at a
time ("slowloris"), and clients that ask for a large answer and never read it, against a server on
loopback, while a probe measures how the server answers everyone else."""

from __future__ import annotations

import contextlib
import http.client
import selectors
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field

TICK = 0.5  # seconds between the bytes a slow client sends
RECEIVE_BUFFER = 4096  # a reader that never reads has the smallest receive buffer it can ask for


@dataclass
class SlowClient:
    kind: str
    sock: socket.socket
    opened: float
    closed: float | None = None  # when the server ended the connection

    def lasted(self) -> float:
        return (self.closed or time.monotonic()) - self.opened


@dataclass
class Probe:
    latencies: list[float] = field(default_factory=list)  # seconds
    failures: list[str] = field(default_factory=list)

    def p99_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=100)[98] * 1000

    def max_ms(self) -> float:
        return max(self.latencies) * 1000


def _connect(port: int, receive_buffer: int | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    return sock


def open_attack(
    port: int, *, slow_headers: int, slow_bodies: int, non_readers: int, large_path: str
) -> list[SlowClient]:
    """Open the slow connections and send each its first bytes."""
    clients = []
    now = time.monotonic()
    for _ in range(slow_headers):
        sock = _connect(port)
        sock.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        clients.append(SlowClient("headers", sock, now))
    body_head = (
        b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail="
    )
    for _ in range(slow_bodies):
        sock = _connect(port)
        sock.send(body_head)
        clients.append(SlowClient("body", sock, now))
    # Enough pipelined requests for their answers to fill every buffer between the two ends.
    pipelined = f"GET {large_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() * 200
    for _ in range(non_readers):
        sock = _connect(port, RECEIVE_BUFFER)
        with contextlib.suppress(BlockingIOError):
            sock.send(pipelined)
        clients.append(SlowClient("never reads", sock, now))
    return clients


def trickle(clients: list[SlowClient], stop: threading.Event) -> None:
    """Until stop, send one more byte of each slow header and body every TICK, and note when the
    server ends each connection (end of stream or reset). Readers that never read are left be."""
    selector = selectors.DefaultSelector()
    for client in clients:
        if client.kind != "never reads":
            selector.register(client.sock, selectors.EVENT_READ, client)
    next_tick = time.monotonic()
    while not stop.is_set():
        for key, _ in selector.select(timeout=0.05):
            client = key.data
            try:
                data = client.sock.recv(65536)  # the server's 408 or 400, then the end
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                client.closed = time.monotonic()
                selector.unregister(client.sock)
        if time.monotonic() >= next_tick:
            next_tick += TICK
            for client in clients:
                if client.kind == "never reads" or client.closed is not None:
                    continue
                try:
                    client.sock.send(b"X-Slow: 1\r\n" if client.kind == "headers" else b"a")
                except BlockingIOError:
                    pass
                except OSError:
                    client.closed = time.monotonic()
                    selector.unregister(client.sock)
    selector.close()


def cut_off(client: SlowClient, within: float = 3.0) -> bool:
    """Whether the server has ended a reader's connection: reading all it was sent reaches the end
    within `within` seconds (a connection still served would keep answering, then wait)."""
    client.sock.setblocking(True)
    client.sock.settimeout(0.5)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if not client.sock.recv(1 << 20):
                return True
        except TimeoutError:
            return False
        except OSError:
            return True  # reset
    return False


def probe(port: int, path: str, stop: threading.Event, every: float = 0.05) -> Probe:
    """GET path on a new connection every `every` seconds until stop."""
    result = Probe()
    while not stop.wait(every):
        start = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                result.failures.append(f"{path} answered {response.status}")
        except OSError as err:
            result.failures.append(f"{path}: {err}")
        finally:
            conn.close()
        result.latencies.append(time.monotonic() - start)
    return result


def close_all(clients: list[SlowClient]) -> None:
    for client in clients:
        with contextlib.suppress(OSError):
            client.sock.close()
