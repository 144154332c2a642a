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

.PARAMETER SignThumbprint
  SHA-1 thumbprint of a code-signing certificate in the certificate store (default: the environment
  variable OVERSTAP_SIGN_THUMBPRINT). When set, Overstap.exe, handover.exe, the installer and its
  uninstaller are signed with signtool (AppLocker at managed schools blocks unsigned programs in
  %LOCALAPPDATA%). Without it the build is unsigned and says so.

.PARAMETER TimestampUrl
  RFC 3161 time-stamp server for the signatures (default: http://timestamp.digicert.com).
#>
param(
    [switch]$SkipTests,
    [string]$Python = "py -3.11",
    [string]$SignThumbprint = $env:OVERSTAP_SIGN_THUMBPRINT,
    [string]$TimestampUrl = "http://timestamp.digicert.com"
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
# From the lock file (every package checked against its hash), then Overstap itself without resolving again.
Invoke-Checked $VenvPython @("-m", "pip", "install", "--require-hashes", "-r", "requirements\build.txt")
Invoke-Checked $VenvPython @("-m", "pip", "install", "--no-deps", "-e", ".")

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

# Signing (optional): signtool from PATH or the newest Windows SDK.
$SignTool = $null
if ($SignThumbprint) {
    $SignToolCommand = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($SignToolCommand) { $SignTool = $SignToolCommand.Source }
    if (-not $SignTool) {
        $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $SignTool) { throw "signtool.exe not found; install the Windows SDK or unset OVERSTAP_SIGN_THUMBPRINT" }
    $SignArgs = @("sign", "/sha1", $SignThumbprint, "/fd", "sha256", "/tr", $TimestampUrl, "/td", "sha256")
    # Both programs, before the smoke test, so the smoke test runs the signed files.
    Invoke-Checked $SignTool ($SignArgs + @("dist\Overstap\Overstap.exe", "dist\Overstap\handover.exe"))
} else {
    Write-Host "Niet ondertekend: geen certificaat ingesteld (OVERSTAP_SIGN_THUMBPRINT of -SignThumbprint)."
}

# 4. start the frozen build: self-check, demo data, list, main window, print, audit, portable mode
Invoke-Checked $VenvPython @("packaging\smoke_test.py", "--dist", "dist\Overstap", "--no-baseline")

# Never pack data or the portable marker: a trial run of the portable version leaves both beside the exe.
foreach ($Leftover in @("dist\Overstap\gegevens", "dist\Overstap\portable.txt")) {
    if (Test-Path $Leftover) { throw "$Leftover exists: remove it before building the installer (it must not be packed)" }
}

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
$IsccArgs = @("/Q", "/DAppVersion=$Version", "/DFileVersion=$FileVersion")
if ($SignTool) {
    # Inno Setup signs the installer and the uninstaller it writes with this command ($f: the file,
    # $q: a quote, since signtool's path has spaces and PowerShell 5.1 mangles embedded quotes).
    $IsccArgs += @("/DSign=1", "/Ssigntool=`$q$SignTool`$q $($SignArgs -join ' ') `$f")
}
Invoke-Checked $Iscc ($IsccArgs + @("packaging\overstap.iss"))

$Setup = Join-Path $Root "dist\installer\Overstap-Setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "installer not found: $Setup" }
$SizeMb = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "Klaar: $Setup ($SizeMb MB)"
