import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds the Electron executable without require('electron'), which would try to download it (and, with no
 * network, fail slowly). ELECTRON_OVERRIDE_DIST_PATH is honoured as the electron package does.
 */
export function findElectronBinary(root = path.resolve(__dirname, '..')): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : overrideDir ? 'electron' : null;
  if (relative === null) {
    return {
      found: false,
      reason: 'the Electron binary was never downloaded (node_modules/electron has no path.txt; this machine cannot reach its download host)',
    };
  }
  const executable = path.join(overrideDir ?? path.join(packageDir, 'dist'), relative);
  if (!fs.existsSync(executable)) return { found: false, reason: `the Electron binary is missing at ${executable}` };
  return { found: true, path: executable };
}
