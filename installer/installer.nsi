; NSIS installer for 调解台账 (Mediation Ledger). Built by installer/build_windows.py
; (installer/build-windows.sh), which passes the defines below; do not run makensis by hand.
;
; Per-user by default: no administrator rights, installs to
; %LOCALAPPDATA%\Programs\MediatorLedger, shortcuts and the "Apps & features" entry for the
; current user. Run as administrator with /AllUsers for every user of the PC
; (%ProgramFiles%\MediatorLedger). Silent: setup.exe /S [/AllUsers] [/D=C:\path] (/D last).
; Upgrade: the same product key (MediatorLedger) and folder; the old program files are
; replaced. Install, upgrade and uninstall never touch the user's data
; (%LOCALAPPDATA%\MediatorLedger: ledger, settings, backups) nor a portable data\ folder.
Unicode true
Target amd64-unicode
!ifndef VERSION
  !error "VERSION is passed by build_windows.py"
!endif
!define APPNAME "MediatorLedger"
!define DISPLAYNAME "调解台账"
!define PUBLISHER "Mediation Ledger project"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
!define APP_KEY "Software\${APPNAME}"
!define LINKDIR "$SMPROGRAMS\${DISPLAYNAME}"

!if "${COMPRESSION}" == "zlib"
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 32
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${DISPLAYNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
RequestExecutionLevel user
ManifestDPIAware true
BrandingText "${DISPLAYNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${DISPLAYNAME} Mediation Ledger"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${DISPLAYNAME} ${VERSION} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

Var AllUsers

!define MUI_ICON "${WORKDIR}/installer.ico"
!define MUI_UNICON "${WORKDIR}/installer.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPNAME}.exe"
; the finish page can also run the installation check in a console window
!define MUI_FINISHPAGE_SHOWREADME ""
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(SELFTEST_LINK)"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION RunSelfTest
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString NEED_ADMIN ${LANG_SIMPCHINESE} "为所有用户安装（/AllUsers）需要管理员权限。请以管理员身份运行，或不带 /AllUsers 为当前用户安装。"
LangString NEED_ADMIN ${LANG_ENGLISH} "Installing for all users (/AllUsers) needs administrator rights. Run the installer as administrator, or leave out /AllUsers to install for the current user."
LangString SELFTEST_LINK ${LANG_SIMPCHINESE} "检查安装（自检）"
LangString SELFTEST_LINK ${LANG_ENGLISH} "Check the installation (self-test)"

Function RunSelfTest
  Exec '"$SYSDIR\cmd.exe" /k ""$INSTDIR\mediator-app.exe" --self-test"'
FunctionEnd

Function .onInit
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
  ${EndIf}
  ; an earlier all-users install is upgraded as such
  ReadRegStr $R2 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $R2 != ""
  ${AndIf} $AllUsers == 0
    ReadRegStr $R3 HKCU "${UNINST_KEY}" "InstallLocation"
    ${If} $R3 == ""
      StrCpy $AllUsers 1
    ${EndIf}
  ${EndIf}
  ${If} $AllUsers == 1
    UserInfo::GetAccountType
    Pop $R4
    ${If} $R4 != "Admin"
      MessageBox MB_ICONSTOP "$(NEED_ADMIN)" /SD IDOK
      SetErrorLevel 740
      Quit
    ${EndIf}
    ; compare with the per-user default before the switch: $LOCALAPPDATA follows it
    StrCpy $R5 "$LOCALAPPDATA\Programs\${APPNAME}"
    SetShellVarContext all
    ${If} $INSTDIR == $R5
      ${If} $R2 != ""
        StrCpy $INSTDIR $R2
      ${Else}
        StrCpy $INSTDIR "$PROGRAMFILES64\${APPNAME}"
      ${EndIf}
    ${EndIf}
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  ; upgrade: remove the previous version's program folders (never data\ or other files)
  !include "${WORKDIR}/preinstall.nsh"
  File /r "${APPDIR}/*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  ${If} $AllUsers == 1
    FileOpen $0 "$INSTDIR\all-users.txt" w
    FileWrite $0 "installed for all users$\r$\n"
    FileClose $0
  ${EndIf}

  CreateDirectory "${LINKDIR}"
  CreateShortcut "${LINKDIR}\${DISPLAYNAME}.lnk" "$INSTDIR\${APPNAME}.exe" "" "$INSTDIR\${APPNAME}.ico" 0
  CreateShortcut "${LINKDIR}\$(SELFTEST_LINK).lnk" "$SYSDIR\cmd.exe" '/k ""$INSTDIR\mediator-app.exe" --self-test"' "$INSTDIR\${APPNAME}.ico" 0
  CreateShortcut "$DESKTOP\${DISPLAYNAME}.lnk" "$INSTDIR\${APPNAME}.exe" "" "$INSTDIR\${APPNAME}.ico" 0

  WriteRegStr SHCTX "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${DISPLAYNAME} Mediation Ledger"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APPNAME}.ico"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Function un.onInit
  ${If} ${FileExists} "$INSTDIR\all-users.txt"
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$DESKTOP\${DISPLAYNAME}.lnk"
  RMDir /r "${LINKDIR}"
  ; exactly what the installer put there; the folder itself only if nothing else is left
  !include "${WORKDIR}/uninstall-files.nsh"
  Delete "$INSTDIR\all-users.txt"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  DeleteRegKey SHCTX "${APP_KEY}"
SectionEnd
