"""Printing as a use case: read the dossier and the school's settings, apply consent, render, audit.

Everything is rendered into memory; a file is written only to the target the user chose, through
an atomic replace, so a failed or cancelled print leaves no plaintext behind. Every print and
export writes an audit event with ids only (never a name or a BSN).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak
from sqlalchemy import select

from handover.domain import rules
from handover.paths import private_write
from handover.reports.dossier import AUDIENCES, DossierOptions, DossierStory, ExchangeItem, youth_name
from handover.reports.layout import GroupStart, LazyStory, PageDecor, build_pdf, load_logo
from handover.reports.lists import PrintableList, checkins_this_month, overdue_agreements
from handover.reports.render import SUBJECT, render
from handover.services.context import AppContext
from handover.services.dossiers import NotFound
from handover.services.settings import all_settings
from handover.services.views import DossierView, load_dossier_view, load_dossier_views
from handover.store import audit
from handover.store.models import Youth

LIST_KINDS: dict[str, Callable[[AppContext], PrintableList]] = {
    "due": checkins_this_month,
    "overdue-agreements": overdue_agreements,
}
Progress = Callable[[int, int], None]
Cancel = threading.Event | Callable[[], bool] | None
ExchangeReader = Callable[[Sequence[str]], Mapping[str, Sequence[ExchangeItem]]]
"""For the school's own batch print: the exchange with Werk en Inkomen of a few young people at once,
by id (the caller reads it: reports never import the sync client)."""


@dataclass(frozen=True)
class ExchangeLine:
    """One entry of the block "Overdracht" as plain data (all a print worker process gets of it)."""

    at: dt.datetime | str
    text: str
    signer: str


def plain_exchange(items: Iterable[ExchangeItem]) -> tuple[ExchangeLine, ...]:
    return tuple(ExchangeLine(e.at, e.text, e.signer) for e in items)


class NoValidConsent(Exception):
    """Printing for the recipient needs a valid consent that covers that recipient."""


class BatchCancelled(Exception):
    """The user stopped a batch; nothing was written."""


@dataclass(frozen=True)
class BatchResult:
    files: list[Path]
    count: int


def _cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def _ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def dossier_file_name(youth: DossierView | None = None, *, last_name: str = "", youth_id: str = "") -> str:
    """``overstapdossier-<achternaam>-<first 8 of id>.pdf``: no BSN, no characters Windows refuses."""
    if youth is not None:
        last_name, youth_id = youth.last_name, youth.id
    slug = _ascii_slug(last_name)[:40] or "jongere"
    return f"overstapdossier-{slug}-{_ascii_slug(youth_id)[:8]}.pdf"


def atomic_write(path: Path, data: bytes) -> Path:
    """Write next to the target and replace it in one step: never a half-written PDF; owner-only (0600)."""
    return private_write(path, data)


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- settings and data --------------------------------------------------------------------
    def _settings(self) -> dict[str, object]:
        with self.ctx.session() as session:
            return all_settings(session)

    def base_options(
        self, *, audience: str = "school", recipient: str | None = None
    ) -> tuple[DossierOptions, PageDecor]:
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {AUDIENCES}")
        settings = self._settings()
        today = self.ctx.today()
        org = str(settings.get("org_name") or "")
        opts = DossierOptions(
            today=today,
            org_name=org,
            print_full_bsn=bool(settings.get("print_full_bsn")),
            audience=audience,
            recipient=(recipient or str(settings.get("default_recipient") or "")).strip(),
        )
        decor = PageDecor(
            org_name=org,
            printed_on=today,
            logo=load_logo(str(settings.get("logo_path") or "")),
            audit_head=self.audit_head_text(),
        )
        return opts, decor

    def audit_head_text(self) -> str:
        """The audit log's head for the footer: its number and the first 16 characters of its hash."""
        with self.ctx.session() as session:
            seq, digest = audit.head(session)
        return f"nr. {seq} · {digest[:16]}"

    def options_for(self, youth: DossierView, base: DossierOptions) -> DossierOptions:
        """For the recipient: only what a valid consent for that recipient covers, or refuse."""
        if base.audience == "school":
            return base
        if not base.recipient:
            raise NoValidConsent("Er is geen ontvanger ingesteld (Werk en Inkomen van de gemeente).")
        consent = rules.valid_consent_for(youth.consents, base.recipient, youth.birth_date, base.today)
        if consent is None:
            raise NoValidConsent(f"Er is geen geldige toestemming om dit dossier aan {base.recipient} te geven.")
        return replace(
            base,
            allowed_sections=frozenset(rules.shared_sections(consent)),
            consent_date=consent.given_on,
            include_health=bool(consent.includes_health),
        )

    def load(self, youth_id: str) -> DossierView:
        with self.ctx.session() as session:
            youth = load_dossier_view(session, youth_id)
        if youth is None:
            raise NotFound("Deze jongere bestaat niet (meer).")
        return youth

    def iter_youths(self, youth_ids: Sequence[str], chunk: int = 50) -> Iterator[DossierView]:
        """Loaded in chunks (one query per table) and yielded in the order asked; vanished ids are skipped."""
        for start in range(0, len(youth_ids), chunk):
            with self.ctx.session() as session:
                part = load_dossier_views(session, youth_ids[start : start + chunk])
            yield from part

    def cohort_ids(self, year: int) -> list[str]:
        """Everyone who leaves (or left) school in this calendar year, in alphabetical order."""
        with self.ctx.session() as session:
            rows = session.execute(
                select(Youth.id)
                .where(
                    Youth.anonymised.is_(False),
                    Youth.leaving_date >= dt.date(year, 1, 1),
                    Youth.leaving_date <= dt.date(year, 12, 31),
                )
                .order_by(Youth.last_name, Youth.first_names, Youth.id)
            ).all()
        return [r.id for r in rows]

    # -- audit ----------------------------------------------------------------------------------
    def record(
        self,
        action: str,
        youth_ids: Sequence[str],
        *,
        output: str,
        audience: str = "school",
        write: Callable[[], object] | None = None,
    ) -> None:
        """One audit event per young person, in the same transaction as ``write`` (the file):
        a file that was written is always in the log, and a failed write leaves no event."""
        with self.ctx.session() as session:
            for youth_id in youth_ids:
                audit.record(
                    session,
                    self.ctx.actor,
                    action,
                    "youth",
                    youth_id,
                    kind="dossier",
                    output=output,
                    audience=audience,
                    youth=youth_id,
                )
            if write is not None:
                write()

    def record_list(self, action: str, kind: str, *, output: str, write: Callable[[], object] | None = None) -> None:
        with self.ctx.session() as session:
            audit.record(session, self.ctx.actor, action, "list", None, kind=kind, output=output)
            if write is not None:
                write()

    # -- one dossier ----------------------------------------------------------------------------
    def printable(
        self, youth_ids: Sequence[str], opts: DossierOptions, exchange: ExchangeReader | None = None, chunk: int = 50
    ) -> Iterator[tuple[DossierView, DossierOptions | None]]:
        """Each young person (in the order asked, vanished ids skipped) with the options for their print:
        None when there is no valid consent for the recipient. The school's own print also gets the
        exchange with Werk en Inkomen (block "Overdracht"), read a chunk at a time by ``exchange``."""
        for start in range(0, len(youth_ids), chunk):
            ids = list(youth_ids[start : start + chunk])
            with self.ctx.session() as session:
                part = load_dossier_views(session, ids)
            found = exchange(ids) if exchange is not None and opts.audience == "school" else {}
            for youth in part:
                try:
                    youth_opts = self.options_for(youth, opts)
                except NoValidConsent:
                    yield youth, None
                    continue
                items = found.get(youth.id)
                yield youth, (replace(youth_opts, exchange=plain_exchange(items)) if items else youth_opts)

    def render_youth(self, youth: DossierView, opts: DossierOptions, decor: PageDecor) -> bytes:
        return self.render_ready(youth, self.options_for(youth, opts), decor)

    def render_ready(self, youth: DossierView, opts: DossierOptions, decor: PageDecor) -> bytes:
        """``opts`` already limited to what the consent covers (:meth:`options_for`)."""
        return render(youth, opts, decor)

    def dossier_pdf(
        self,
        youth_id: str,
        *,
        audience: str = "school",
        recipient: str | None = None,
        exchange: Sequence[ExchangeItem] = (),
    ) -> bytes:
        """The PDF in memory (for the preview). No audit here: the caller records print or export.
        ``exchange``: the entries of the exchange with Werk en Inkomen, read by the caller (block "Overdracht")."""
        opts, decor = self.base_options(audience=audience, recipient=recipient)
        opts = replace(opts, exchange=plain_exchange(exchange))
        return self.render_youth(self.load(youth_id), opts, decor)

    def save_dossier(
        self,
        youth_id: str,
        path: Path,
        *,
        audience: str = "school",
        recipient: str | None = None,
        action: str = "export",
        exchange: Sequence[ExchangeItem] = (),
    ) -> Path:
        data = self.dossier_pdf(youth_id, audience=audience, recipient=recipient, exchange=exchange)
        self.record(
            action, [youth_id], output="pdf-file", audience=audience, write=lambda: atomic_write(Path(path), data)
        )
        return Path(path)

    def file_name_for(self, youth_id: str) -> str:
        with self.ctx.session() as session:
            row = session.execute(select(Youth.id, Youth.last_name).where(Youth.id == youth_id)).one_or_none()
        if row is None:
            raise NotFound("Deze jongere bestaat niet (meer).")
        return dossier_file_name(last_name=row.last_name, youth_id=row.id)

    # -- lists ----------------------------------------------------------------------------------
    def list_pdf(self, kind: str) -> bytes:
        if kind not in LIST_KINDS:
            raise ValueError(f"unknown list {kind}")
        printable = LIST_KINDS[kind](self.ctx)
        _, decor = self.base_options()
        story: list[Flowable] = [GroupStart(0, printable.title), *printable.flowables()]
        return build_pdf(
            story, decor, title=printable.title, author=decor.org_name or "Overstap", subject=printable.title
        )

    def save_list(self, kind: str, path: Path, *, action: str = "print") -> Path:
        data = self.list_pdf(kind)
        self.record_list(action, kind, output="pdf-file", write=lambda: atomic_write(Path(path), data))
        return Path(path)

    # -- batch ----------------------------------------------------------------------------------
    def batch_files(
        self,
        youth_ids: Sequence[str],
        out_dir: Path,
        *,
        audience: str = "school",
        recipient: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel = None,
        action: str = "print",
        exchange: ExchangeReader | None = None,
    ) -> BatchResult:
        """One PDF per young person in ``out_dir``. The PDFs stay in memory until all are made, so a
        cancelled or failed batch writes nothing; young people without valid consent (audience
        "gemeente") are skipped. ``exchange``: see :meth:`printable`."""
        out_dir = Path(out_dir)
        opts, decor = self.base_options(audience=audience, recipient=recipient)
        total = len(youth_ids)
        made: list[tuple[str, str, bytes]] = []
        done = 0
        if progress:
            progress(0, total)
        for youth, youth_opts in self.printable(youth_ids, opts, exchange):
            if _cancelled(cancel):
                raise BatchCancelled("Afgebroken: er zijn geen bestanden gemaakt.")
            if youth_opts is not None:
                made.append((youth.id, dossier_file_name(youth), self.render_ready(youth, youth_opts, decor)))
            done += 1
            if progress:
                progress(done, total)
        if _cancelled(cancel):
            raise BatchCancelled("Afgebroken: er zijn geen bestanden gemaakt.")
        return self.write_files(made, out_dir, action, audience, progress, total)

    def write_files(
        self,
        made: Sequence[tuple[str, str, bytes]],
        out_dir: Path,
        action: str,
        audience: str,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> BatchResult:
        """Write one file per young person (id, file name, PDF bytes) into ``out_dir``: all of them or, on
        an error, none (what was written is removed again), recorded in the audit log in the same step."""
        if not made:
            return BatchResult([], 0)
        written: list[Path] = []

        def write_all() -> None:
            out_dir.mkdir(parents=True, exist_ok=True)
            try:
                for _, name, data in made:
                    written.append(atomic_write(out_dir / name, data))
            except BaseException:
                for path in written:
                    path.unlink(missing_ok=True)
                raise

        self.record(action, [m[0] for m in made], output="pdf-files", audience=audience, write=write_all)
        if progress:
            progress(total, total)
        return BatchResult(written, len(made))

    def batch_single(
        self,
        youth_ids: Sequence[str],
        path: Path,
        *,
        audience: str = "school",
        recipient: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel = None,
        action: str = "print",
        exchange: ExchangeReader | None = None,
    ) -> BatchResult:
        """All dossiers in one PDF, each starting on a new page with its own "pagina X van Y".

        Dossiers are loaded and laid out one at a time as the layout reaches them, so memory stays
        flat and progress and cancellation are checked between dossiers. ``exchange``: see :meth:`printable`."""
        opts, decor = self.base_options(audience=audience, recipient=recipient)
        total = len(youth_ids)
        youths = self.printable(youth_ids, opts, exchange)
        included: list[str] = []
        state = {"done": 0}

        def next_dossier() -> list[Flowable]:
            while True:
                if _cancelled(cancel):
                    raise BatchCancelled("Afgebroken: er is geen bestand gemaakt.")
                if progress:
                    progress(state["done"], total)
                found = next(youths, None)
                if found is None:
                    return []
                state["done"] += 1
                youth, youth_opts = found
                if youth_opts is None:
                    continue
                name = youth_name(youth)
                story: list[Flowable] = [PageBreak()] if included else []
                included.append(youth.id)
                story += [
                    GroupStart(len(included), f"Overstapdossier {name}"),
                    *DossierStory(youth, youth_opts).flowables(),
                    LazyStory(next_dossier),
                ]
                return story

        data = build_pdf(
            [LazyStory(next_dossier)],
            decor,
            title="Overstapdossiers",
            author=opts.org_name or "Overstap",
            subject=SUBJECT,
        )
        if _cancelled(cancel):
            raise BatchCancelled("Afgebroken: er is geen bestand gemaakt.")
        if not included:
            return BatchResult([], 0)
        self.record(
            action, included, output="pdf-file", audience=audience, write=lambda: atomic_write(Path(path), data)
        )
        if progress:
            progress(total, total)
        return BatchResult([Path(path)], len(included))
