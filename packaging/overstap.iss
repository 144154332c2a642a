; Inno Setup script for Overstap (Inno Setup 6). Built by packaging/build_windows.ps1:
;
;   iscc /DAppVersion=0.1.0 packaging\overstap.iss      -> dist\installer\Overstap-Setup-0.1.0.exe
;
; Expects the PyInstaller one-folder build in dist\Overstap (Overstap.exe, handover.exe, _internal\).
;
; - Installs per user without administrator rights (%LOCALAPPDATA%\Programs\Overstap). IT can install
;   for all users with /ALLUSERS (then it asks for elevation); see README "Installeren op Windows".
; - The user's data (%LOCALAPPDATA%\Overstap: the encrypted database, recovery file, backups) is never
;   part of the installation. The uninstaller leaves it in place unless the user ticks
;   "Ook mijn gegevens verwijderen" and confirms. A silent uninstall never deletes data. After an
;   /ALLUSERS install the uninstaller runs elevated, where {localappdata} is the administrator's
;   folder, not the mentors': the choice is not offered then (each user's data stays).
; - AppMutex: Overstap.exe holds the named mutex "OverstapRunning" (handover/frozen.py); setup and
;   uninstall refuse while it runs, so no half-deleted program or data folder is left behind.
; - Signing: build_windows.ps1 passes /DSign=1 and /Ssigntool=... when a code-signing certificate is
;   configured; the installer and the uninstaller are then signed (AppLocker at managed schools blocks
;   unsigned programs in %LOCALAPPDATA%). Overstap.exe and handover.exe are signed by the script itself.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
; Windows wants digits only (a.b.c[.d]) in file version info; "0.2.0rc1" is passed as FileVersion=0.2.0.
#ifndef FileVersion
  #define FileVersion AppVersion
#endif
#define AppName "Overstap"
#define AppPublisher "Overstap project"
#define DistDir "..\dist\Overstap"
#define AppMutexName "OverstapRunning"

; A smoke test or a trial run of the portable version must never end up in the installer.
#if FileExists(AddBackslash(SourcePath) + DistDir + "\portable.txt")
  #error dist\Overstap\portable.txt exists: remove it before building the installer
#endif
#if DirExists(AddBackslash(SourcePath) + DistDir + "\gegevens")
  #error dist\Overstap\gegevens exists (data of a portable run): remove it before building the installer
#endif

[Setup]
; Never change AppId: upgrades and the uninstaller find earlier installs through it.
AppId={{6F1C2B9E-3D4A-4E8B-9C27-5A0D8E1F4B63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#FileVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=Overstap-Setup-{#AppVersion}
SetupIconFile=..\resources\icons\overstap.ico
UninstallDisplayIcon={app}\Overstap.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
RestartApplications=no
; Created by the running app (handover/frozen.py hold_app_mutex); both names, so sessions of other users count too.
AppMutex={#AppMutexName},Global\{#AppMutexName}
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
dutch.RemoveCaption=Overstap verwijderen
dutch.RemoveExplain=Overstap wordt van deze computer verwijderd.%n%nUw gegevens blijven bewaard in:%n%1%nZo kunt u ze na een nieuwe installatie weer openen. De gegevens zijn versleuteld.
dutch.RemoveDataCheck=Ook mijn gegevens verwijderen (dit kan niet ongedaan worden gemaakt)
dutch.RemoveButton=Verwijderen
dutch.CancelButton=Annuleren
dutch.RemoveExplainAllUsers=Overstap wordt voor alle gebruikers van deze computer verwijderd.%n%nDe gegevens van elke gebruiker blijven bewaard in diens eigen map (%LOCALAPPDATA%\Overstap). Een gebruiker die ze wil wissen, verwijdert die map zelf.
dutch.RemoveDataConfirm=Weet u het zeker? Alle dossiers, contactmomenten en back-ups in%n%1%nworden definitief verwijderd. Zonder herstelcode en back-up zijn ze niet terug te halen.
dutch.DesktopIcon=Snelkoppeling op het bureaublad
english.RemoveCaption=Remove Overstap
english.RemoveExplain=Overstap will be removed from this computer.%n%nYour data stays in:%n%1%nso you can open it again after reinstalling. The data is encrypted.
english.RemoveDataCheck=Also delete my data (this cannot be undone)
english.RemoveButton=Remove
english.CancelButton=Cancel
english.RemoveExplainAllUsers=Overstap will be removed for all users of this computer.%n%nEach user's data stays in their own folder (%LOCALAPPDATA%\Overstap). A user who wants it gone deletes that folder.
english.RemoveDataConfirm=Are you sure? All dossiers, check-ins and backups in%n%1%nwill be deleted permanently. Without the recovery code and a backup they cannot be restored.
english.DesktopIcon=Desktop shortcut

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no DLL or module of the previous version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\Overstap.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Overstap.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\Overstap.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveUserData: Boolean;

function UserDataDir(): String;
begin
  { The same folder as platformdirs.user_data_dir("Overstap", appauthor=False, roaming=False). }
  Result := ExpandConstant('{localappdata}\Overstap');
end;

function NewCustomForm(Width, Height: Integer): TSetupForm;
begin
#if Ver >= EncodeVer(6, 6, 0, 0)
  Result := CreateCustomForm(Width, Height, False, False);
#else
  Result := CreateCustomForm;
  Result.ClientWidth := ScaleX(Width);
  Result.ClientHeight := ScaleY(Height);
#endif
end;

{ After an /ALLUSERS install the uninstaller runs as the elevated administrator: its {localappdata}
  is not the mentor's folder, so deleting "my data" would delete the wrong folder (or none). }
function AllUsersMode(): Boolean;
begin
  Result := IsAdminInstallMode();
end;

{ Ask before anything is removed: a checkbox, unticked by default, for the user's data (not offered
  in all-users mode). }
function AskRemoveUserData(var Cancelled: Boolean): Boolean;
var
  Form: TSetupForm;
  Explain: TNewStaticText;
  Check: TNewCheckBox;
  RemoveBtn, CancelBtn: TNewButton;
begin
  Result := False;
  Cancelled := False;
  Form := NewCustomForm(440, 200);
  try
    Form.Caption := CustomMessage('RemoveCaption');
    Explain := TNewStaticText.Create(Form);
    Explain.Parent := Form;
    Explain.Left := ScaleX(16);
    Explain.Top := ScaleY(16);
    Explain.Width := Form.ClientWidth - ScaleX(32);
    Explain.AutoSize := False;
    Explain.Height := ScaleY(96);
    Explain.WordWrap := True;
    if AllUsersMode() then
      Explain.Caption := CustomMessage('RemoveExplainAllUsers')
    else
      Explain.Caption := FmtMessage(CustomMessage('RemoveExplain'), [UserDataDir()]);

    Check := TNewCheckBox.Create(Form);
    Check.Parent := Form;
    Check.Left := ScaleX(16);
    Check.Top := Explain.Top + Explain.Height + ScaleY(12);
    Check.Width := Form.ClientWidth - ScaleX(32);
    Check.Height := ScaleY(20);
    Check.Caption := CustomMessage('RemoveDataCheck');
    Check.Checked := False;
    Check.Visible := not AllUsersMode();

    RemoveBtn := TNewButton.Create(Form);
    RemoveBtn.Parent := Form;
    RemoveBtn.Width := ScaleX(90);
    RemoveBtn.Height := ScaleY(24);
    RemoveBtn.Left := Form.ClientWidth - ScaleX(16 + 90 + 8 + 90);
    RemoveBtn.Top := Form.ClientHeight - ScaleY(24 + 12);
    RemoveBtn.Caption := CustomMessage('RemoveButton');
    RemoveBtn.ModalResult := mrOk;

    CancelBtn := TNewButton.Create(Form);
    CancelBtn.Parent := Form;
    CancelBtn.Width := ScaleX(90);
    CancelBtn.Height := ScaleY(24);
    CancelBtn.Left := Form.ClientWidth - ScaleX(16 + 90);
    CancelBtn.Top := RemoveBtn.Top;
    CancelBtn.Caption := CustomMessage('CancelButton');
    CancelBtn.ModalResult := mrCancel;
    CancelBtn.Cancel := True;

    Form.ActiveControl := CancelBtn;
    if Form.ShowModal() <> mrOk then
    begin
      Cancelled := True;
      Exit;
    end;
    Result := Check.Checked and not AllUsersMode();
  finally
    Form.Free();
  end;
  if Result then
    Result := MsgBox(FmtMessage(CustomMessage('RemoveDataConfirm'), [UserDataDir()]),
                     mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

function InitializeUninstall(): Boolean;
var
  Cancelled: Boolean;
begin
  RemoveUserData := False;
  Result := True;
  { Silent uninstalls (software distribution by IT) never delete a mentor's data. }
  if UninstallSilent() then
    Exit;
  RemoveUserData := AskRemoveUserData(Cancelled);
  Result := not Cancelled;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveUserData and not AllUsersMode() then
  begin
    if DirExists(UserDataDir()) then
      DelTree(UserDataDir(), True, True, True);
    { The app's own preferences (QSettings: language, a data folder chosen in the wizard). A folder the
      user chose elsewhere is never deleted: it may hold other files. }
    RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\Overstap');
  end;
end;
