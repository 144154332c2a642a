"""First run: role, organisation, your name, where the data lives, key storage, and the herstelcode.

- :mod:`.pages`: the questions (one wizard page each);
- :mod:`.first_run`: the wizard, which creates the data folder, and its herstelcode page.
"""

from handover.ui.wizard.first_run import (
    PAGE_FOLDER,
    PAGE_KEYS,
    PAGE_ORGANISATION,
    PAGE_RECOVERY,
    PAGE_ROLE,
    FirstRunWizard,
    RecoveryPage,
)

__all__ = [
    "PAGE_FOLDER",
    "PAGE_KEYS",
    "PAGE_ORGANISATION",
    "PAGE_RECOVERY",
    "PAGE_ROLE",
    "FirstRunWizard",
    "RecoveryPage",
]
