import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';

/** The tray icon: a way back to the window and out of the app; attention-indicators.ts keeps its tooltip current. */
export function createAppTray(
  electron: { Tray: new (image: NativeImage) => Tray; Menu: Pick<typeof Menu, 'buildFromTemplate'> },
  icon: NativeImage,
  actions: { showWindow(): void; quit(): void },
): Tray {
  const tray = new electron.Tray(icon);
  const template: MenuItemConstructorOptions[] = [
    { id: 'tray-show', label: 'Show Twin Console', click: () => actions.showWindow() },
    { type: 'separator' },
    { id: 'tray-quit', label: 'Quit Twin Console', click: () => actions.quit() },
  ];
  tray.setToolTip('Twin Console');
  tray.setContextMenu(electron.Menu.buildFromTemplate(template));
  // Windows and Linux users expect a click on the tray icon to bring the window back (macOS opens the menu).
  tray.on('click', () => actions.showWindow());
  return tray;
}
