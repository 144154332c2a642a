"""Shared by the unit tests: two PCs of one school (the merge and replica tests hand states between them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.secrets import MemorySecretStore
from handover.services import merge
from handover.services.app import initialise
from handover.services.context import AppContext
from tests.conftest import FIXED_TODAY


def school_pc(path: Path, user: str) -> AppContext:
    """A fresh workspace of Praktijkschool De Brug at ``path``, signed in as ``user``, on FIXED_TODAY."""
    context, _code = initialise(
        path,
        org_name="Praktijkschool De Brug",
        user_name=user,
        brin="12AB",
        recipient="Werk en Inkomen gemeente Utrecht",
        secret_store=MemorySecretStore(),
    )
    context.clock = lambda: FIXED_TODAY
    return context


@pytest.fixture
def pcs(tmp_path: Path) -> Iterator[tuple[AppContext, AppContext]]:
    """Two PCs of the same school (Marieke's and Ahmed's), closed after the test."""
    a = school_pc(tmp_path / "a", "Marieke de Jong")
    b = school_pc(tmp_path / "b", "Ahmed Bakker")
    yield a, b
    a.close()
    b.close()


def digest(ctx: AppContext) -> str:
    """The canonical export hash: equal on two PCs when their caseloads have converged."""
    with ctx.session() as session:
        return merge.canonical_export_hash(session)
