"""The model of the current build, shared by the MkDocs hooks and the macros module."""

from pathlib import Path

from . import checks
from .model import Model, load
from .sources import Problem

_current: tuple[Model, list[Problem]] | None = None


def build(root: Path) -> tuple[Model, list[Problem]]:
    """Load and check the content once per build."""
    global _current
    model = load(root)
    _current = model, checks.run(model)
    return _current


def current() -> tuple[Model, list[Problem]]:
    if _current is None:
        raise RuntimeError("the model is loaded by the build hook's on_config")
    return _current
