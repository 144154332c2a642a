"""Start the frozen build like a user would and prove it is complete. Exit code 0 means: it really starts.

    packaging/build_linux.sh && .venv/bin/python packaging/smoke_test.py        (Linux, offscreen)
    .venv\\Scripts\\python packaging\\smoke_test.py                              (Windows, after the build)

Every step runs the bundled executable (never the source tree) in a fresh temporary folder, with
Qt offscreen and a passphrase-mode data folder (HANDOVER_PASSPHRASE), so no keychain is touched:

 1. ``--selfcheck``: schema scripts, fonts, translations (.qm loaded by QTranslator), icon, Qt
    platform + print plugins, a ReportLab PDF rendered by QtPdf, QPrinter.
 2. ``--version`` a few times: the frozen start-up time of the interpreter and the CLI.
 3. ``demo --youths 50``: creates the encrypted database, i.e. runs every Alembic migration.
 4. ``list``: reads it back; 50 rows.
 5. the GUI (``gui`` with HANDOVER_GUI_EXIT_WHEN_READY=1): the main window is shown with its list
    loaded, then closes itself; the time from process start to that moment is the cold start.
 6. ``print --youth ID --out dossier.pdf``: a dossier PDF with the embedded font; its text is checked.
 7. ``audit verify``: the audit chain written by the steps above is intact.
 8. the windowed ``Overstap`` executable (no console on Windows) opens the folder, closes itself and
    leaves a start line in ``gegevens/logs/overstap.log`` (without names).
 9. portable mode: ``portable.txt`` beside the executable puts the data in ``gegevens/`` beside it and
    refuses to start without a passphrase (removed again afterwards).
10. keychain mode (Linux, when ``dbus-run-session`` and ``gnome-keyring-daemon`` are installed): a
    throwaway Secret Service in a private D-Bus session; the bundle must find it through keyring's
    entry points, keep the database key there and read it back. On Windows, ``--selfcheck`` (step 1)
    does the same round trip with Credential Manager.

Prints the bundle size and the timings. Options: ``--dist DIR`` (default dist/Overstap), ``--skip-gui``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "smoke-test-wachtwoord-2026"
READY_MARKER = "OVERSTAP_READY"


class SmokeFailure(Exception):
    pass


def folder_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
            files += 1
    return total, files


class Runner:
    def __init__(self, exe: Path, work: Path) -> None:
        self.exe = exe
        self.work = work
        self.last_cpu = 0.0
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "HANDOVER_", "VIRTUAL_ENV", "QT_"))
        }
        self.env.update(
            {"QT_QPA_PLATFORM": "offscreen", "HANDOVER_PASSPHRASE": PASSPHRASE, "PYTHONIOENCODING": "utf-8"}
        )
        # Keep the user's own settings and caches out of it: a fresh home for this run.
        home = work / "home"
        home.mkdir()
        self.env.update(
            {
                "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_CACHE_HOME": str(home / ".cache"),
                "XDG_DATA_HOME": str(home / ".local/share"),
            }
        )
        if sys.platform == "win32":
            self.env.update({"APPDATA": str(home / "Roaming"), "LOCALAPPDATA": str(home / "Local")})

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        expect: int = 0,
        timeout: float = 120,
        source: bool = False,
        exe: Path | None = None,
    ) -> tuple[subprocess.CompletedProcess[str], float]:
        """Run the frozen executable (or, for a baseline, the same command from the source tree)."""
        command = [sys.executable, "-m", "handover"] if source else [str(exe or self.exe)]
        cpu_before = child_cpu_seconds()
        started = time.perf_counter()
        proc = subprocess.run(
            [*command, *args],
            cwd=self.work,
            env=env or self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
        self.last_cpu = child_cpu_seconds() - cpu_before
        if proc.returncode != expect:
            raise SmokeFailure(
                f"{' '.join(args)}: exit {proc.returncode}, expected {expect}\n"
                f"--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"
            )
        return proc, elapsed


def child_cpu_seconds() -> float:
    """CPU time (user + system) used by finished child processes: steadier than wall time on a busy machine."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


EMPTY_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
QTimer.singleShot(0, lambda: (print("READY", time.time(), flush=True), app.quit()))
app.exec()
"""


def empty_window_start(runner: Runner) -> float:
    """Baseline: the same Python and Qt showing an empty window (what no app can beat)."""
    started = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", EMPTY_WINDOW],
        cwd=runner.work,
        env=runner.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    ready = [line for line in proc.stdout.splitlines() if line.startswith("READY")]
    assert ready, proc.stderr[-1000:]
    return float(ready[0].split()[1]) - started


def can_drop_page_cache() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0 and os.access("/proc/sys/vm/drop_caches", os.W_OK)


def drop_page_cache() -> bool:
    """Linux as root: empty the page cache so the next start reads the bundle from disk (a real cold start)."""
    target = Path("/proc/sys/vm/drop_caches")
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    try:
        os.sync()
        target.write_text("3\n")
    except OSError:
        return False
    return True


def pdf_text(path: Path) -> str | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "Overstap")
    parser.add_argument("--skip-gui", action="store_true", help="only when the GUI is not built yet")
    parser.add_argument("--no-baseline", action="store_true", help="skip the source-tree start-up baseline")
    args = parser.parse_args(argv)

    dist = args.dist.resolve()
    exe = dist / ("handover.exe" if sys.platform == "win32" else "handover")
    if not exe.exists():
        print(f"Geen build gevonden: {exe}. Draai eerst packaging/build_linux.sh.", file=sys.stderr)
        return 2
    size, files = folder_size(dist)
    report: list[str] = [f"bundel: {dist}", f"grootte: {size / 2**20:.0f} MiB in {files} bestanden"]
    results: list[tuple[str, bool, str]] = []

    def step(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        try:
            detail = fn() or ""
        except (SmokeFailure, subprocess.TimeoutExpired, AssertionError) as exc:
            results.append((name, False, str(exc)))
            print(f"FOUT  {name}: {exc}", flush=True)
        else:
            results.append((name, True, detail))
            print(f"OK    {name} {detail}", flush=True)

    with tempfile.TemporaryDirectory(prefix="overstap-smoke-") as tmp:
        work = Path(tmp)
        runner = Runner(exe, work)
        data = work / "gegevens"
        state: dict[str, str] = {}
        cpu: list[float] = []

        def selfcheck() -> str:
            proc, elapsed = runner.run("--selfcheck")
            assert "ZELFTEST GESLAAGD" in proc.stdout, proc.stdout
            state["selfcheck"] = proc.stdout
            return f"({elapsed:.2f} s)"

        def version() -> str:
            times, source = [], []
            for _ in range(5):
                proc, elapsed = runner.run("--version")
                times.append(elapsed)
                if not args.no_baseline:
                    source.append(runner.run("--version", source=True)[1])
            assert "Overstap" in proc.stdout, proc.stdout
            line = f"start '--version': bevroren mediaan {statistics.median(times):.2f} s"
            if source:
                line += f", uit de broncode {statistics.median(source):.2f} s"
            report.append(line)
            return proc.stdout.strip()

        def demo() -> str:
            proc, elapsed = runner.run("--data-dir", str(data), "demo", "--youths", "50")
            assert "50 demojongeren" in proc.stdout, proc.stdout
            assert (data / "geheimen.enc").exists(), "geen wachtwoordmodus"
            report.append(f"demo --youths 50: {elapsed:.2f} s")
            return f"({elapsed:.2f} s)"

        def listing() -> str:
            proc, elapsed = runner.run("--data-dir", str(data), "list")
            rows = [line for line in proc.stdout.splitlines() if line.strip()]
            assert len(rows) == 50, f"{len(rows)} regels"
            state["youth"] = rows[0].split()[0]
            state["name"] = rows[0][10:42].strip()
            return f"(50 regels, {elapsed:.2f} s)"

        def gui_start(source: bool = False) -> float:
            """Seconds from process start until the main window reports itself usable (list loaded)."""
            env = dict(runner.env, HANDOVER_GUI_EXIT_WHEN_READY="1")
            folder = data
            if source:
                # Its own copy: the source tree may hold a newer migration than the build, and a data
                # folder migrated by it is (rightly) refused by the older frozen app afterwards.
                folder = work / "gegevens-bron"
                if not folder.exists():
                    shutil.copytree(data, folder)
            started = time.time()
            proc, _ = runner.run("--data-dir", str(folder), "gui", env=env, timeout=180, source=source)
            marker = [line for line in proc.stdout.splitlines() if line.startswith(READY_MARKER)]
            assert marker, f"hoofdvenster niet klaar gemeld\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
            cpu.append(runner.last_cpu)
            return float(marker[0].split()[1]) - started

        def gui() -> str:
            cold_runs = []
            for _ in range(3 if can_drop_page_cache() else 1):
                cold = drop_page_cache()
                cold_runs.append(gui_start())
            first = statistics.median(cold_runs)
            warm, source, warm_cpu, source_cpu = [], [], [], []
            for _ in range(5):  # interleaved, so machine load hits both alike
                warm.append(gui_start())
                warm_cpu.append(cpu[-1])
                if not args.no_baseline:
                    source.append(gui_start(source=True))
                    source_cpu.append(cpu[-1])
            how = (
                f"mediaan van {len(cold_runs)}, paginacache telkens geleegd"
                if cold
                else "eerste start, paginacache niet geleegd"
            )
            line = (
                f"GUI start tot bruikbaar hoofdvenster (50 jongeren, wachtwoordmodus): koud {first:.2f} s "
                f"({how}), "
                f"warm mediaan {statistics.median(warm):.2f} s"
            )
            if source:
                line += (
                    f"; uit de broncode (zelfde machine, zelfde moment) {statistics.median(source):.2f} s, "
                    f"verhouding bevroren/bron {statistics.median(warm) / statistics.median(source):.2f}"
                )
            if not args.no_baseline:
                empty = statistics.median(empty_window_start(runner) for _ in range(3))
                line += (
                    f"\n  leeg PySide6-venster uit de broncode (ondergrens): {empty:.2f} s, "
                    f"verhouding bevroren warm/leeg venster {statistics.median(warm) / empty:.1f}"
                )
            if any(warm_cpu):
                line += (
                    "\n  CPU-tijd van het hele proces (start, venster, afsluiten): "
                    f"bevroren {statistics.median(warm_cpu):.2f} s"
                )
                if source_cpu:
                    line += f", uit de broncode {statistics.median(source_cpu):.2f} s"
            report.append(line)
            return f"(hoofdvenster klaar na {first:.2f} s, koud)"

        def print_pdf() -> str:
            out = work / "dossier.pdf"
            proc, elapsed = runner.run("--data-dir", str(data), "print", "--youth", state["youth"], "--out", str(out))
            assert out.exists() and out.read_bytes()[:5] == b"%PDF-", "geen PDF"
            text = pdf_text(out)
            if text is not None:
                surname = state["name"].split()[-1]
                assert surname in text, f"{surname!r} niet in de PDF-tekst"
            raw = out.read_bytes()
            assert b"DejaVuSans" in raw, "lettertype niet ingebed"
            report.append(f"print één dossier: {elapsed:.2f} s, {len(raw) // 1024} KiB")
            return f"({out.stat().st_size // 1024} KiB, {elapsed:.2f} s)"

        def windowed() -> str:
            """The program the Start menu starts (Overstap.exe, no console): it opens and leaves a log line."""
            gui_exe = dist / ("Overstap.exe" if sys.platform == "win32" else "Overstap")
            log = data / "logs" / "overstap.log"
            before = log.read_text("utf-8").count(" gestart ") if log.exists() else 0
            env = dict(runner.env, HANDOVER_GUI_EXIT_WHEN_READY="1")
            runner.run("--data-dir", str(data), env=env, timeout=180, exe=gui_exe)
            assert log.exists(), f"geen logboek: {log}"
            text = log.read_text("utf-8")
            assert text.count(" gestart ") == before + 1, text[-2000:]
            assert state.get("name", "-") not in text, "een naam in het logboek"
            return f"(logboek {log.relative_to(work)})"

        def audit() -> str:
            proc, _ = runner.run("--data-dir", str(data), "audit", "verify")
            assert "in orde" in proc.stdout, proc.stdout
            return ""

        def portable() -> str:
            marker = dist / "portable.txt"
            beside = dist / "gegevens"
            if marker.exists() or beside.exists():
                raise SmokeFailure(f"{marker} of {beside} bestaat al; niet aangeraakt")
            marker.write_text("Overstap draagbaar (smoke test)\n", "utf-8")
            try:
                no_pass = {k: v for k, v in runner.env.items() if k != "HANDOVER_PASSPHRASE"}
                proc, _ = runner.run("demo", "--youths", "3", env=no_pass, expect=2)
                assert "wachtwoord" in proc.stderr.lower(), proc.stderr
                assert not (beside / "overstap.db").exists(), "zonder wachtwoord toch gegevens gemaakt"
                runner.run("demo", "--youths", "3")
                assert (beside / "overstap.db").exists() and (beside / "geheimen.enc").exists(), (
                    "gegevens niet naast het programma"
                )
                proc, _ = runner.run("--selfcheck")
                assert "draagbaar (portable.txt): ja" in proc.stdout, proc.stdout
                if not args.skip_gui:  # the app itself, without --data-dir, opens the folder on the stick
                    proc, _ = runner.run("gui", env=dict(runner.env, HANDOVER_GUI_EXIT_WHEN_READY="1"))
                    assert READY_MARKER in proc.stdout, proc.stdout + proc.stderr
            finally:
                marker.unlink(missing_ok=True)
                shutil.rmtree(beside, ignore_errors=True)
            return "(gegevens naast het programma, alleen met wachtwoord; de app opent ze)"

        def keychain() -> str:
            """Keychain mode against a throwaway Secret Service (Linux): the analogue of Credential Manager."""
            folder = work / "sleutelbos"
            script = (
                "printf smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 && "
                '"$0" --data-dir "$1" demo --youths 3 && "$0" --data-dir "$1" list && "$0" --selfcheck'
            )
            no_pass = {k: v for k, v in runner.env.items() if k != "HANDOVER_PASSPHRASE"}
            proc = subprocess.run(
                ["dbus-run-session", "--", "sh", "-c", script, str(exe), str(folder)],
                cwd=work,
                env=no_pass,
                capture_output=True,
                text=True,
                timeout=180,
                stdin=subprocess.DEVNULL,
            )
            assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
            assert '"secret_store": "keyring"' in (folder / "werkplek.json").read_text("utf-8")
            assert not (folder / "geheimen.enc").exists(), "toch een wachtwoordbestand"
            assert "sleutelopslag test: sleutelopslag werkt" in proc.stdout, proc.stdout
            return "(Secret Service gekozen via de meegebundelde entry points; sleutel bewaard en teruggelezen)"

        step("zelftest (schema, lettertypen, vertalingen, Qt-plugins, PDF)", selfcheck)
        step("--version", version)
        step("demo --youths 50 (migraties)", demo)
        step("list", listing)
        if args.skip_gui:
            results.append(("GUI", False, "overgeslagen (--skip-gui)"))
        else:
            step("GUI: hoofdvenster geopend en gesloten", gui)
            step("Overstap (vensterprogramma, zonder console) start en schrijft het logboek", windowed)
        if "youth" in state:
            step("print één dossier als PDF", print_pdf)
        step("audit verify", audit)
        step("draagbare modus", portable)
        if sys.platform == "linux" and shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
            step("sleutelopslag van het systeem", keychain)
        else:
            print(
                "OVERGESLAGEN  sleutelopslag van het systeem: dbus-run-session en gnome-keyring-daemon "
                "ontbreken (apt-get install dbus gnome-keyring); op Windows test --selfcheck Referentiebeheer"
            )

    print()
    for line in report:
        print(line)
    if state.get("selfcheck"):
        print("zelftest:\n  " + "\n  ".join(state["selfcheck"].strip().splitlines()))
    failed = [name for name, ok, _ in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
