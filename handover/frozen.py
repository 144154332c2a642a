"""Start-up policy for the installed (PyInstaller) app: key storage, portable mode, self-check.

No Qt here. The frozen build's entry script (``packaging/overstap_entry.py``) calls
:func:`prepare_runtime` before anything else; the GUI calls :func:`key_storage_problem` before it
opens a data folder, so a missing keychain is a clear Dutch message instead of a crash.

Why this exists:
- keyring finds its backends through package entry points. A frozen build only has them when the
  metadata is bundled (the spec does that); on Windows we also set the Credential Manager backend
  explicitly, so the choice never depends on what else happens to be installed.
- Portable mode (``portable.txt`` beside the executable) keeps the data on the stick. The OS keychain
  belongs to one PC (and our keychain entries are named after the data folder's absolute path,
  which changes with the drive letter), so a portable data folder must be protected by a
  passphrase. We switch the keychain off in portable mode; the normal "no secure keychain" path
  (passphrase mode) then applies everywhere: the CLI asks for or requires a passphrase, the GUI
  wizard offers passphrase mode.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from handover import paths

WINDOWS_KEYRING = "keyring.backends.Windows.WinVaultKeyring"

NO_SECURE_KEYCHAIN = (
    "Er is geen veilige sleutelopslag van Windows (Referentiebeheer) beschikbaar. Overstap bewaart "
    "de sleutel van de versleutelde gegevens nooit onbeveiligd. Kies bij het instellen een wachtwoord "
    "(wachtwoordmodus), of vraag de ICT-beheerder om hulp."
)
PORTABLE_NEEDS_PASSPHRASE = (
    "Overstap draait als draagbare versie (portable.txt naast het programma). De gegevens staan "
    "versleuteld naast het programma en zijn alleen te openen met het wachtwoord; de sleutelopslag "
    "van deze computer wordt niet gebruikt."
)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def requires_passphrase() -> bool:
    """True when the data must be protected by a passphrase instead of the OS keychain (portable mode)."""
    return paths.is_portable()


def prepare_runtime() -> None:
    """Called first by the frozen app. Pins the secure keychain backend, or disables it in portable mode."""
    if requires_passphrase():
        disable_keychain()
    elif sys.platform == "win32" and is_frozen():
        pin_windows_keychain()


def pin_windows_keychain() -> bool:
    """Use Windows Credential Manager explicitly instead of entry-point discovery. True when it is usable.

    Not through PYTHON_KEYRING_BACKEND: keyring raises on *every* call when that names a backend that
    is not viable, where we want the normal fallback (no secure keychain -> passphrase mode).
    """
    try:
        import keyring
        from keyring.backends.Windows import WinVaultKeyring

        WinVaultKeyring.priority  # noqa: B018 - raises RuntimeError when Credential Manager is unusable
        keyring.set_keyring(WinVaultKeyring())
    except Exception:  # noqa: BLE001 - discovery decides; handover.secrets refuses anything not allowlisted
        return False
    return True


def disable_keychain() -> None:
    """Make keyring report no usable backend, so only passphrase mode is possible."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


def keychain_name() -> str:
    """Human-readable name of the active keyring backend (for the self-check and the about box)."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - a broken keyring install is reported, not raised
        return f"geen ({type(exc).__name__})"
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def discovered_keyring_backends() -> list[str]:
    """Backend modules keyring found through its entry points (proof that the metadata is bundled)."""
    try:
        from keyring import backend

        backend.get_all_keyring()  # loads the entry points once
        classes: set[type] = getattr(backend.KeyringBackend, "_classes", set())
    except Exception:  # noqa: BLE001
        return []
    names = {cls.__module__.removeprefix("keyring.backends.") for cls in classes}
    return sorted(n for n in names if n not in {"fail", "chainer", "null"})


def key_storage_problem(data_dir: Path, passphrase: str | None = None) -> str | None:
    """Why this data folder cannot be opened or created safely on this PC (Dutch), or None if it can.

    - a folder set up in passphrase mode, or a passphrase given: fine (the passphrase is checked on open);
    - portable mode without a passphrase: the user must be asked for one;
    - otherwise the OS keychain is needed and must be on the allowlist in handover.secrets.
    """
    from handover.secrets import secure_keyring_backend
    from handover.store.workspace import read_info

    info = read_info(Path(data_dir)) if Path(data_dir).exists() else None
    mode = str(info.get("secret_store")) if info else None
    if mode == "passphrase" or passphrase:
        return None
    if requires_passphrase():
        return PORTABLE_NEEDS_PASSPHRASE
    if secure_keyring_backend() is None:
        return NO_SECURE_KEYCHAIN
    return None


def check_keychain_roundtrip() -> tuple[str, bool]:
    """Store, read and delete a throwaway secret in the active secure keychain.

    Returns a Dutch verdict and whether the self-check may pass. A secure keychain that is found but
    cannot store a secret fails the check: the app would offer it and then fail on the first start.
    No secure keychain at all is not this check's failure (passphrase mode; on Windows the line
    about the backend fails the self-check instead).
    """
    from handover.secrets import secure_keyring_backend

    backend = secure_keyring_backend()
    if backend is None:
        return "geen veilige sleutelopslag: alleen wachtwoordmodus mogelijk", True
    service, name = "Overstap-zelftest", "zelftest"
    try:
        backend.set_password(service, name, "ok")  # type: ignore[attr-defined]
        value = backend.get_password(service, name)  # type: ignore[attr-defined]
        backend.delete_password(service, name)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - reported to IT, never raised
        return f"sleutelopslag werkt NIET ({type(exc).__name__})", False
    if value != "ok":
        return "sleutelopslag werkt NIET (waarde klopt niet)", False
    return "sleutelopslag werkt", True


def worker_probe(value: int) -> int:
    """Runs in a spawned worker process during the self-check, like the sync's encryption worker.

    In a frozen build the worker is the executable itself, started again with multiprocessing's
    arguments; that only works when the entry point calls ``multiprocessing.freeze_support()`` first.
    """
    import pyrage  # the sync worker encrypts with pyrage: the native module must load in the worker too

    return value * 2 if pyrage.x25519.Identity.generate() else 0


def check_worker_process() -> str:
    """Start one 'spawn' worker, as the sync does, and get an answer back. Returns a Dutch verdict."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            answer = pool.submit(worker_probe, 21).result(timeout=120)
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        return f"MISLUKT ({type(exc).__name__})"
    return "werkt" if answer == 42 else "MISLUKT (verkeerd antwoord)"


def selfcheck_lines() -> tuple[list[str], bool]:
    """The Qt-free part of ``--selfcheck``: version, paths, schema scripts, fonts, translations, keychain."""
    from handover import __version__
    from handover.secrets import secure_keyring_backend
    from handover.store.database import head_revision

    ok = True
    lines = [
        f"Overstap {__version__}",
        f"bevroren build: {'ja' if is_frozen() else 'nee'}",
        f"programmamap: {paths.executable_dir()}",
        f"draagbaar (portable.txt): {'ja' if paths.is_portable() else 'nee'}",
        f"gegevensmap: {paths.default_data_dir()}",
        f"UTF-8-modus: {'aan' if sys.flags.utf8_mode else 'uit'}",
    ]
    try:
        lines.append(f"databaseschema (Alembic): {head_revision()}")
    except Exception as exc:  # noqa: BLE001
        ok = False
        lines.append(f"databaseschema: ONTBREEKT ({type(exc).__name__})")
    fonts = sorted(p.name for p in paths.resource_path("fonts").glob("*.ttf"))
    ok &= bool(fonts)
    lines.append(f"lettertypen: {', '.join(fonts) or 'ONTBREKEN'}")
    translations = sorted(p.name for p in paths.resource_path("translations").glob("*.qm"))
    lines.append(f"vertalingen: {', '.join(translations) or 'geen (.qm)'}")
    icon = paths.resource_path("icons", "overstap.png")
    ok &= icon.exists()
    lines.append(f"pictogram: {'aanwezig' if icon.exists() else 'ONTBREEKT'}")
    secure = secure_keyring_backend() is not None
    lines.append(f"sleutelopslag: {keychain_name()} ({'veilig' if secure else 'niet toegestaan of afwezig'})")
    if sys.platform == "win32" and not requires_passphrase() and not secure:
        ok = False  # the Windows build must find Credential Manager: a packaging defect otherwise
    worker = check_worker_process()
    ok &= worker == "werkt"
    lines.append(f"werkproces (multiprocessing, spawn): {worker}")
    found = discovered_keyring_backends()
    lines.append(f"sleutelopslag-backends gevonden: {', '.join(found) or 'GEEN'}")
    ok &= bool(found)  # none means keyring's entry points are missing from the bundle
    verdict, roundtrip_ok = check_keychain_roundtrip()
    ok &= roundtrip_ok
    lines.append(f"sleutelopslag test: {verdict}")
    return lines, ok


# -- the log file ------------------------------------------------------------------------------------

LOG_DIRNAME = "logs"
LOG_FILENAME = "overstap.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
_REDACTED = "<weggelaten>"
# Arguments that are not personal data: record ids, key ids and revision numbers.
_ID_ARG = re.compile(r"^[0-9a-fA-F][0-9a-fA-F-]{5,63}$")


def _is_id(text: str) -> bool:
    """A record or key id (hex, uuid). Digits only is a BSN or a phone number unless it is long."""
    return bool(_ID_ARG.match(text)) and (len(text) >= 16 or any(c in "abcdefABCDEF" for c in text))


def _exception_names() -> set[str]:
    names: set[str] = set()
    todo: list[type[BaseException]] = [BaseException]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


class PrivacyFormatter(logging.Formatter):
    """Writes what IT needs to find a fault and nothing about the young people or the staff.

    The message template is written as the code wrote it (a fixed sentence); an argument only when it
    is a number, an id or an exception's class name, else ``<weggelaten>``. An exception is written
    as its class names and stack frames (file, line, function), never its message, which may quote a
    name, a BSN or a value typed by the user.
    """

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        safe = logging.makeLogRecord(record.__dict__)
        safe.msg, safe.args = self._message(record), None
        safe.exc_info, safe.exc_text, safe.stack_info = None, None, None
        text = super().format(safe)
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + self._exception(record.exc_info[1])
        return text

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        template = str(record.msg)
        if not record.args:
            return template
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        names = _exception_names()

        def safe(arg: object) -> object:
            if isinstance(arg, bool | float) or (isinstance(arg, int) and abs(arg) < 10_000_000):
                return arg  # a count or a revision; not a BSN or a phone number
            if isinstance(arg, str) and (_is_id(arg) or arg in names):
                return arg
            return _REDACTED

        try:
            return template % tuple(safe(a) for a in args)
        except (TypeError, ValueError, KeyError):
            return template

    @staticmethod
    def _exception(exc: BaseException) -> str:
        lines: list[str] = []
        seen: BaseException | None = exc
        while seen is not None and len(lines) < 200:
            cls = type(seen)
            lines.append(f"{cls.__module__}.{cls.__qualname__} (melding weggelaten)")
            for frame in traceback.extract_tb(seen.__traceback__):
                lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            seen = seen.__cause__ or seen.__context__
            if seen is not None:
                lines.append("veroorzaakt door:")
        return "\n".join(lines)


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIRNAME / LOG_FILENAME


def start_log_file(data_dir: Path) -> Path:
    """Log to a rotating file in the data folder and send uncaught exceptions there too.

    The windowed Overstap.exe has no console: without this a crash leaves nothing for IT to read.
    Calling it again (a second start in one process, as tests do) moves the log to the new folder.
    """
    from logging.handlers import RotatingFileHandler

    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    stop_log_file()
    root = logging.getLogger()
    handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.overstap_log = True  # type: ignore[attr-defined]
    handler.setFormatter(PrivacyFormatter())
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore"):  # one line per request: not needed to find a fault
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _log_uncaught_exceptions()
    from handover import __version__

    logging.getLogger("handover").info("Overstap %s gestart (%s)", __version__, sys.platform)
    return path


def stop_log_file() -> None:
    """Close the log file (before a demo folder is removed: Windows cannot delete an open file)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "overstap_log", False)]:
        root.removeHandler(old)
        old.close()


def _log_uncaught_exceptions() -> None:
    import threading

    if getattr(sys.excepthook, "overstap_log", False):
        return
    previous, previous_thread = sys.excepthook, threading.excepthook
    log = logging.getLogger("handover.onverwacht")

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("onverwachte fout", exc_info=(kind, exc, tb))
        previous(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.critical("onverwachte fout in een achtergrondtaak", exc_info=args.exc_value)
        previous_thread(args)

    hook.overstap_log = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    threading.excepthook = thread_hook


# -- the running app, as the installer sees it --------------------------------------------------------

APP_MUTEX = "OverstapRunning"  # AppMutex in packaging/overstap.iss
_held_mutexes: list[int] = []


def hold_app_mutex() -> bool:
    """Windows: hold the named mutex the installer checks (AppMutex), for as long as the app runs.

    Setup and the uninstaller refuse while it exists, instead of removing the program (or the data)
    from under a running app. Both the session's and the global name, so a second user's session
    counts too. The handles close when the process ends. Elsewhere: nothing to do (False).
    """
    if sys.platform != "win32" or _held_mutexes:
        return bool(_held_mutexes)
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined, unused-ignore]
    for name in (APP_MUTEX, "Global\\" + APP_MUTEX):
        handle = kernel32.CreateMutexW(None, False, name)
        if handle:
            _held_mutexes.append(int(handle))
    return bool(_held_mutexes)
