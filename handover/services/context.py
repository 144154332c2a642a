"""What every use case needs: the open workspace, who is acting, today's date, and change hooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from handover.store.workspace import Workspace

if TYPE_CHECKING:
    from handover.store.models import Youth

# Called inside the transaction that changed a dossier, after its revision was bumped.
# The sync engine registers one to write the outbox row in that same transaction.
ChangeHook = Callable[[Session, "Youth", str], None]


@dataclass
class AppContext:
    workspace: Workspace
    actor: str = "onbekend"
    clock: Callable[[], dt.date] = dt.date.today
    change_hooks: list[ChangeHook] = field(default_factory=list)

    def today(self) -> dt.date:
        return self.clock()

    def session(self) -> AbstractContextManager[Session]:
        return self.workspace.session()

    def close(self) -> None:
        self.workspace.close()
