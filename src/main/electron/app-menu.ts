import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  showWindow(): void;
  openDataFolder(): void;
}

/**
 * The native application menu: the platform's standard roles (so copy/paste, zoom, full screen and the macOS app
 * menu behave as users expect) plus the app's own actions. Developer tools only in unpackaged builds.
 */
export function appMenuTemplate(
  { platform, isPackaged }: { platform: NodeJS.Platform; isPackaged: boolean },
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { id: 'open-data-folder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'window',
      submenu: [
        { id: 'show-window', label: 'Show Twin Console', accelerator: 'CmdOrCtrl+0', click: () => actions.showWindow() },
        { type: 'separator' },
        { role: 'minimize' },
        ...(isMac ? [{ role: 'zoom' }, { role: 'front' }] satisfies MenuItemConstructorOptions[] : [{ role: 'close' } satisfies MenuItemConstructorOptions]),
      ],
    },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
