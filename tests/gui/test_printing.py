"""Print preview, printing, save as PDF and the batch print dialog, offscreen like a user would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from handover.reports import ReportService
from handover.services.context import AppContext
from handover.store.models import AuditEvent
from handover.ui.printing import BatchPrintDialog, PrintPreviewDialog, print_preview, save_pdf
from handover.ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qapp")


def audit_actions(ctx: AppContext, youth_id: str | None = None) -> list[str]:
    with ctx.session() as session:
        query = select(AuditEvent.action).where(AuditEvent.action.in_(["print", "export"]))
        if youth_id:
            query = query.where(AuditEvent.entity_id == youth_id)
        return list(session.scalars(query.order_by(AuditEvent.seq)).all())


@pytest.fixture
def first_id(demo_ctx: AppContext) -> str:
    return ReportService(demo_ctx).cohort_ids(2026)[0]


def test_preview_opens_with_the_pdf_and_prints_it(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    first_id: str,
    tmp_path: Path,
) -> None:
    dialog = print_preview(None, demo_ctx, runner, first_id)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PrintPreviewDialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0, timeout=10_000)
    assert dialog.isVisible() and dialog.print_button.isEnabled()
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(dialog.data)).pages)
    assert "pagina" in dialog.status.text()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" we can read back
    printer.setOutputFileName(str(tmp_path / "geprint.pdf"))
    printer.setResolution(72)
    with qtbot.waitSignal(dialog.printed):
        pages = dialog.print_to(printer)
    runner.wait_idle()
    assert pages == dialog.document.pageCount()
    assert len(PdfReader(str(tmp_path / "geprint.pdf")).pages) == pages
    assert audit_actions(demo_ctx, first_id) == ["print"]


def test_preview_save_as_pdf_suggests_a_name_without_bsn(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    first_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def fake_dialog(parent, caption, suggested, filter_):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(tmp_path / "mijn-dossier"), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    dialog = PrintPreviewDialog(None, demo_ctx, runner, first_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(dialog.pdf_saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(tmp_path / "mijn-dossier.pdf")]
    assert Path(asked[0]).name == ReportService(demo_ctx).file_name_for(first_id)
    assert (tmp_path / "mijn-dossier.pdf").read_bytes() == dialog.data
    assert audit_actions(demo_ctx, first_id) == ["export"]


def test_save_pdf_from_the_menu(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,
    first_id: str,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, caption, suggested, filter_: (str(tmp_path / Path(suggested).name), filter_),
    )
    job = save_pdf(None, demo_ctx, runner, first_id)
    assert job is not None
    with qtbot.waitSignal(job.saved, timeout=10_000) as saved:
        pass
    path = Path(saved.args[0])
    assert path.name.startswith("overstapdossier-") and path.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert save_pdf(None, demo_ctx, runner, first_id) is None  # the user chose nothing: nothing happens


def test_batch_dialog_progresses_to_done(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ids = ReportService(demo_ctx).cohort_ids(2026)[:6]
    dialog = BatchPrintDialog(None, demo_ctx, runner, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.start_button.isEnabled()  # nowhere to save yet
    dialog.set_target(tmp_path / "uit", single=False)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.batch_finished, timeout=20_000) as finished:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].count == len(ids)
    assert len(list((tmp_path / "uit").iterdir())) == len(ids)
    assert dialog.progress.value() == dialog.progress.maximum() == len(ids)
    assert values == sorted(values) and len(set(values)) > 2  # it moved step by step
    assert dialog.status.text().startswith("Klaar: 6 dossiers")
    assert dialog.cancel_button.text() == "Sluiten"


def test_batch_dialog_cancel_leaves_no_files(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ids = ReportService(demo_ctx).cohort_ids(2025) + ReportService(demo_ctx).cohort_ids(2026)
    (tmp_path / "uit").mkdir()
    out = tmp_path / "uit" / "alle.pdf"
    dialog = BatchPrintDialog(None, demo_ctx, runner, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_target(out, single=True)
    dialog.progress.valueChanged.connect(lambda value: value >= 1 and dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.batch_cancelled, timeout=20_000):
        dialog.start_button.click()
    assert not out.exists() and list((tmp_path / "uit").iterdir()) == []
    assert "Geannuleerd" in dialog.status.text()
    assert audit_actions(demo_ctx) == []
    assert dialog.isVisible()  # cancelling stops the batch; the dialog stays to show what happened


def test_preview_for_the_recipient_follows_the_consent(
    qtbot,
    demo_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    from handover.domain import rules

    service = ReportService(demo_ctx)
    youths = list(service.iter_youths(service.cohort_ids(2026) + service.cohort_ids(2025)))
    recipient = "Werk en Inkomen gemeente Utrecht"
    with_consent = next(
        y for y in youths if rules.valid_consent_for(y.consents, recipient, y.birth_date, demo_ctx.today())
    )
    without = next(
        y for y in youths if not rules.valid_consent_for(y.consents, recipient, y.birth_date, demo_ctx.today())
    )
    dialog = PrintPreviewDialog(None, demo_ctx, runner, with_consent.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10_000)
    school_copy = dialog.data
    with qtbot.waitSignal(dialog.pdf_loaded, timeout=10_000):
        dialog.audience_combo.setCurrentIndex(dialog.audience_combo.findData("gemeente"))
    assert dialog.data != school_copy
    assert "Afschrift voor" in PdfReader(io.BytesIO(dialog.data)).pages[0].extract_text()

    refused = PrintPreviewDialog(None, demo_ctx, runner, without.id, audience="gemeente")
    qtbot.addWidget(refused)
    with qtbot.waitSignal(refused.failed, timeout=10_000) as failed:
        pass
    assert "geen geldige toestemming" in failed.args[0]
    assert not refused.print_button.isEnabled() and refused.document.pageCount() == 0


def test_main_window_print_action_opens_the_preview(
    qtbot,
    make_window,
    demo_ctx: AppContext,  # type: ignore[no-untyped-def]
    first_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The contract with the shell: Ctrl+P calls print_preview(parent, ctx, runner, youth_id)."""
    window = make_window(demo_ctx)
    assert window.print_action.isEnabled() and window.pdf_action.isEnabled() and window.batch_action.isEnabled()
    monkeypatch.setattr(window, "current_youth_id", lambda: first_id)
    window.print_dossier()
    previews = window.findChildren(PrintPreviewDialog)
    assert len(previews) == 1
    preview = previews[0]
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0 or "mislukt" in preview.status.text(), timeout=10_000)
    # The window runs its own loads on the same runner: the preview must still get its PDF.
    assert preview.document.pageCount() > 0, preview.status.text()
    preview.close()


def test_closing_the_preview_before_the_pdf_arrives_is_harmless(
    qtbot,
    demo_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    first_id: str,
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog = print_preview(None, demo_ctx, runner, first_id)
    with qtbot.waitSignal(dialog.destroyed, timeout=5_000):
        dialog.close()  # deletes itself (WA_DeleteOnClose) while the PDF is still being made
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    runner.wait_idle()
    QCoreApplication.processEvents()  # the late result is dropped, not delivered to a deleted dialog


def _texts(folder: Path) -> dict[str, str]:
    """The text of each PDF, without the audit head in the footer (the first batch moved it on)."""
    import re

    return {
        path.name: re.sub(
            r"auditlog nr\. \d+ · [0-9a-f]+", "", "".join(p.extract_text() or "" for p in PdfReader(path).pages)
        )
        for path in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("audience", ["school", "gemeente"])
def test_the_process_pool_prints_what_one_process_prints(demo_ctx: AppContext, tmp_path: Path, audience: str) -> None:
    from handover.ui.printing.pool import batch_files_parallel

    service = ReportService(demo_ctx)
    ids = service.cohort_ids(2025) + service.cohort_ids(2026)
    assert len(ids) >= 10
    one = service.batch_files(ids, tmp_path / "een", audience=audience)
    before = len(audit_actions(demo_ctx))
    steps: list[tuple[int, int]] = []
    pooled = batch_files_parallel(
        service, ids, tmp_path / "pool", audience=audience, workers=2, progress=lambda d, t: steps.append((d, t))
    )
    assert pooled.count == one.count and [p.name for p in pooled.files] == [p.name for p in one.files]
    assert _texts(tmp_path / "pool") == _texts(tmp_path / "een")  # the same dossiers, page for page
    assert len(audit_actions(demo_ctx)) - before == pooled.count  # one print event per dossier written
    done = [d for d, _ in steps]
    assert done == sorted(done) and done[0] == 0 and steps[-1] == (len(ids), len(ids))
    if audience == "gemeente":
        assert 0 < pooled.count < len(ids)  # without a valid consent: skipped, as in one process


def test_the_workers_get_plain_data_only(demo_ctx: AppContext, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What crosses to a worker process: dossier views, print options and the page decoration; never the
    context, a session, the database or its key."""
    import pickle

    from handover.reports.dossier import DossierOptions
    from handover.services.views import DossierView
    from handover.ui.printing import pool as pool_module

    sent: list[bytes] = []
    real_pool = pool_module._pool

    class Recording:
        def __init__(self, workers: int) -> None:
            self.inner = real_pool(workers)

        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            sent.append(pickle.dumps(args))
            part, decor = args
            assert all(isinstance(y, DossierView) and isinstance(o, DossierOptions) for y, o in part)
            assert isinstance(decor, pool_module.Decor)
            return self.inner.submit(fn, *args)

        def shutdown(self, **kw):  # type: ignore[no-untyped-def]
            self.inner.shutdown(**kw)

    monkeypatch.setattr(pool_module, "_pool", Recording)
    service = ReportService(demo_ctx)
    ids = (service.cohort_ids(2025) + service.cohort_ids(2026))[:10]
    _exchange_for(demo_ctx, ids[0])  # the block "Overdracht" travels as plain data too
    from handover.ui.printing.overdracht import exchange_reader

    result = pool_module.batch_files_parallel(
        service, ids, tmp_path / "uit", workers=2, exchange=exchange_reader(demo_ctx)
    )
    assert result.count == len(ids) and sent
    assert any(b"Ontvangen door Werk en Inkomen" in blob for blob in sent)
    forbidden = [
        str(demo_ctx.workspace.data_dir),
        "sqlalchemy",
        "handover.services.context",
        "handover.store",
        "handover.sync",
    ]
    assert not any(marker.encode() in blob for blob in sent for marker in forbidden)


def test_without_worker_processes_the_batch_still_prints(demo_ctx: AppContext, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from concurrent.futures.process import BrokenProcessPool

    from handover.ui.printing import pool as pool_module

    class Broken:
        def __init__(self, workers: int) -> None:
            pass

        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            raise BrokenProcessPool("no processes here")

        def shutdown(self, **kw):  # type: ignore[no-untyped-def]
            pass

    monkeypatch.setattr(pool_module, "_pool", Broken)
    service = ReportService(demo_ctx)
    ids = (service.cohort_ids(2025) + service.cohort_ids(2026))[:10]
    result = pool_module.batch_files_parallel(service, ids, tmp_path / "uit", workers=2)
    assert result.count == len(ids) == len(list((tmp_path / "uit").iterdir()))


def test_batch_dialog_cancel_over_the_pool_leaves_no_files(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ids = ReportService(demo_ctx).cohort_ids(2025) + ReportService(demo_ctx).cohort_ids(2026)
    assert len(ids) >= 10  # enough for the process pool
    dialog = BatchPrintDialog(None, demo_ctx, runner, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_target(tmp_path / "uit", single=False)
    dialog.progress.valueChanged.connect(lambda value: value >= 1 and dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.batch_cancelled, timeout=60_000):
        dialog.start_button.click()
    assert not (tmp_path / "uit").exists() or list((tmp_path / "uit").iterdir()) == []
    assert "Geannuleerd" in dialog.status.text()
    assert audit_actions(demo_ctx) == []


def _exchange_for(ctx: AppContext, youth_id: str) -> None:
    """The exchange a school sees after sending: a signed receipt and a planned intake (as sync stores them)."""
    from handover.sync.models import SyncReply

    with ctx.session() as session:
        for op_id, kind, status, body in (
            ("ontvangst-1", "receipt", "ontvangen", {}),
            ("intake-1", "status", "intake_gepland", {"intake_date": "2027-01-12", "klantmanager": "A. de Vries"}),
        ):
            session.add(
                SyncReply(
                    youth_id=youth_id,
                    sender_org="gemeente",
                    kind=kind,
                    op_id=op_id,
                    status=status,
                    signer_name="A. de Vries",
                    signer_device="apparaat",
                    at="2027-01-05T10:15:00Z",
                    body=body,
                )
            )


def _without_audit_head(text: str) -> str:
    """The footer's audit head left out: each print moves it on."""
    import re

    return re.sub(r"auditlog nr\. \d+ · [0-9a-f]+", "", text)


def _overdracht(text: str) -> str:
    """The block "Overdracht" of a printed dossier's text, up to the signatures (without the audit head)."""
    start = text.index("Overdracht aan Werk en Inkomen")
    return _without_audit_head(text[start : text.index("Ondertekening", start)])


@pytest.mark.parametrize("single", [False, True])
def test_a_batch_print_carries_the_block_overdracht_like_a_single_print(
    qtbot,
    demo_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    single: bool,
) -> None:
    """Issue 10: the school's printed dossier has the block "Overdracht" (the receipt, the intake), also
    when printed with many others (over the worker processes, or in one PDF)."""
    from handover.ui.editor.exchange import entries_for_print
    from handover.ui.printing.pool import MIN_FOR_POOL

    service = ReportService(demo_ctx)
    ids = service.cohort_ids(2025) + service.cohort_ids(2026)
    assert len(ids) >= MIN_FOR_POOL  # enough for the process pool
    exchanged = ids[3]
    _exchange_for(demo_ctx, exchanged)
    alone = "".join(
        p.extract_text() or ""
        for p in PdfReader(
            io.BytesIO(service.dossier_pdf(exchanged, exchange=entries_for_print(demo_ctx, exchanged)))
        ).pages
    )
    block = _overdracht(alone)
    assert "Ontvangen door Werk en Inkomen" in block and "Intake gepland op 12-01-2027 met A. de Vries" in block

    dialog = BatchPrintDialog(None, demo_ctx, runner, ids)
    qtbot.addWidget(dialog)
    target = tmp_path / ("alle.pdf" if single else "uit")
    dialog.set_target(target, single=single)
    with qtbot.waitSignal(dialog.batch_finished, timeout=120_000):
        dialog.start_button.click()
    # Every young person whose single print has the block has it in the batch too, and only they.
    with_block = {youth_id for youth_id in ids if entries_for_print(demo_ctx, youth_id)}
    assert exchanged in with_block
    if single:
        printed = _without_audit_head("".join(p.extract_text() or "" for p in PdfReader(target).pages))
        assert printed.count("Overdracht aan Werk en Inkomen") == len(with_block)
        assert block in printed
    else:
        texts = _texts(target)
        named = {name for name, text in texts.items() if "Overdracht aan Werk en Inkomen" in text}
        assert named == {service.file_name_for(youth_id) for youth_id in with_block}
        assert _overdracht(texts[service.file_name_for(exchanged)]) == block
