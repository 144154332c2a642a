"""``handover audit verify`` on a PC of a school with several PCs (issue 13) says how many other PCs'
logbooks it checked (the audit heads their replica messages carried)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handover.services.app import initialise
from handover.store.merge import DeviceAuditHead
from tests.unit.test_cli import PASS, run


def _pc(folder: Path, heads: list[tuple[str, int, str, int]]) -> None:
    ctx, _ = initialise(
        folder, org_name="Praktijkschool De Brug", user_name="Marieke de Jong", brin="12AB", passphrase=PASS
    )
    try:
        with ctx.session() as session:
            for device, seq, digest, day in heads:
                session.add(
                    DeviceAuditHead(device_id=device, seq=seq, hash=digest * 64, received_at=dt.datetime(2026, 12, day))
                )
    finally:
        ctx.close()


def test_audit_verify_names_how_many_other_pcs_it_checked(tmp_path: Path) -> None:
    _pc(tmp_path / "pc", [("dev-pc-twee", 5, "a", 1), ("dev-pc-twee", 9, "b", 2), ("dev-pc-drie", 3, "c", 1)])
    result = run("audit", "verify", data_dir=tmp_path / "pc")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Het auditlog is in orde:")
    assert lines[1].startswith("Ook de logboeken van 2 andere pc's van deze school nagekeken")

    _pc(tmp_path / "een", [("dev-pc-twee", 5, "a", 1)])
    assert "van 1 andere pc van deze school" in run("audit", "verify", data_dir=tmp_path / "een").stdout

    _pc(tmp_path / "alleen", [])  # a school with one PC: nothing about other PCs
    alone = run("audit", "verify", data_dir=tmp_path / "alleen")
    assert alone.returncode == 0 and len(alone.stdout.splitlines()) == 1

    # Another PC's logbook cut back: not in order, and which PC is named.
    _pc(tmp_path / "terug", [("dev-pc-twee", 9, "a", 1), ("dev-pc-twee", 4, "b", 2)])
    cut = run("audit", "verify", data_dir=tmp_path / "terug")
    assert cut.returncode != 0 and "pc dev-pc-t" in cut.stderr and "teruggezet" in cut.stderr
