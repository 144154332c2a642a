"""Overstap: overstapdossiers en begeleiding na school."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("overstap")
except PackageNotFoundError:  # running from a source tree or a frozen build without metadata
    __version__ = "0.1.0"

APP_NAME = "Overstap"
