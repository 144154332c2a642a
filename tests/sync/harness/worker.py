"""One PC of the convergence test, as its own process (so that SIGKILL is real).

``python -m tests.sync.harness.worker --data-dir D --url PROXY --seed S --steps N --log F --pc NAME``

A school PC makes random edits through the services (the editor's paths: revision-checked saves of
fields, list items added, changed and deleted, a conflict chosen now and then, new young people)
and syncs in between; a gemeente only syncs (it receives the dossier and sends its receipts).

Every edit is written to the log twice, as JSON lines flushed to disk: ``intent`` before (the value
it is about to write) and ``done`` after the transaction committed, with what the PC showed for
that field just before (``seen``: the value and any conflict alternatives). A line ``done`` is the
worker's report "this edit is committed": the test checks that none of those is lost. The parent
may SIGKILL the process at any moment; a half-written last line is ignored by the reader.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from handover.secrets import KdfParams, PassphraseSecretStore
from handover.services import merge
from handover.services.app import open_app
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.store.models import LIST_MODELS, Youth
from handover.sync.client import SyncClient
from handover.sync.service import SyncService
from handover.sync.tuning import SyncTuning

PASSPHRASE = "convergentie test wachtwoord"
# Cheap key derivation for the test's data folders (the real default costs 128 MiB and ~0.4 s per open).
TEST_KDF = KdfParams(n=2**10)
YOUTH_FIELDS = ("city", "address", "called_name")
# Per list: the field that names an item (unique per add), fixed values, the fields edits change.
LISTS: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "contacts": ("name", {"role": "ouder"}, ("organisation",)),
    "agreements": ("action", {"organisation": "school", "status": "open"}, ("person",)),
}


def secret_store(data_dir: Path, *, create: bool = False) -> PassphraseSecretStore:
    return PassphraseSecretStore(data_dir, PASSPHRASE, create=create, kdf=TEST_KDF)


def client_factory(url: str, attempts: int = 2):  # type: ignore[no-untyped-def]
    """Every client of this PC talks to ``url`` (the proxy), whatever the state says, with short
    timeouts and few retries: the proxy's faults must surface as failed syncs, not hang."""
    import httpx

    def make(_stored: str) -> SyncClient:
        return SyncClient(url, timeout=httpx.Timeout(3.0), max_attempts=attempts, backoff_base=0.02, backoff_cap=0.1)

    return make


class Log:
    def __init__(self, path: Path, pc: str) -> None:
        self.fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.pc = pc

    def write(self, **entry: Any) -> None:
        self.fh.write(json.dumps({"pc": self.pc, **entry}, ensure_ascii=False, default=str) + "\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())


def shown(ctx: AppContext, entity: str, entity_id: str, name: str, current: Any) -> list[Any]:
    """What the PC shows for one field: its value and, in a conflict, every alternative."""
    values = [current]
    with ctx.session() as session:
        for conflict in merge.conflicts(session):
            if (conflict.entity, conflict.entity_id, conflict.field) == (entity, entity_id, name):
                values += [a.value for a in conflict.alternatives]
    return values


class SchoolPC:
    def __init__(self, ctx: AppContext, sync: SyncService, rng: random.Random, log: Log, tag: str) -> None:
        self.ctx, self.sync, self.rng, self.log, self.tag = ctx, sync, rng, log, tag
        self.dossiers = DossierService(ctx)
        self.counter = 0

    def unique(self, what: str) -> str:
        self.counter += 1
        return f"{what} {self.tag}-{self.counter}"

    def youth_ids(self) -> list[str]:
        with self.ctx.session() as session:
            return sorted(session.scalars(Youth.__table__.select().with_only_columns(Youth.__table__.c.id)))

    def item_ids(self, list_name: str, youth_id: str) -> list[str]:
        with self.ctx.session() as session:
            table = LIST_MODELS[list_name].__table__
            return sorted(
                session.scalars(table.select().with_only_columns(table.c.id).where(table.c.youth_id == youth_id))
            )

    def do_sync(self) -> None:
        report = self.sync.sync()
        self.log.write(kind="sync", ok=bool(report.ok), errors=list(report.errors)[:2])

    def step(self) -> None:
        action = self.rng.choices(
            ["field", "stale_field", "add_item", "edit_item", "delete_item", "resolve", "new_youth", "sync"],
            [30, 12, 8, 12, 3, 4, 2, 29],
        )[0]
        getattr(self, f"do_{action}")()

    def do_field(self, stale: bool = False) -> None:
        # Mostly the first young people, so that PCs meet on the same field now and then.
        ids = self.youth_ids()
        youth_id = self.rng.choice(ids[:2] if self.rng.random() < 0.6 else ids)
        name = self.rng.choice(YOUTH_FIELDS)
        value = self.unique(name)
        base = self.dossiers.get(youth_id).revision
        if stale:  # an editor left open while a sync brought other PCs' changes in
            self.do_sync()
        seen = shown(self.ctx, "youth", youth_id, name, getattr(self.dossiers.get(youth_id), name))
        key = ["youth", youth_id, name]
        self.log.write(kind="intent", key=key, value=value)
        result = self.dossiers.save_fields(youth_id, {name: value}, base_revision=base)
        held = bool(result.conflicts)
        # A value kept beside another PC's (a conflict) dominates nothing it saw.
        self.log.write(kind="done", key=key, value=value, seen=[] if held else [[key, v] for v in seen], held=held)

    def do_stale_field(self) -> None:
        self.do_field(stale=True)

    def do_add_item(self) -> None:
        list_name = self.rng.choice(tuple(LISTS))
        title, fixed, _editable = LISTS[list_name]
        youth_id = self.rng.choice(self.youth_ids())
        text = self.unique(list_name)
        self.log.write(kind="intent", key=[list_name, None, title], value=text)
        item_id = self.dossiers.add_item(youth_id, list_name, {title: text, **fixed})
        self.log.write(kind="done", key=[list_name, item_id, title], value=text, seen=[])
        self.log.write(kind="done", key=[list_name, item_id, merge.EXISTS], value=True, seen=[])

    def _pick_item(self) -> tuple[str, str, str] | None:
        list_name = self.rng.choice(tuple(LISTS))
        youth_id = self.rng.choice(self.youth_ids())
        items = self.item_ids(list_name, youth_id)
        return (list_name, youth_id, self.rng.choice(items)) if items else None

    def _current(self, list_name: str, youth_id: str, item_id: str) -> Any:
        return next(i for i in getattr(self.dossiers.get(youth_id), list_name) if i.id == item_id)

    def do_edit_item(self) -> None:
        picked = self._pick_item()
        if picked is None:
            return self.do_add_item()
        list_name, youth_id, item_id = picked
        name = self.rng.choice(LISTS[list_name][2])
        value = self.unique(name)
        base = self.dossiers.get(youth_id).revision
        seen = shown(self.ctx, list_name, item_id, name, getattr(self._current(list_name, youth_id, item_id), name))
        key = [list_name, item_id, name]
        self.log.write(kind="intent", key=key, value=value)
        result = self.dossiers.save_item(youth_id, list_name, item_id, {name: value}, base_revision=base)
        held = bool(result.conflicts)
        self.log.write(kind="done", key=key, value=value, seen=[] if held else [[key, v] for v in seen], held=held)
        return None

    def do_delete_item(self) -> None:
        picked = self._pick_item()
        if picked is None:
            return None
        list_name, youth_id, item_id = picked
        title, _fixed, editable = LISTS[list_name]
        current = self._current(list_name, youth_id, item_id)
        seen: list[list[Any]] = [[[list_name, item_id, merge.EXISTS], v] for v in (True, False)]
        for name in (title, *editable):
            seen += [
                [[list_name, item_id, name], v]
                for v in shown(self.ctx, list_name, item_id, name, getattr(current, name))
            ]
        key = [list_name, item_id, merge.EXISTS]
        self.log.write(kind="intent", key=key, value=False)
        self.dossiers.delete_item(youth_id, list_name, item_id)
        self.log.write(kind="done", key=key, value=False, seen=seen)
        return None

    def do_resolve(self) -> None:
        with self.ctx.session() as session:
            open_ = [c for c in merge.conflicts(session) if c.field != merge.EXISTS]
        if not open_:
            return
        conflict = self.rng.choice(open_)
        index = self.rng.randrange(len(conflict.alternatives))
        key = [conflict.entity, conflict.entity_id, conflict.field]
        value = conflict.alternatives[index].value
        self.log.write(kind="intent", key=key, value=value)
        with self.ctx.session() as session:
            try:
                merge.resolve_conflict(session, conflict.key, index, self.ctx.actor)
            except merge.ConflictGone:
                return
        seen = [[key, a.value] for a in conflict.alternatives]
        self.log.write(kind="done", key=key, value=value, seen=seen, resolved=True)

    def do_new_youth(self) -> None:
        last = self.unique("Achternaam")
        self.log.write(kind="intent", key=["youth", None, "last_name"], value=last)
        youth_id = self.dossiers.create_youth(
            {"first_names": "Sam", "last_name": last, "birth_date": dt.date(2008, 5, 1), "city": "Utrecht"}
        )
        self.log.write(kind="done", key=["youth", youth_id, "last_name"], value=last, seen=[])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--pc", required=True)
    parser.add_argument("--role", choices=["school", "gemeente"], default="school")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    log = Log(args.log, args.pc)
    ctx = open_app(args.data_dir, secret_store=secret_store(args.data_dir))
    # One attempt per request on some runs: a fault then ends the sync half-way, as a lost network does.
    factory = client_factory(args.url, attempts=rng.choice((1, 2)))
    sync = SyncService(ctx, client_factory=factory, tuning=SyncTuning(directory_refresh_seconds=0))
    sync.install_hooks()
    log.write(kind="start", seed=args.seed)
    if args.role == "gemeente":
        for _ in range(args.steps):
            report = sync.sync_and_count()
            log.write(kind="sync", ok=not report.errors)
            time.sleep(rng.uniform(0, 0.1))
    else:
        pc = SchoolPC(ctx, sync, rng, log, f"{args.pc}{args.seed}")
        for _ in range(args.steps):
            pc.step()
        pc.do_sync()
    log.write(kind="end")
    sync.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
