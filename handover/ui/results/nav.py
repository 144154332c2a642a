"""The school's "Resultaten" entry in the main window: the page is built the first time it is shown
(QtCharts and the figures are not needed at start-up). It computes its figures each time it is shown
(in the background; the figures shown stay until the new ones arrive), so a check-in recorded in the
meantime counts, and on F5 (Beeld › Vernieuwen) while it is open."""

from __future__ import annotations

from typing import Any


def show_results(window: Any) -> None:
    """Show Resultaten in the main window's stack, building and loading it on first use."""
    page = getattr(window, "resultaten", None)
    if page is None:
        from handover.ui.results.resultaten import ResultatenPage

        page = ResultatenPage(window.ctx, window.runner, window)
        page.sync_service = lambda: window.sync.service if window.sync is not None else None
        page.figures_sent.connect(lambda _peildatum: window.sync_now())  # on their way now, not in minutes
        window.resultaten = page
        window.stack.addWidget(page)
        window.refresh_action.triggered.connect(lambda: _refresh_if_shown(window))
    window.stack.setCurrentWidget(page)
    if window._started and not page.loading:
        page.refresh()


def _refresh_if_shown(window: Any) -> None:
    page = window.resultaten
    if window.stack.currentWidget() is page and not page.loading:
        page.refresh()
