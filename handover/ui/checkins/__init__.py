"""Contactmomenten of one young person: timeline, 'contactmoment vastleggen', extra contactmoment."""

from handover.ui.checkins.dialogs import PlanExtraDialog, RecordCheckInDialog
from handover.ui.checkins.panel import CheckInsPanel

__all__ = ["CheckInsPanel", "PlanExtraDialog", "RecordCheckInDialog"]
