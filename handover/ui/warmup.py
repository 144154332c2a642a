"""What the app imports on a read thread once its window is usable (issue 14: paint first, heavy layers after)."""

from __future__ import annotations


def import_heavier_layers() -> None:
    """The layers the first sync (a second after the start) and the first dossier need, so the GUI thread
    does not stop to import them then (the sync engine alone is ~0.3-0.5 s of imports). Only modules
    without Qt: widgets are imported on the GUI thread, on first use."""
    import handover.services.checkins  # noqa: F401
    import handover.services.closing  # noqa: F401
    import handover.sync.service  # noqa: F401
