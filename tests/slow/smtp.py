"""A small SMTP server on loopback that keeps every message it receives, for the job tests.

It speaks the part of RFC 5321 that Go's net/smtp client uses without TLS or authentication
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). A message is kept only once the client ends
its DATA with the final dot, as a real server accepts it: a client cut off in the middle of a
message (a job cancelled by a shutdown) delivers nothing. `slow_subject` delays the answer to
the final dot of matching messages, to hold a job in the middle of its work.
"""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class Received:
    to: list[str]
    subject: str
    text: str


@dataclass
class SMTPCapture:
    """The server's state, shared with the test: received messages and in-progress data."""

    slow_subject: str = ""
    delay: float = 0.0
    messages: list[Received] = field(default_factory=list)
    # Subjects of messages whose DATA has arrived but not been answered yet.
    in_progress: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def matching(self, predicate: Callable[[Received], bool]) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if predicate(m)]

    def wait_for(
        self, predicate: Callable[[Received], bool], count: int = 1, timeout: float = 30
    ) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(
            f"expected {count} matching message(s) within {timeout}s; got {self.matching(predicate)}"
        )


def subject_starts(prefix: str, to: str | None = None) -> Callable[[Received], bool]:
    return lambda m: m.subject.startswith(prefix) and (to is None or to in m.to)


class _Handler(socketserver.StreamRequestHandler):
    capture: SMTPCapture

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 localhost ESMTP test server")
        recipients: list[str] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost\r\n250 8BITMIME" if verb == "EHLO" else "250 localhost")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                if not self.receive(recipients):
                    return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def receive(self, recipients: list[str]) -> bool:
        lines: list[bytes] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return False  # cut off: nothing is delivered
            if raw.rstrip(b"\r\n") == b".":
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
        subject = str(message.get("Subject", ""))
        capture = self.capture
        if capture.slow_subject and subject.startswith(capture.slow_subject):
            with capture.lock:
                capture.in_progress.append(subject)
            time.sleep(capture.delay)
        text = _text(message)
        try:
            self.reply("250 OK: queued")
        except OSError:
            return False  # the client went away before the answer: not delivered
        with capture.lock:
            capture.messages.append(Received(to=list(recipients), subject=subject, text=text))
        return True


def _text(message: email.message.Message) -> str:
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain",))
        if part is not None:
            return part.get_content()
    return str(message.get_payload())


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(capture: SMTPCapture) -> tuple[_Server, int]:
    """Serve capture on a free loopback port in a background thread; returns the server and port."""
    handler = type("Handler", (_Handler,), {"capture": capture})
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]
