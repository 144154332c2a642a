"""Translations. Dutch is the source language; English comes from resources/translations/overstap_en.ts.

Compiled ``.qm`` files are never committed. A frozen build ships them next to the ``.ts`` (compiled
by the build script); from a source checkout the ``.ts`` is compiled on first run with PySide6's
``lrelease`` into the user's cache folder, keyed by the ``.ts`` content so an update recompiles.

After changing strings, refresh the ``.ts`` (existing translations are kept) and translate the new
entries in Qt Linguist (``pyside6-linguist``)::

    pyside6-lupdate handover/ui/*.py handover/ui/*/*.py -no-obsolete -locations relative \
        -target-language en_GB -ts resources/translations/overstap_en.ts

Strings must be literal ``self.tr("...")`` or ``QCoreApplication.translate("Context", "...")`` calls
(not wrappers or f-strings), or lupdate cannot find them. Modules without a QObject of their own use
``QCoreApplication.translate`` with a fixed context (``DossierEditor``, ``Contactmomenten``, ``Printing``...).
Labels from handover.domain go through :mod:`handover.ui.labels` (context ``Domein``); after changing a
domain label run ``python -m handover.ui.labels`` to regenerate the list lupdate reads. tests/gui/
test_translations.py fails on any entry without English.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from handover import APP_NAME, paths

LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "nl"


def ts_path(language: str) -> Path:
    return paths.resource_path("translations", f"overstap_{language}.ts")


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations"


def lrelease_command() -> list[str] | None:
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def compile_ts(ts: Path, qm: Path) -> bool:
    command = lrelease_command()
    if command is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".tmp.qm")
    try:
        subprocess.run([*command, "-silent", str(ts), "-qm", str(tmp)], check=True, capture_output=True, timeout=60)
        tmp.replace(qm)
    except (OSError, subprocess.SubprocessError):
        tmp.unlink(missing_ok=True)
        return False
    return qm.exists()


def compiled_translation(language: str) -> Path | None:
    """The .qm for a language: shipped with a build, or compiled once from the .ts into the cache."""
    if language == SOURCE_LANGUAGE:
        return None
    shipped = paths.resource_path("translations", f"overstap_{language}.qm")
    if shipped.exists():
        return shipped
    ts = ts_path(language)
    if not ts.exists():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:12]
    qm = cache_dir() / f"overstap_{language}-{digest}.qm"
    if qm.exists() or compile_ts(ts, qm):
        return qm
    return None


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own strings (buttons of standard dialogs) and the app's for ``language``."""
    language = language if language in LANGUAGES else SOURCE_LANGUAGE
    locale = (
        QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
        if language == "nl"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    qm = compiled_translation(language)
    if qm is not None:
        own = QTranslator(app)
        if own.load(str(qm)):
            app.installTranslator(own)
            installed.append(own)
    return installed
