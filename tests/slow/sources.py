"""Template sources for the slow tier: throwaway git repositories that hold the template at tagged
versions. Copier takes versions from the tags of one repository, so an update test needs the old
and the new template as two tagged commits of the same repository."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from procs import clean_env, log, run

REPO = Path(__file__).resolve().parents[2]
GIT_IDENTITY = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]


def git(cwd: Path, *args: str) -> str:
    return run(["git", *GIT_IDENTITY, *args], cwd=cwd, env=clean_env(), timeout=120)


def _working_tree_files() -> list[str]:
    """The repository's files as they are on disk: tracked and untracked, not ignored, not deleted."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    # Deleted but not yet committed files are listed too.
    return [rel for rel in filter(None, listed.split("\0")) if (REPO / rel).is_file()]


def _clear(dst: Path) -> None:
    """Remove everything in dst but its .git, so that the next commit drops what a version removed."""
    for child in dst.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _commit_and_tag(dst: Path, tag: str, message: str) -> None:
    git(dst, "add", "-A")
    git(dst, "commit", "-q", "--allow-empty", "-m", message)
    git(dst, "tag", tag)


def release_working_tree(dst: Path, tag: str) -> None:
    """Make dst's tree the working tree's template (uncommitted changes included), commit, tag."""
    if not (dst / ".git").exists():
        git(dst, "init", "-q", "-b", "main")
    _clear(dst)
    for rel in _working_tree_files():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dst / rel)
    _commit_and_tag(dst, tag, f"{tag}: the working tree")


def release_commit(dst: Path, sha: str, tag: str) -> None:
    """Make dst's tree the template at commit sha of this repository, commit and tag it."""
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=REPO, capture_output=True, check=False
    )
    if known.returncode != 0:
        pytest.fail(
            f"commit {sha} is not in the repository at {REPO}: the test needs the full history "
            "(a shallow clone lacks it; run `git fetch --unshallow`, or clone with `fetch-depth: 0` in CI)",
            False,
        )
    if not (dst / ".git").exists():
        git(dst, "init", "-q", "-b", "main")
    _clear(dst)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", sha], cwd=REPO, capture_output=True, check=False
    )
    if archive.returncode != 0:
        pytest.fail(f"git archive {sha} failed:\n{archive.stderr.decode(errors='replace')}", False)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dst, filter="tar")
    _commit_and_tag(dst, tag, f"{tag}: commit {sha}")


def working_tree_source(dst: Path, tag: str = "v1.0.0") -> Path:
    """The template as it is in the working tree, committed and tagged in a new repository at dst."""
    log(f"\n==> template {tag}: the working tree")
    release_working_tree(dst, tag)
    return dst


def upgrade_source(dst: Path, previous: str, old_tag: str = "v1.0.0", new_tag: str = "v2.0.0") -> Path:
    """A new repository at dst with the template at commit `previous` tagged old_tag, and the
    working tree's template (uncommitted changes included) on top of it tagged new_tag."""
    log(f"\n==> template {old_tag}: commit {previous}")
    release_commit(dst, previous, old_tag)
    log(f"==> template {new_tag}: the working tree")
    release_working_tree(dst, new_tag)
    return dst
