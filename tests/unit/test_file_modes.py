"""Exported files with personal data are owner-only: mode 0600 on Linux, whatever the umask,
also when they replace a file with wider rights. (Windows: the profile folder's inherited ACL.)"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.paths import private_write
from handover.reports.service import ReportService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.records import RecordsService
from tests.conftest import youth_values

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has no POSIX modes; files inherit the profile folder's ACL"
)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would give everyone read access (0644) to a normally created file."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_write_is_owner_only_and_replaces_wider_rights(tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "uit.pdf"
    target.write_bytes(b"oud")
    os.chmod(target, 0o644)
    private_write(target, b"nieuw")
    assert target.read_bytes() == b"nieuw" and mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit.pdf"]  # no temporary file left


def test_subject_access_export_is_owner_only(ctx: AppContext, tmp_path: Path, open_umask: None) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    out = RecordsService(ctx).export_subject_access(youth_id, tmp_path / "inzage.json")
    assert mode(out) == 0o600 and b"\xc3\x96zdemir" in out.read_bytes()


def test_dossier_pdf_and_list_pdf_are_owner_only(ctx: AppContext, tmp_path: Path, open_umask: None) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 7, 10)))
    reports = ReportService(ctx)
    pdf = tmp_path / "dossier.pdf"
    reports.save_dossier(youth_id, pdf)
    assert pdf.read_bytes().startswith(b"%PDF") and mode(pdf) == 0o600
    listing = reports.save_list("due", tmp_path / "lijst.pdf")
    assert mode(listing) == 0o600
