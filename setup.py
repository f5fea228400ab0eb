"""Build hook: record the commit the package is built from (see tracks/source.py)."""

import json
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.strip()


class BuildWithCommit(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "tracks" / "_build.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"commit": _commit()}) + "\n")


setup(cmdclass={"build_py": BuildWithCommit})
