"""The `tracks` command: create Tracks apps and add to them, wrapping Copier and the app's Makefile."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tracks")
except PackageNotFoundError:  # run from a checkout without installing
    __version__ = "0.0.0"
