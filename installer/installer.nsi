; NSIS installer for 调解台账 (Mediation Ledger). Build on Windows after PyInstaller:
;   makensis /DVERSION=0.1.0 installer\installer.nsi
; Installs per machine into Program Files, adds Start-menu and desktop shortcuts and an
; uninstaller. User data (the ledger database in %LOCALAPPDATA%\MediatorLedger) is never
; touched by install, upgrade or uninstall.
Unicode true
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!define APPNAME "MediatorLedger"
!define DISPLAYNAME "调解台账"
!include "MUI2.nsh"

Name "${DISPLAYNAME} ${VERSION}"
OutFile "..\dist\MediatorLedger-${VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "Software\${APPNAME}" "InstallDir"
RequestExecutionLevel admin

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString DESKTOP_LINK ${LANG_SIMPCHINESE} "调解台账"
LangString DESKTOP_LINK ${LANG_ENGLISH} "Mediation Ledger"

Section "Install"
  SetOutPath "$INSTDIR"
  File /r "..\dist\MediatorLedger\*.*"
  WriteRegStr HKLM "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  CreateDirectory "$SMPROGRAMS\$(DESKTOP_LINK)"
  CreateShortcut "$SMPROGRAMS\$(DESKTOP_LINK)\$(DESKTOP_LINK).lnk" "$INSTDIR\MediatorLedger.exe"
  CreateShortcut "$DESKTOP\$(DESKTOP_LINK).lnk" "$INSTDIR\MediatorLedger.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "DisplayName" "${DISPLAYNAME}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "UninstallString" "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\$(DESKTOP_LINK).lnk"
  RMDir /r "$SMPROGRAMS\$(DESKTOP_LINK)"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
  DeleteRegKey HKLM "Software\${APPNAME}"
SectionEnd
