"""Alembic environment for the client database.

The app runs migrations itself on open (handover.store.migrate), passing its SQLCipher
connection in ``config.attributes["connection"]``. For developing revisions on a plain SQLite
file: ``alembic -c db/alembic.ini -x url=sqlite:///dev.db revision --autogenerate -m "..."``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from handover.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    # A developer's `alembic revision --autogenerate`: the sync engine's tables share Base's metadata but
    # live in handover.sync.models; without this import autogenerate would write a revision dropping them.
    # (The app's own path above needs no models: the revisions alone decide.)
    import handover.store.closing  # noqa: F401
    import handover.store.merge  # noqa: F401
    import handover.store.outcomes  # noqa: F401
    import handover.sync.models  # noqa: F401

    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///dev.db")
    with create_engine(url).connect() as conn:
        run_with(conn)
