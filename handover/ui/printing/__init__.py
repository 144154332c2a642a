"""Printing in the app: preview (QtPdf), print (QPrinter), save as PDF, and batch print with progress.

The PDF is made by ``handover.reports`` on a worker thread (through the TaskRunner) and held in
memory (a QBuffer) for the preview, so no plaintext temporary file is written. Printing renders
each PDF page with QPdfDocument onto the printer. Every print and save is audited by the service.

- :mod:`.preview`: one dossier: the preview dialog (print, save), "Opslaan als PDF" from the menu;
- :mod:`.batch`: many dossiers at once, with progress and cancel;
- :mod:`.pool`: the batch's layout over worker processes (Qt-free: a worker imports it, never Qt);
- :mod:`.overdracht`: the block "Overdracht" of a batch's school print, read in this process (Qt-free).

The names below are imported on first use, so a print worker that imports :mod:`.pool` loads no Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from handover.ui.printing.batch import BatchPrintDialog
    from handover.ui.printing.preview import (
        MAX_PRINT_DPI,
        PrinterError,
        PrintPreviewDialog,
        SavePdfJob,
        print_pdf_document,
        print_preview,
        save_pdf,
    )

_FROM_PREVIEW = frozenset(
    {
        "MAX_PRINT_DPI",
        "PrinterError",
        "PrintPreviewDialog",
        "SavePdfJob",
        "print_pdf_document",
        "print_preview",
        "save_pdf",
    }
)


def __getattr__(name: str) -> Any:
    if name == "BatchPrintDialog":
        from handover.ui.printing import batch

        value: Any = batch.BatchPrintDialog
    elif name in _FROM_PREVIEW:
        from handover.ui.printing import preview

        value = getattr(preview, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "MAX_PRINT_DPI",
    "BatchPrintDialog",
    "PrintPreviewDialog",
    "PrinterError",
    "SavePdfJob",
    "print_pdf_document",
    "print_preview",
    "save_pdf",
]
