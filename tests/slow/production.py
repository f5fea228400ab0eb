"""The production examples of a generated app's README, as a test can run them without Docker or
systemd: the settings of the README's `docker run` over the image's own (its Dockerfile's ENV),
and the commands and settings of the systemd unit."""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# What the README's commands take from the shell that runs them: secrets the reader has.
READER_SHELL = {
    "SMTP_PASSWORD": "smtp-password",
    "SENDGRID_API_KEY": "SG.example-key",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
}


@dataclass
class DockerRun:
    """A `docker run` command line, parsed."""

    env: dict[str, str] = field(default_factory=dict)
    volumes: list[str] = field(default_factory=list)
    image: str = ""
    args: list[str] = field(default_factory=list)


def docker_run(readme: str) -> DockerRun:
    """The README's `docker run` command, with its shell expansions done by bash."""
    match = re.search(r"^docker run (.*?)(?<!\\)\n(?!\s)", readme, flags=re.M | re.S)
    assert match, "the README has no docker run command"
    words = subprocess.run(
        ["bash", "-euc", f"printf '%s\\0' {match.group(1)}"],
        env=READER_SHELL | {"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")[:-1]
    run = DockerRun()
    rest = iter(words)
    for word in rest:
        if word == "--rm":
            continue
        if word in ("-p", "-e", "-v"):
            value = next(rest)
            if word == "-e":
                name, _, val = value.partition("=")
                run.env[name] = val
            elif word == "-v":
                run.volumes.append(value)
            continue
        assert not word.startswith("-"), f"docker run option {word} is not understood by this test"
        run.image, run.args = word, list(rest)
    assert run.image, "docker run names no image"
    return run


def dockerfile_env(dockerfile: str) -> dict[str, str]:
    """The ENV settings of the Dockerfile's final stage."""
    final = dockerfile.rsplit("\nFROM ", 1)[-1]
    env: dict[str, str] = {}
    for match in re.finditer(r"^ENV ((?:.*\\\n)*.*)$", final, flags=re.M):
        for pair in shlex.split(match.group(1).replace("\\\n", " ")):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


def dockerfile_command(dockerfile: str) -> list[str]:
    """The image's CMD, in its exec form."""
    match = re.search(r"^CMD (\[.*\])$", dockerfile, flags=re.M)
    assert match, "the Dockerfile has no CMD"
    return [word.strip(' "') for word in match.group(1).strip("[]").split(",")]


@dataclass
class Unit:
    """What a systemd service unit runs."""

    environment_file: str
    exec_start_pre: list[list[str]]
    exec_start: list[str]
    working_directory: str


def systemd_unit(text: str) -> Unit:
    def values(key: str) -> list[str]:
        return re.findall(rf"^{key}=(.*)$", text, flags=re.M)

    (start,) = values("ExecStart")
    (env_file,) = values("EnvironmentFile")
    (workdir,) = values("WorkingDirectory")
    return Unit(env_file, [shlex.split(v) for v in values("ExecStartPre")], shlex.split(start), workdir)


def write_env_file(path: Path, env: dict[str, str]) -> None:
    path.write_text("".join(f"{name}={value}\n" for name, value in env.items()))
    path.chmod(0o600)


def read_env_file(path: Path) -> dict[str, str]:
    """An EnvironmentFile as systemd reads it (NAME=value lines; # comments)."""
    env = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value
    return env
