"""The shell's table models (the Jongeren list, the Afspraken list, the small Vandaag lists) and what they share.

- :mod:`.roles`: the one enum of item-data roles beyond Qt's (sort value, backing object);
- :mod:`.base`: the one table-model base (headers, sort role with raw values, object role);
- :mod:`.filtering`: the Jongeren list's search and filter engine, plain Python without Qt;
- :mod:`.youth`, :mod:`.agreements`, :mod:`.today`: the models of the three pages.

The names below stay importable from ``handover.ui.models`` for the pages and tests.
"""

from __future__ import annotations

from handover.ui.models.agreements import AgreementFilterProxyModel, AgreementTableModel
from handover.ui.models.base import TableModel
from handover.ui.models.filtering import ACTIVE, FilterColumns, PreparedYouth, YouthMatcher, collate, matching_records
from handover.ui.models.roles import OBJECT_ROLE, SORT_ROLE, Role
from handover.ui.models.today import TodayItem, TodayListModel
from handover.ui.models.youth import YouthFilterProxyModel, YouthTableModel

__all__ = [
    "ACTIVE",
    "OBJECT_ROLE",
    "SORT_ROLE",
    "AgreementFilterProxyModel",
    "AgreementTableModel",
    "FilterColumns",
    "PreparedYouth",
    "Role",
    "TableModel",
    "TodayItem",
    "TodayListModel",
    "YouthFilterProxyModel",
    "YouthMatcher",
    "YouthTableModel",
    "collate",
    "matching_records",
]
