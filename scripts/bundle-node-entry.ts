/**
 * Bundles a Node entry (the browser host's CLI, the cold-start benchmark's host) into one CommonJS file under out/,
 * so it starts as plain JavaScript: through tsx, every TypeScript module of the core is transpiled at each start.
 * The output sits three folders below the project root, as the source does under src/main/<folder>, so the
 * entry's own `__dirname`-relative paths (../../../out/renderer) resolve the same from the bundle.
 */
import path from 'node:path';

const root = path.resolve(__dirname, '..');

/** Native and optional modules stay external: they load from node_modules at run time. */
const EXTERNAL = ['better-sqlite3', 'bufferutil', 'utf-8-validate'];

export async function bundleNodeEntry(source: string, outfile: string): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.resolve(root, source)],
    outfile: path.resolve(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Smaller source to parse at each start; names are kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: 'linked',
    external: EXTERNAL,
    logLevel: 'error',
  });
}

/** `npm start`'s browser host, bundled: run it with `node BROWSER_HOST_BUNDLE …`. */
export const BROWSER_HOST_BUNDLE = path.join(root, 'out/browser-host/bin/cli.cjs');

export function bundleBrowserHost(): Promise<void> {
  return bundleNodeEntry('src/main/browser-host/cli.ts', BROWSER_HOST_BUNDLE);
}
