"""`tracks` with no arguments in a terminal: the menu, driven through a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import copier
from extensions import field_types
from tracks import menu

REPO = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
DOWN, ENTER = "\x1b[B", "\r"


class Terminal:
    """A process on a pseudo-terminal: keys in, the screen's text (escape codes removed) out."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        primary, secondary = pty.openpty()
        # A wide screen, so that long paths in prompts do not wrap.
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm", "COLUMNS": "200", "LINES": "40"}
        self.proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True
        )
        os.close(secondary)
        self.fd = primary
        self.seen = ""

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    return
                if "\x1b[6n" in chunk:  # prompt_toolkit asks where the cursor is
                    os.write(self.fd, b"\x1b[1;1R")
                self.seen += ANSI.sub("", chunk)

    def expect(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.read_for(0.2)
                if text in self.seen:
                    break
                raise AssertionError(f"never saw {text!r}; the screen so far:\n{self.seen[-3000:]}")
            self.read_for(0.1)
        self.read_for(0.2)  # let the prompt finish drawing before keys arrive

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=120)
        finally:
            self.read_for(0.2)
            os.close(self.fd)


@pytest.fixture
def rendered_app(tmp_path: Path) -> Path:
    dst = tmp_path / "blog"
    copier.run_copy(
        str(REPO), str(dst), defaults=True, vcs_ref="HEAD", unsafe=True, skip_tasks=True, quiet=True
    )
    answers = dst / ".copier-answers.yml"
    answers.write_text(re.sub(r"(?m)^_commit: .*$", "_commit: HEAD", answers.read_text()))
    return dst


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*"))


def start(cwd: Path) -> Terminal:
    term = Terminal([sys.executable, "-m", "tracks"], cwd)
    term.expect("what would you like to do?")
    return term


def add_field(term: Terminal, name: str, type_key: str, modifiers: int = 0) -> None:
    """Type a field's name, pick its type by shortcut key, tick the first `modifiers` modifiers."""
    term.expect("Field name (empty to finish):")
    term.send(name + ENTER)
    term.expect(f"Type of {name}:")
    term.send(type_key + ENTER)
    term.expect(f"Modifiers of {name}:")
    for i in range(modifiers):
        term.send(" " if i == 0 else DOWN + " ")
    term.send(ENTER)


def test_the_field_lists_are_the_templates():
    assert menu.FIELD_TYPES == field_types.TYPES
    assert menu.MODIFIERS == field_types.MODIFIERS


def test_add_a_resource_previews_then_writes(rendered_app: Path) -> None:
    term = start(rendered_app)
    term.send(DOWN + ENTER)  # Add a resource to this app
    term.expect("Resource name")
    term.send("post" + ENTER)
    add_field(term, "title", "1", modifiers=1)  # string, required
    add_field(term, "body", "2")  # text
    term.expect("Field name (empty to finish):")
    term.send(ENTER)
    term.expect("Write these files?")
    assert "tracks generate resource post title:string:required body:text` would:" in term.seen
    assert "create  internal/posts/post.go" in term.seen
    assert not (rendered_app / "internal/posts").exists(), "nothing is written before the confirmation"
    term.send("n" + ENTER)
    term.expect("Nothing was written.")
    assert term.close() == 1
    assert not (rendered_app / "internal/posts").exists()


def test_a_reference_is_chosen_from_the_apps_tables(rendered_app: Path) -> None:
    before = files(rendered_app)
    term = start(rendered_app)
    term.send(DOWN + ENTER)
    term.expect("Resource name")
    term.send("comment" + ENTER)
    term.expect("Field name (empty to finish):")
    term.send("author" + ENTER)
    term.expect("Type of author:")
    term.send("a" + ENTER)  # references, the 11th choice
    term.expect("author references:")
    assert "users" in term.seen
    term.send(ENTER)
    term.expect("Modifiers of author:")
    term.send(ENTER)
    term.expect("fields: author:references:users")
    term.expect("Field name (empty to finish):")
    term.send(ENTER)
    term.expect("Write these files?")
    assert "create  internal/comments/comment.go" in term.seen
    term.send("\x03")  # Ctrl-C
    term.expect("Cancelled; nothing was written.")
    assert term.close() == 1
    assert files(rendered_app) == before


def test_a_name_the_validators_refuse_is_reported_and_nothing_written(rendered_app: Path) -> None:
    before = files(rendered_app)
    term = start(rendered_app)
    term.send(DOWN + ENTER)
    term.expect("Resource name")
    term.send("users" + ENTER)  # the app's own table
    add_field(term, "title", "1")
    term.expect("Field name (empty to finish):")
    term.send(ENTER)
    term.expect("Nothing was written.")
    assert "Validation error for question 'name'" in term.seen
    assert term.close() == 1
    assert files(rendered_app) == before


def test_a_field_name_is_checked_as_it_is_typed(rendered_app: Path) -> None:
    term = start(rendered_app)
    term.send(DOWN + ENTER)
    term.expect("Resource name")
    term.send("post" + ENTER)
    term.expect("Field name (empty to finish):")
    term.send("Title" + ENTER)
    term.expect("snake_case: a lowercase letter")
    term.send("\x03")
    term.expect("Cancelled")
    assert term.close() == 1


def test_outside_an_app_the_menu_offers_a_new_app(tmp_path: Path) -> None:
    term = start(tmp_path)
    assert "(not inside an app)" in term.seen and "Add a resource" not in term.seen
    term.send(ENTER)  # Create a new app
    term.expect("Directory of the new app:")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x")
    term.send("taken" + ENTER)
    term.expect("taken exists and is not empty")
    term.send("\x03")
    term.expect("Cancelled")
    assert term.close() == 1


def test_without_a_terminal_tracks_prints_its_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracks"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "generate" in result.stdout


def test_a_new_app_asks_copiers_questions(tmp_path: Path) -> None:
    term = start(tmp_path)
    term.send(ENTER)
    term.expect("Directory of the new app:")
    term.send("shop" + ENTER)
    term.expect("==> Rendering")
    term.expect("Go module path")  # Copier's own question, with its help
    term.send("\x03")
    term.expect("Cancelled; nothing was written.")
    assert term.close() == 1
    assert not (tmp_path / "shop").exists()
