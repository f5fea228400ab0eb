"""An ingress on loopback for the slow tier: TLS for `localhost` with a certificate of a test CA
(made with openssl), passed through to the app's plain HTTP port, and plain HTTP answered with a
permanent redirect to the same path over HTTPS, as a load balancer or Kubernetes ingress in front
of a production app does."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from procs import clean_env, run

HOST = "localhost"


@dataclass
class TestCA:
    """A certificate authority of the test's and the certificate it issued for HOST."""

    ca: Path
    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        """A TLS client context that trusts this CA alone."""
        return ssl.create_default_context(cafile=str(self.ca))


def make_ca(directory: Path) -> TestCA:
    """A new CA and a certificate for HOST (and 127.0.0.1) signed by it, valid for a day."""
    if shutil.which("openssl") is None:
        raise AssertionError("openssl is needed for the test CA (Debian's openssl package)")
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca = directory / "ca.key", directory / "ca.pem"
    key, csr, cert = directory / "tls.key", directory / "tls.csr", directory / "tls.pem"
    new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args: str | Path) -> None:
        run(["openssl", *map(str, args)], cwd=directory, env=clean_env(), timeout=60)

    openssl(
        "req", "-x509", *new_key, "-keyout", ca_key, "-out", ca, "-days", "1",
        "-subj", "/CN=Tracks test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign",
    )  # fmt: skip
    openssl("req", *new_key, "-keyout", key, "-out", csr, "-subj", f"/CN={HOST}")
    extensions = directory / "tls.ext"
    extensions.write_text(f"subjectAltName=DNS:{HOST},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    openssl(
        "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
        "-out", cert, "-days", "1", "-extfile", extensions,
    )  # fmt: skip
    return TestCA(ca=ca, cert=cert, key=key)


@dataclass
class Ingress:
    http_port: int
    https_port: int
    # Where TLS connections are passed to: set it once the app listens.
    upstream_port: int = 0

    @property
    def base(self) -> str:
        return f"https://{HOST}:{self.https_port}"


class _ThreadingTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes from source to sink until source ends, then end sink's writing side."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextlib.contextmanager
def ingress(ca: TestCA) -> Iterator[Ingress]:
    """TLS on a free port passed through to 127.0.0.1 at the Ingress's upstream_port, and an HTTP
    port that redirects to it, until the block ends."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(ca.cert), str(ca.key))

    class Terminate(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            try:
                client = context.wrap_socket(self.request, server_side=True)
            except (ssl.SSLError, OSError):
                return  # a client that gave up on the handshake
            with client, socket.create_connection(("127.0.0.1", front.upstream_port)) as app:
                back = threading.Thread(target=_pipe, args=(app, client), daemon=True)
                back.start()
                _pipe(client, app)
                back.join(timeout=30)

    tls = _ThreadingTCPServer(("127.0.0.1", 0), Terminate)
    https_port = tls.server_address[1]

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(301)
            self.send_header("Location", f"https://{HOST}:{https_port}{self.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = do_GET  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    redirect = _ThreadingTCPServer(("127.0.0.1", 0), Redirect)
    servers = (tls, redirect)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    front = Ingress(http_port=redirect.server_address[1], https_port=https_port)
    try:
        yield front
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
