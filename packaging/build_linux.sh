#!/usr/bin/env bash
# Build the frozen app on Linux with the same spec as Windows: the smoke test of the spec.
#   packaging/build_linux.sh              -> dist/Overstap/{Overstap,handover}, from the working tree
#   packaging/build_linux.sh --from-head  -> the same, from a clean checkout of HEAD (committed code only)
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
SRC=.
WORKTREE=build/head-src
cleanup() {
  if [ "$SRC" != "." ]; then
    git worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"
    git worktree prune
  fi
}
trap cleanup EXIT
if [ "${1:-}" = "--from-head" ]; then
  # The spec takes the package, db/ and resources/ from beside itself, so a clean checkout of HEAD
  # proves what is committed, whatever else lies uncommitted in the working tree.
  SRC=$WORKTREE
  git worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"
  git worktree prune
  git worktree add --detach "$WORKTREE" HEAD >/dev/null
  echo "Bouwen vanaf $(git rev-parse --short HEAD) (schone checkout)"
fi
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller "$SRC/packaging/overstap.spec"
echo "Gebouwd in $(( $(date +%s) - started )) s: dist/Overstap ($(du -sh dist/Overstap | cut -f1))"
