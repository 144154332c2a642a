"""Open or create the app's data folder and build the context every use case runs in."""

from __future__ import annotations

from pathlib import Path

from handover.secrets import SecretStore
from handover.services.context import AppContext
from handover.services.settings import get_setting, set_setting
from handover.store import audit
from handover.store.workspace import init_workspace, open_workspace, recover_workspace

ROLES = ("school", "gemeente")


def initialise(
    data_dir: Path,
    *,
    org_name: str,
    user_name: str,
    role: str = "school",
    brin: str = "",
    recipient: str = "",
    secret_store: SecretStore | None = None,
    passphrase: str | None = None,
) -> tuple[AppContext, str]:
    """Create a new data folder. Returns the context and the recovery code (show it exactly once)."""
    from handover.domain.fields import YOUTH_FIELDS
    from handover.domain.validation import FieldError, ValidationFailed, clean_value

    errors = []
    if role not in ROLES:
        errors.append(FieldError("role", "Kies de rol school of gemeente."))
    if not org_name.strip():
        errors.append(FieldError("org_name", "Vul de naam van de school of gemeente in."))
    if not user_name.strip():
        errors.append(FieldError("user_name", "Vul uw naam in."))
    if brin:
        try:
            brin = clean_value(YOUTH_FIELDS["brin"], brin)
        except FieldError as err:
            errors.append(err)
    if errors:
        raise ValidationFailed(errors)
    workspace, code = init_workspace(data_dir, secret_store=secret_store, passphrase=passphrase)
    ctx = AppContext(workspace, actor=user_name.strip())
    with ctx.session() as session:
        set_setting(session, "role", role)
        set_setting(session, "org_name", org_name.strip())
        set_setting(session, "brin", brin or "")
        set_setting(session, "user_name", user_name.strip())
        set_setting(session, "default_recipient", recipient.strip())
        audit.record(session, ctx.actor, "init", "workspace", None, role=role)
    return ctx, code


def _context(workspace) -> AppContext:  # type: ignore[no-untyped-def]
    ctx = AppContext(workspace)
    with ctx.session() as session:
        ctx.actor = get_setting(session, "user_name") or "onbekend"
    return ctx


def open_app(data_dir: Path, *, secret_store: SecretStore | None = None, passphrase: str | None = None) -> AppContext:
    ctx = _context(open_workspace(data_dir, secret_store=secret_store, passphrase=passphrase))
    _ensure_reference_snapshot(ctx)
    return ctx


def _ensure_reference_snapshot(ctx: AppContext) -> None:
    """On or after 1 November: freeze that date's snapshot once (one look-up when it is there)."""
    import logging

    from handover.services.outcomes_snapshots import ensure_snapshots

    try:
        with ctx.session() as session:
            ensure_snapshots(session, ctx.today(), ctx.actor)
    except Exception:  # noqa: BLE001 - the figures must never keep the app from opening; tried again next start
        logging.getLogger(__name__).exception("peildatum niet vastgelegd")


def recover(
    data_dir: Path, code: str, *, secret_store: SecretStore | None = None, passphrase: str | None = None
) -> AppContext:
    ctx = _context(recover_workspace(data_dir, code, secret_store=secret_store, passphrase=passphrase))
    with ctx.session() as session:
        audit.record(session, ctx.actor, "recover", "workspace", None)
    return ctx
