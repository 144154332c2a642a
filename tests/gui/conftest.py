"""GUI fixtures: a task runner, the real main window, and a 10,000-person demo set built once.

The 10,000-person set takes about a minute to build, so it is built once per session and kept in
pytest's cache folder (keyed by the code that shapes it); each session works on a copy.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt settings (the language mirror) and the compiled translations go to a throwaway folder,
# never into the user's profile.
_PROFILE = Path(tempfile.mkdtemp(prefix="overstap-gui-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_PROFILE / "config")
os.environ["XDG_CACHE_HOME"] = str(_PROFILE / "cache")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_PROFILE / "config"))

from handover.services.context import AppContext  # noqa: E402
from handover.ui.tasks import TaskRunner  # noqa: E402
from tests.conftest import FIXED_TODAY  # noqa: E402

BIG_SET = 10_000
BIG_SET_PASSPHRASE = "testwachtwoord-10k"
ROOT = Path(__file__).resolve().parents[2]
# A change to any of these can change the demo set: the cache key follows their content.
SHAPING_FILES = (
    "handover/services/demo.py",
    "handover/services/demo_data.py",
    "handover/services/checkins.py",
    "handover/store/models.py",
    "handover/domain/rules.py",
    "handover/domain/fields.py",
)


@pytest.fixture(scope="session", autouse=True)
def _throwaway_profile() -> Iterator[None]:
    yield
    shutil.rmtree(_PROFILE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread() -> Iterator[None]:
    """Collect a test's cyclic garbage here, on the GUI thread, once the test is done.

    Otherwise the cyclic collector may run later on a worker thread (a long key derivation
    allocates enough to trigger it), and shiboken then deletes that test's Qt objects from a
    queued call in the main thread, after Qt already deleted them: a segmentation fault.
    """
    yield
    gc.collect()


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_idle()


def _shape_key() -> str:
    digest = hashlib.sha256(str(FIXED_TODAY).encode())
    for name in SHAPING_FILES:
        digest.update((ROOT / name).read_bytes())
    for path in sorted((ROOT / "db" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def big_demo_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the 10,000-person set is built: pytest's cache folder, or this session's temp folder.

    Under ``-p no:cacheprovider`` the config has no ``cache`` attribute at all (not None), so it is
    looked up with getattr; tests/gui/test_conftest_cache.py runs both branches in a subprocess.
    """
    cache_provider = getattr(request.config, "cache", None)
    if cache_provider is not None:
        return Path(cache_provider.mkdir(f"overstap-demo-{BIG_SET}-{_shape_key()}"))
    return tmp_path_factory.mktemp("demo10k-build")  # no cache: build it for this session only


@pytest.fixture(scope="session")
def big_demo_dir(big_demo_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the cached 10,000-person demo folder (passphrase mode, built on FIXED_TODAY)."""
    from handover.services.app import initialise
    from handover.services.demo import build_demo

    cache = big_demo_cache
    done = cache / "klaar.txt"
    if not done.exists():
        shutil.rmtree(cache / "gegevens", ignore_errors=True)
        ctx, _code = initialise(
            cache / "gegevens",
            org_name="Praktijkschool De Brug",
            user_name="Marieke de Jong",
            brin="12AB",
            recipient="Werk en Inkomen gemeente Utrecht",
            passphrase=BIG_SET_PASSPHRASE,
        )
        ctx.clock = lambda: FIXED_TODAY
        try:
            build_demo(ctx, BIG_SET, seed=11)
        finally:
            ctx.close()
        done.write_text("ok")
    copy = tmp_path_factory.mktemp("demo10k") / "gegevens"
    shutil.copytree(cache / "gegevens", copy)
    return copy


@pytest.fixture(scope="session")
def big_ctx(big_demo_dir: Path) -> Iterator[AppContext]:
    from handover.services.app import open_app

    context = open_app(big_demo_dir, passphrase=BIG_SET_PASSPHRASE)
    context.clock = lambda: FIXED_TODAY
    yield context
    context.close()


@pytest.fixture
def make_window(qtbot, runner) -> Callable[..., object]:
    """Build the real main window on a context, show it and wait until its list has loaded."""
    from handover.ui.dialogs import load_settings
    from handover.ui.main_window import MainWindow

    def make(ctx: AppContext, *, wait_vandaag: bool = False, page: int | None = None) -> MainWindow:
        window = MainWindow(ctx, runner, settings=load_settings(ctx))
        qtbot.addWidget(window)
        if page is not None:
            window.show_page(page)  # pages load their data when shown: only the list and this page
        window.show()
        signals = [window.youth_list_loaded] + ([window.vandaag.loaded] if wait_vandaag else [])
        with qtbot.waitSignals(signals, timeout=60_000):
            window.load()
        return window

    return make
