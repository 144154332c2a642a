"""Printing in the app: preview (QtPdf), print (QPrinter), save as PDF, and batch print with progress.

The PDF is made by ``handover.reports`` on a worker thread (through the TaskRunner) and held in
memory (a QBuffer) for the preview, so no plaintext temporary file is written. Printing renders
each PDF page with QPdfDocument onto the printer. Every print and save is audited by the service.

- :mod:`.preview`: one dossier: the preview dialog (print, save), "Opslaan als PDF" from the menu;
- :mod:`.batch`: many dossiers at once, with progress and cancel.
"""

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
