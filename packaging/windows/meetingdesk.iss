; MeetingDesk (会议纪实台): the Windows installer, built with Inno Setup 6.3 or newer.
;
;   pyinstaller --noconfirm packaging\meetingdesk.spec      (makes dist\meetingdesk\)
;   iscc packaging\windows\meetingdesk.iss                   (makes dist\MeetingDesk-<version>-setup.exe)
;
; See "Building the Windows installer" in README.md. The installer copies the PyInstaller folder
; to Program Files (or, for a user without administrator rights who chooses "only for me", to
; %LOCALAPPDATA%\Programs), adds a Start-menu entry and, if ticked, a desktop shortcut. The
; program keeps its data (database, backups, settings) in %APPDATA%\MeetingDesk, which the
; installer never touches: uninstalling leaves the records in place.
; This file is UTF-8 with a byte-order mark, which Inno Setup needs to read the Chinese in it.

; The version: iscc /DAppVersion=X.Y.Z overrides it; the default is kept equal to
; meetingdesk.__version__ by tests/test_packaging_windows.py.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "meetingdesk.exe"
#define Bundle "..\..\dist\meetingdesk"
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
AppId={{F5706F37-D9C6-40D3-A97F-81EA5090AE17}
AppName=MeetingDesk
AppVerName=会议纪实台 MeetingDesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=MeetingDesk
VersionInfoVersion={#AppVersion}
VersionInfoDescription=会议纪实台 MeetingDesk Setup
DefaultDirName={autopf}\MeetingDesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\meetingdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=会议纪实台 MeetingDesk
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=MeetingDesk-{#AppVersion}-setup
CloseApplications=yes

[Languages]
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppTitle=MeetingDesk
english.AppComment=Record leadership-team meetings and file a signed record
#if HaveChinese
chinesesimplified.AppTitle=会议纪实台
chinesesimplified.AppComment=逐项记录领导班子会议，生成签名的会议纪实
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole PyInstaller folder: meetingdesk.exe (GUI), meetingdesk-cli.exe (commands), _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
