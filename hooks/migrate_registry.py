"""Move an app's resource registry from internal/http/resources.go to internal/app/resources.go.

Apps generated before the resources were built in internal/app listed them in the app-owned
internal/http/resources.go, one `s.mountPosts(r)` line each. Copier runs this before updating
the app (see `_migrations` in copier.yml), so that the update finds the app-owned file where the
new template has it: it writes the new registry from the template with each listed resource as
`d.Posts(),`, in the same order, keeps any other line of the old list there as a comment, and
removes the old file. Running it again, or on an app that never had the old file, changes nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import steps

OLD_REGISTRY = "internal/http/resources.go"
_MODULE = re.compile(r"^module\s+(\S+)", re.M)
_OLD_BODY = re.compile(r"func \(s \*Server\) resourceRoutes\(r chi\.Router\) \{\n(.*?)^\}", re.M | re.S)
_OLD_CALL = re.compile(r"^\s*s\.mount(\w+)\(r\)\s*$")


def old_registry_lines(text: str) -> list[str] | None:
    """The registry lines of an old registry, translated: `d.Posts(),` for `s.mountPosts(r)`,
    comments as they are, other code commented out. None when text is not an old registry."""
    body = _OLD_BODY.search(text)
    if body is None:
        return None
    lines = []
    for line in body.group(1).splitlines():
        stripped = line.strip()
        call = _OLD_CALL.match(line)
        if call:
            lines.append(steps.registry_line(call.group(1)))
        elif not stripped or stripped == steps.REGISTRY_MARKER:
            continue
        elif stripped.startswith("//"):
            lines.append(stripped)
        else:
            lines.append(f"// (from {OLD_REGISTRY}) {stripped}")
    return lines


def migrate(project_dir: Path | str) -> str:
    """Move the old registry's lines into the new one; returns what it did."""
    project = Path(project_dir)
    old = project / OLD_REGISTRY
    if not old.is_file():
        return f"no {OLD_REGISTRY}: nothing to move"
    lines = old_registry_lines(old.read_text(encoding="utf-8"))
    if lines is None:
        return f"{OLD_REGISTRY} is not the old resource registry: left as it is"
    new = project / steps.REGISTRY
    if not new.is_file():
        module = _MODULE.search((project / "go.mod").read_text(encoding="utf-8"))
        if module is None:
            raise SystemExit("tracks: cannot move the resource registry: go.mod names no module")
        steps.create_app_file(project, steps.REGISTRY, module.group(1))
    for line in lines:
        result = steps.register_resource(project, line)
        if result.status == steps.FAILED:
            raise SystemExit(f"tracks: cannot move {OLD_REGISTRY}: {result.detail}")
    old.unlink()
    return f"moved {len(lines)} line(s) from {OLD_REGISTRY} to {steps.REGISTRY}"


if __name__ == "__main__":
    print(f"tracks: {migrate(Path.cwd())}", flush=True)
