#!/usr/bin/env bash
# Build the frozen app on Linux with the same spec as Windows: the smoke test of the spec.
#   packaging/build_linux.sh            -> dist/Overstap/{Overstap,handover}
# Uses .venv in the repository root (created if missing) and installs ".[dev]" (PyInstaller).
# Then run: .venv/bin/python packaging/smoke_test.py
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [ ! -x "$PY" ]; then
  python3 -m venv .venv
fi
if ! "$PY" -c "import PyInstaller, handover" 2>/dev/null; then
  "$PY" -m pip install -q -e ".[dev]"
fi
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/overstap.spec
echo "Gebouwd in $(( $(date +%s) - started )) s: dist/Overstap ($(du -sh dist/Overstap | cut -f1))"
