"""Entry point of the frozen app (Overstap.exe and handover.exe are both built from this script).

It only adds two things in front of ``handover.cli.main``:
- :func:`handover.frozen.prepare_runtime` pins the keychain backend (or switches it off in portable mode);
- ``--selfcheck`` (for school IT and for packaging/smoke_test.py) checks that the bundle is complete:
  schema scripts, fonts, translations, icon, keychain, and the Qt plugins for screens, PDF and printing.

Run ``handover.exe --selfcheck`` from a command prompt; exit code 0 means everything is there.
"""

from __future__ import annotations

import sys


def _qt_selfcheck() -> tuple[list[str], bool]:
    """Start Qt the way the app does and use the PDF and print modules on a real ReportLab PDF."""
    import os
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QLibraryInfo, QSize, QTranslator
    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from handover import paths

    ok = True
    app = QApplication.instance() or QApplication(["overstap-selfcheck"])
    lines = [f"Qt {QLibraryInfo.version().toString()}, platform-plugin: {QGuiApplication.platformName()}"]
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    found = sorted(p.name for p in plugins.iterdir()) if plugins.is_dir() else []
    lines.append(f"Qt-plugins: {', '.join(found) or 'GEEN'}")
    if sys.platform != "win32":  # Windows printing is built into QtPrintSupport; elsewhere it is a plugin
        has_print = any((plugins / "printsupport").glob("*")) if (plugins / "printsupport").is_dir() else False
        lines.append(f"printplugin: {'aanwezig' if has_print else 'ONTBREEKT'}")
        ok &= has_print
    # Every language the GUI offers must have its compiled .qm in the bundle (a frozen build cannot
    # compile the .ts itself). Qt's own strings (qtbase_nl) come from Qt's translations folder.
    from handover.ui import i18n

    for language in i18n.LANGUAGES:
        if language == i18n.SOURCE_LANGUAGE:
            continue
        qm = paths.resource_path("translations", f"overstap_{language}.qm")
        translator = QTranslator()
        if not i18n.ts_path(language).exists():  # the spec bundles the .ts beside its .qm
            lines.append(f"vertaling {language}: geen overstap_{language}.ts in de bron, alleen Nederlands")
            continue
        loaded = qm.exists() and translator.load(str(qm)) and not translator.isEmpty()
        if getattr(sys, "frozen", False):
            ok &= loaded
        lines.append(f"vertaling {qm.name}: {'geladen' if loaded else 'ONTBREEKT'}")
    qt_nl = QTranslator()
    qt_loaded = qt_nl.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    lines.append(f"Qt-vertaling qtbase_nl: {'geladen' if qt_loaded else 'ONTBREEKT'}")
    ok &= qt_loaded

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "zelftest.pdf")
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(paths.resource_path("fonts", "DejaVuSans.ttf"))))
        c = canvas.Canvas(pdf, pagesize=A4)
        c.setFont("DejaVuSans", 14)
        c.drawString(72, 760, "Overstap zelftest: één dossier, ‘Zoë’ & Ĳsbrand")
        c.save()
        document = QPdfDocument(app)
        document.load(pdf)
        pages = document.pageCount()
        image: QImage = document.render(0, QSize(200, 280)) if pages else QImage()
        rendered = pages == 1 and not image.isNull()
        ok &= rendered
        lines.append(f"PDF (ReportLab + QtPdf): {'gemaakt en getoond' if rendered else 'MISLUKT'}")
        from PySide6.QtPdfWidgets import QPdfView  # the print preview's widget

        view = QPdfView()
        view.setDocument(document)
        view.resize(300, 400)
        shown = not view.grab().isNull()
        ok &= shown
        lines.append(f"afdrukvoorbeeld (QPdfView): {'werkt' if shown else 'MISLUKT'}")
        view.deleteLater()
        document.close()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    lines.append(f"QPrinter: {'bruikbaar' if printer.isValid() else 'NIET bruikbaar'}")
    ok &= printer.isValid()
    return lines, ok


def selfcheck() -> int:
    from handover.frozen import selfcheck_lines

    lines, ok = selfcheck_lines()
    try:
        qt_lines, qt_ok = _qt_selfcheck()
    except Exception as exc:  # noqa: BLE001 - the report names what is missing instead of a traceback
        qt_lines, qt_ok = [f"Qt: MISLUKT ({type(exc).__name__}: {exc})"], False
    for line in lines + qt_lines:
        print(line)
    print("ZELFTEST GESLAAGD" if ok and qt_ok else "ZELFTEST MISLUKT")
    return 0 if ok and qt_ok else 1


def run_windowed(run, show) -> int:  # type: ignore[no-untyped-def]
    """Overstap.exe has no console: what the CLI layer would print on a failed start goes to a message box.

    Without this, an error that reaches ``handover.cli.run`` (it prints to stderr and returns 1 or 2)
    would make the app silently not start.
    """
    import io

    captured = io.StringIO()
    sys.stdout = sys.stdout or io.StringIO()
    sys.stderr = captured
    code = run()
    text = captured.getvalue().strip()
    if code != 0 and text:
        show(text[-2000:])
    return code


def _message_box(text: str) -> None:
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, "Overstap", 0x10)  # MB_ICONERROR


def main() -> None:
    # A large first sync encrypts on a worker process (multiprocessing, 'spawn'); in a frozen app
    # that worker is this exe again, and freeze_support() runs it and exits before anything else.
    import multiprocessing

    multiprocessing.freeze_support()
    from handover import paths
    from handover.frozen import hold_app_mutex, prepare_runtime

    paths.use_utf8_console()  # handover.exe > log (Task Scheduler) must not fail on Yılmaz or Nguyễn

    prepare_runtime()
    hold_app_mutex()  # Windows: the installer and uninstaller wait while Overstap.exe or handover.exe runs
    if sys.argv[1:2] == ["--selfcheck"]:
        sys.exit(selfcheck())
    from handover.cli import run

    if sys.platform == "win32" and sys.stderr is None:  # the windowed Overstap.exe
        sys.exit(run_windowed(run, _message_box))
    sys.exit(run())


if __name__ == "__main__":
    main()
