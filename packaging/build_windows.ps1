<#
.SYNOPSIS
  Build Overstap for Windows: venv, tests, PyInstaller one-folder build, smoke test, Inno Setup installer.

.DESCRIPTION
  Run from any folder in PowerShell 5.1 or 7 on 64-bit Windows with Python 3.11+ and Inno Setup 6:

    powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1

  Output: dist\Overstap\ (Overstap.exe, handover.exe, _internal\) and
          dist\installer\Overstap-Setup-<version>.exe

.PARAMETER SkipTests
  Do not run the test suite first (the smoke test of the frozen build always runs).

.PARAMETER Python
  The Python launcher command used to create the venv (default: "py -3.11").
#>
param(
    [switch]$SkipTests,
    [string]$Python = "py -3.11"
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# 1. venv with the app and the dev tools (PyInstaller)
$VenvPython = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    $launcher = $Python.Split(" ")
    $launcherArgs = @()
    if ($launcher.Length -gt 1) { $launcherArgs = $launcher[1..($launcher.Length - 1)] }
    Invoke-Checked $launcher[0] ($launcherArgs + @("-m", "venv", ".venv"))
}
Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", "-e", ".[dev]")

$env:QT_QPA_PLATFORM = "offscreen"
# UTF-8 mode for every Python this script starts (tests, PyInstaller, smoke test): names like
# Turkish or Vietnamese letters in redirected output must not depend on the runner's code page.
$env:PYTHONUTF8 = "1"

# 2. tests (the same command as CI on Linux)
if (-not $SkipTests) {
    Invoke-Checked $VenvPython @("-m", "pytest", "-q")
}

# 3. the frozen build
$Version = & $VenvPython -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "could not read the version from pyproject.toml" }
$Version = $Version.Trim()
Write-Host "Overstap $Version bouwen"
Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\overstap.spec")

# 4. start the frozen build: self-check, demo data, list, main window, print, audit, portable mode
Invoke-Checked $VenvPython @("packaging\smoke_test.py", "--dist", "dist\Overstap", "--no-baseline")

# 5. the installer
$IsccCommand = Get-Command iscc.exe -ErrorAction SilentlyContinue
$Iscc = $null
if ($IsccCommand) { $Iscc = $IsccCommand.Source }
if (-not $Iscc) {
    $candidates = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found; install it (winget install JRSoftware.InnoSetup)" }
$FileVersion = $Version -replace '[^0-9.].*$', ''
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DFileVersion=$FileVersion", "packaging\overstap.iss")

$Setup = Join-Path $Root "dist\installer\Overstap-Setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "installer not found: $Setup" }
$SizeMb = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "Klaar: $Setup ($SizeMb MB)"
