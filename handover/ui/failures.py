"""What the user reads when something fails: a plain Dutch sentence, never an exception's class name.

Each screen says what did not happen ("Niet opgeslagen.", "De lijst kon niet worden geladen.") and
:func:`failure_text` adds the cause when it is one a user can act on (a file without access, a full
disk, a dossier changed elsewhere, a refusal the services explain in Dutch). Everything else gets
"Probeer het opnieuw": the technical detail (type, message, traceback) goes to the log through
``logging``, where the ICT-beheerder can find it, not onto the screen.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger("handover.ui")


def _own_sentence(exc: BaseException) -> str | None:
    """Our own exceptions whose text was written for the user, in Dutch."""
    # Imported here: these modules are loaded by the time anything fails, and not needed at start-up.
    from handover.domain.rules import TransitionRefused
    from handover.domain.validation import FieldError, ValidationFailed
    from handover.secrets import SecretStoreError
    from handover.services.dossiers import NotFound, RevisionConflict
    from handover.services.queries import UnknownYouth
    from handover.store.database import StoreError

    if isinstance(exc, ValidationFailed):
        return " ".join(error.message for error in exc.errors) or None
    if isinstance(exc, FieldError):
        return exc.message
    if isinstance(exc, NotFound | RevisionConflict | TransitionRefused | UnknownYouth | SecretStoreError | StoreError):
        return str(exc) or None
    return None


def _file_sentence(exc: OSError) -> str:
    name = exc.filename if isinstance(exc.filename, str) else None
    if exc.errno == errno.ENOSPC:
        return QCoreApplication.translate("Meldingen", "De schijf is vol. Maak ruimte vrij en probeer het opnieuw.")
    if isinstance(exc, PermissionError):
        if name:
            return QCoreApplication.translate(
                "Meldingen", "Geen toegang tot %1. Kies een andere map of vraag de ICT-beheerder om toegang."
            ).replace("%1", name)
        return QCoreApplication.translate(
            "Meldingen", "Geen toegang tot een bestand. Vraag de ICT-beheerder om toegang."
        )
    if isinstance(exc, FileNotFoundError) and name:
        return QCoreApplication.translate("Meldingen", "Het bestand %1 bestaat niet (meer).").replace("%1", name)
    if name:
        return QCoreApplication.translate("Meldingen", "Het bestand %1 kon niet worden gelezen of geschreven.").replace(
            "%1", name
        )
    return QCoreApplication.translate("Meldingen", "Een bestand kon niet worden gelezen of geschreven.")


def reason(exc: BaseException) -> str:
    """The cause as a Dutch sentence for the user (a general one when the cause is technical)."""
    own = _own_sentence(exc)
    if own:
        return own
    if isinstance(exc, OSError):
        return _file_sentence(exc)
    if "database is locked" in str(exc):
        return QCoreApplication.translate("Meldingen", "De gegevens waren even bezet. Probeer het zo opnieuw.")
    return QCoreApplication.translate(
        "Meldingen", "Probeer het opnieuw. Blijft het misgaan, neem dan contact op met de ICT-beheerder."
    )


def explain(exc: BaseException, what: str) -> str:
    """The cause for the user (:func:`reason`); the detail goes to the log under ``what``."""
    own = _own_sentence(exc)
    if own:  # a refusal the user can act on, already explained: no traceback needed
        # ``what`` is the template (a fixed sentence, kept in the log file); ``own`` may quote a name.
        log.info(what.replace("%", "%%") + " %s", own)
        return own
    log.error(what, exc_info=(type(exc), exc, exc.__traceback__))
    return reason(exc)


def failure_text(what: str, exc: BaseException) -> str:
    """``what`` (what did not happen, one sentence) followed by the cause; the detail goes to the log."""
    return f"{what} {explain(exc, what)}"
