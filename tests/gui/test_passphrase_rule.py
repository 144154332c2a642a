"""The one passphrase rule in the GUI: the wizard and the recovery dialog refuse what the command line refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from handover.secrets import PASSPHRASE_RULE, SecretStoreError, passphrase_problem
from handover.ui.dialogs import RecoveryDialog
from handover.ui.wizard.pages import KeyStoragePage

CASES = ["kort", "elf tekens!", "a b c d", "ik ga nu op", "twaalftekens", "fiets paraplu molen"]


@pytest.mark.parametrize("passphrase", CASES)
def test_wizard_key_page_follows_the_shared_rule(qtbot, passphrase: str) -> None:
    page = KeyStoragePage(keyring_available=False)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClicks(page.passphrase_again, passphrase)
    if passphrase_problem(passphrase) is None:
        assert page.valid.isChecked() and page.message.isHidden()
    else:
        assert not page.valid.isChecked()
        assert page.message.text() == PASSPHRASE_RULE


@pytest.mark.parametrize("passphrase", CASES)
def test_recovery_dialog_follows_the_shared_rule(qtbot, runner, tmp_path: Path, passphrase: str) -> None:
    calls: list[tuple[str, str | None]] = []

    def recoverer(code: str, chosen: str | None):  # never reached for a refused passphrase
        calls.append((code, chosen))
        raise SecretStoreError("Herstelcode onbekend in deze test.")

    dialog = RecoveryDialog(tmp_path, runner, recoverer, ask_passphrase=True, reason="De sleutel ontbreekt.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "ABCDEF-GHIJKL")
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClicks(dialog.passphrase_again, passphrase)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    if passphrase_problem(passphrase) is None:
        # Wait for the background call's answer, so no callback reaches a closed dialog.
        qtbot.waitUntil(lambda: "onbekend in deze test" in dialog.message.text())
        assert calls == [("ABCDEF-GHIJKL", passphrase)]
    else:
        assert calls == [] and dialog.message.text() == PASSPHRASE_RULE
