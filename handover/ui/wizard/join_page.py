"""First run on a new pc of a school that already uses Overstap (issue 13): "Deze school gebruikt
Overstap al".

The role page gets that third choice; :class:`JoinPage` asks the server address, the one-time code
(made on a pc of the school: Instellingen, "Pc toevoegen…") and the user's name, and shows the
school's name and fingerprint to confirm before anything is registered. The wizard then asks the
data folder and key storage as usual; once the folder exists, :class:`JoinFlow` joins the school
(``SyncService.join``, accepting exactly the fingerprint that was on the screen) while the other pc
lets this one in, and the last page says when it did. Finishing waits for that (or for the user's
choice to go on without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from handover.services.context import AppContext
from handover.ui.dialogs import error_label, show_error
from handover.ui.enroll_dialog import fingerprint_label
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.wizard.pages import validity_field

if TYPE_CHECKING:
    from handover.sync.pairing import JoinOutcome, JoinPreview

JOIN_TIMEOUT_S = 600.0  # how long the new pc waits for the other pc to let it in, per try


def problem_text(prefix: str, exc: BaseException) -> str:
    from handover.sync.client import SyncError
    from handover.sync.errors import SyncUsageError

    if isinstance(exc, SyncUsageError | SyncError):
        return f"{prefix} {exc}"
    return failure_text(prefix, exc)


def preview(server_url: str, code: str) -> JoinPreview:
    """On the network thread: which school the code belongs to, and its fingerprint (registers nothing)."""
    from handover.sync.client import SyncClient, require_secure_url
    from handover.sync.pairing import preview_join

    client = SyncClient(require_secure_url(server_url))
    try:
        return preview_join(client, code)
    finally:
        client.close()


class JoinPage(QWizardPage):
    """Server address, code and name; then the school and its fingerprint, confirmed with a tick."""

    def __init__(self, wizard: Any) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.preview: JoinPreview | None = None
        self._previewed_for: tuple[str, str] | None = None
        self.setTitle(self.tr("Deze pc toevoegen aan uw school"))
        self.setSubTitle(
            self.tr(
                "Maak op een pc waar Overstap al op staat een eenmalige code: Instellingen, 'Pc toevoegen…'. "
                "Vul die hier in, met het adres van de server en uw naam."
            )
        )
        self.server = QLineEdit()
        self.server.setObjectName("joinServer")
        self.server.setPlaceholderText("https://overstap.gemeente.nl:8443")
        self.server.setAccessibleName(self.tr("Adres van de server"))
        self.code = QLineEdit()
        self.code.setObjectName("joinCode")
        self.code.setAccessibleName(self.tr("Eenmalige code"))
        self.user = QLineEdit()
        self.user.setObjectName("joinUser")
        self.user.setAccessibleName(self.tr("Uw naam"))
        self.role = QComboBox()  # "Rol op deze pc" (Instellingen): a mentor's Jongeren opens on their own
        self.role.setObjectName("joinRole")
        self.role.setAccessibleName(self.tr("Rol op deze pc"))
        self.role.addItem(self.tr("Mentor: eerst alleen mijn jongeren"), "mentor")
        self.role.addItem(self.tr("Coördinator: alle jongeren"), "coordinator")
        self.check_button = QPushButton(self.tr("Controleren"))
        self.check_button.setObjectName("joinCheck")
        self.check_button.clicked.connect(self.check)
        self.message = error_label()
        self.school = QLabel()
        self.school.setObjectName("joinSchool")
        self.school.setWordWrap(True)
        self.fingerprint = fingerprint_label("")
        self.fingerprint.setObjectName("joinFingerprint")
        self.fingerprint.hide()
        self.compare = QLabel(
            self.tr(
                "Staat op de andere pc dezelfde vingerafdruk (in het venster 'Pc toevoegen', of onder Help, "
                "'Over deze installatie')? Alleen dan hoort deze code echt bij uw school."
            )
        )
        self.compare.setWordWrap(True)
        self.compare.hide()
        self.confirm = QCheckBox(self.tr("Ja, dit is onze school en de vingerafdruk is gelijk"))
        self.confirm.setObjectName("joinConfirm")
        self.confirm.hide()
        self.confirm.toggled.connect(self._revalidate)
        form = QFormLayout()
        form.addRow(self.tr("Adres van de server"), self.server)
        form.addRow(self.tr("Eenmalige code"), self.code)
        form.addRow(self.tr("Uw naam"), self.user)
        form.addRow(self.tr("Rol op deze pc"), self.role)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.school)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.compare)
        layout.addWidget(self.confirm)
        layout.addStretch(1)
        self.valid = validity_field(self, "joinValid")
        for edit in (self.server, self.code, self.user):
            edit.textChanged.connect(self._revalidate)

    def inputs(self) -> tuple[str, str, str]:
        return self.server.text().strip(), self.code.text().strip(), " ".join(self.user.text().split())

    def check(self) -> None:
        url, code, user = self.inputs()
        if not url or not code or not user:
            show_error(self.message, self.tr("Vul het adres van de server, de code en uw naam in."))
            return
        show_error(self.message, None)
        self.check_button.setEnabled(False)
        self.school.setText(self.tr("Bezig met controleren…"))
        self._wizard.runner.run_network(
            lambda: preview(url, code),
            alive(self, lambda p: self._previewed(url, code, p)),
            alive(self, self._failed),
        )

    def _previewed(self, url: str, code: str, found: JoinPreview) -> None:
        self.check_button.setEnabled(True)
        self.preview = found
        self._previewed_for = (url, code)
        self.school.setText(
            self.tr("De code hoort bij <b>%1</b>. Vingerafdruk van de school:").replace("%1", found.org_name)
        )
        self.fingerprint.setText(found.fingerprint)
        for widget in (self.fingerprint, self.compare, self.confirm):
            widget.show()
        self.confirm.setChecked(False)
        self.confirm.setFocus()
        self._revalidate()

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.school.setText("")
        show_error(self.message, problem_text(self.tr("De code kon niet worden gecontroleerd."), exc))

    def is_valid(self) -> bool:
        url, code, user = self.inputs()
        return (
            self.preview is not None and self._previewed_for == (url, code) and bool(user) and self.confirm.isChecked()
        )

    def _revalidate(self, *_args: Any) -> None:
        if self.preview is not None and self._previewed_for != self.inputs()[:2]:
            self.confirm.setChecked(False)  # another code or server: check again
        self.valid.setChecked(self.is_valid())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        # The school's name and this user go where the wizard reads them when it creates the folder.
        assert self.preview is not None
        self._wizard.org_page.org_name.setText(self.preview.org_name)
        self._wizard.org_page.user_name.setText(self.inputs()[2])
        self._wizard.org_page.brin.clear()
        return True


class JoinFlow:
    """The wizard's join mode: the third choice on the role page, the page, and the join itself on the
    last page once the data folder exists."""

    def __init__(self, wizard: Any, page_id: int, *, after: int, then: int) -> None:
        """``page_id``: the join page's id; it comes after page ``after`` (the role page) and goes on
        to page ``then`` (the data folder)."""
        self.wizard = wizard
        self.page_id, self.after, self.then = page_id, after, then
        self.outcome: JoinOutcome | None = None
        self.choice = QRadioButton(
            QCoreApplication.translate("JoinPage", "Deze school gebruikt Overstap al: deze pc toevoegen")
        )
        self.choice.setObjectName("roleJoin")
        role = wizard.role_page
        role.school.group().addButton(self.choice)
        role_layout = role.layout()
        role_layout.insertWidget(role_layout.indexOf(role.gemeente), self.choice)
        self.page = JoinPage(wizard)
        wizard.setPage(page_id, self.page)
        recovery = wizard.recovery_page
        self.status = QLabel()
        self.status.setObjectName("joinStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.retry = QPushButton(QCoreApplication.translate("JoinPage", "Opnieuw proberen"))
        self.retry.setObjectName("joinRetry")
        self.retry.clicked.connect(self._start)
        self.later = QPushButton(QCoreApplication.translate("JoinPage", "Later koppelen"))
        self.later.setObjectName("joinLater")
        self.later.setToolTip(
            QCoreApplication.translate(
                "JoinPage", "Afronden zonder de jongeren van de school; koppelen kan later met een nieuwe code."
            )
        )
        self.later.clicked.connect(self._go_on_without)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.retry)
        row.addWidget(self.later)
        row.addStretch(1)
        self.buttons = buttons
        buttons.hide()
        recovery.layout().insertWidget(0, self.status)
        recovery.layout().insertWidget(1, buttons)
        self.saved = recovery.saved  # "Ik heb de herstelcode bewaard": in join mode only after the join
        self.ctx: AppContext | None = None

    @property
    def joining(self) -> bool:
        return self.choice.isChecked()

    def next_id(self, current: int, default: int) -> int:
        """The page after ``current``: the join page after the role page in join mode, then the folder."""
        if current == self.after and self.joining:
            return self.page_id
        if current == self.page_id:
            return self.then
        return -1 if default == self.page_id else default  # the last page (its id is below the join page's)

    def created(self, ctx: AppContext) -> None:
        """The data folder exists: join now (in join mode), else there is nothing to wait for."""
        self.ctx = ctx
        if self.joining:
            self.saved.setEnabled(False)  # Klaar waits for the join (or "Later koppelen")
            self._start()

    def _start(self) -> None:
        ctx = self.ctx
        preview_ = self.page.preview
        if ctx is None or preview_ is None:
            return
        url, code, user = self.page.inputs()
        seen, role = preview_.fingerprint, str(self.page.role.currentData())
        self.buttons.hide()
        self.status.show()
        self.status.setText(
            QCoreApplication.translate(
                "JoinPage",
                "Bezig met koppelen aan %1. Laat op de andere pc het venster 'Pc toevoegen' open staan: die pc "
                "controleert de code en geeft dan de sleutels van de school door.",
            ).replace("%1", preview_.org_name)
        )

        def join() -> JoinOutcome:
            from handover.services.settings import set_setting
            from handover.sync.service import SyncService

            with ctx.session() as session:  # the role on this pc, and the name "mijn jongeren" looks for
                set_setting(session, "pc_role", role)
            service = SyncService(ctx)
            try:
                # Only the fingerprint that was on the screen is accepted.
                return service.join(url, code, user, confirm=lambda p: p.fingerprint == seen, timeout=JOIN_TIMEOUT_S)
            finally:
                service.close()

        self.wizard.runner.run_network(join, alive(self.wizard, self._joined), alive(self.wizard, self._failed))

    def _joined(self, outcome: JoinOutcome) -> None:
        self.outcome = outcome
        self.status.setText(
            QCoreApplication.translate(
                "JoinPage",
                "Deze pc hoort nu bij %1. De jongeren van de school komen binnen bij de eerste synchronisatie, "
                "na het afronden.",
            ).replace("%1", outcome.org_name)
        )
        self.saved.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(problem_text(QCoreApplication.translate("JoinPage", "Koppelen is niet gelukt."), exc))
        self.buttons.show()

    def _go_on_without(self) -> None:
        self.status.setText(
            QCoreApplication.translate(
                "JoinPage",
                "Niet gekoppeld. Deze pc werkt nu op zichzelf, zonder de jongeren van de school. Koppelen kan "
                "later met een nieuwe code van de andere pc ('handover join' op de opdrachtregel).",
            )
        )
        self.buttons.hide()
        self.saved.setEnabled(True)
