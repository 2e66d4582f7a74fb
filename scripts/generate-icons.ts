/**
 * Draws the app icon from code and writes every format the packagers and the app need, byte for byte the same on
 * every run (no image tools, no binary downloads): build/icon.png (1024, electron-builder's source), build/icons/
 * NxN.png (Linux), build/icon.ico (Windows), build/icon.icns (macOS), resources/icon.png (window and tray) and
 * resources/overlay.png (Windows taskbar badge). Run: `npm run icons`. test/unit/electron/icons.test.ts checks the
 * committed files still match.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgba = [number, number, number, number];
type Shader = (x: number, y: number) => Rgba; // x, y in 0..1

const BACKGROUND: Rgba = [24, 54, 104, 255];
const LEFT: Rgba = [94, 200, 255, 255];
const RIGHT: Rgba = [255, 255, 255, 235];
const ALERT: Rgba = [220, 38, 38, 255];

/** A rounded square with two overlapping discs: the operator's twins. */
const appIcon: Shader = (x, y) => {
  const inset = 0.06;
  if (!insideRoundedSquare(x, y, inset, 0.2)) return [0, 0, 0, 0];
  if (Math.hypot(x - 0.6, y - 0.52) < 0.22) return RIGHT;
  if (Math.hypot(x - 0.4, y - 0.48) < 0.22) return LEFT;
  return BACKGROUND;
};

/** A red dot for the taskbar overlay. */
const overlayIcon: Shader = (x, y) => (Math.hypot(x - 0.5, y - 0.5) < 0.45 ? ALERT : [0, 0, 0, 0]);

function insideRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && Math.hypot(dx, dy) <= radius;
}

/** Renders with 4×4 supersampling so small sizes are anti-aliased. */
export function render(shader: Shader, size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = shader((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Premultiplied sums, so transparent samples do not darken the edges.
          sum[0]! += r * a;
          sum[1]! += g * a;
          sum[2]! += b * a;
          sum[3]! += a;
        }
      }
      const alpha = sum[3]!;
      const offset = (py * size + px) * 4;
      pixels[offset] = alpha ? Math.round(sum[0]! / alpha) : 0;
      pixels[offset + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
      pixels[offset + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
      pixels[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A minimal RGBA PNG: IHDR, one IDAT (filter 0 on every row), IEND. */
export function encodePng(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Windows .ico holding PNG images (supported since Vista), one directory entry per size. */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** macOS .icns with PNG payloads: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024. */
export function encodeIcns(images: { size: number; png: Buffer }[]): Buffer {
  const types: Record<number, string> = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const entries = images.map(({ size, png }) => {
    const type = types[size];
    if (!type) throw new Error(`no icns type for ${size}px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Every output file, relative to the repository root, with its bytes. */
export function iconFiles(): Map<string, Buffer> {
  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
  const png = new Map(sizes.map((size) => [size, encodePng(render(appIcon, size), size)]));
  const at = (size: number) => ({ size, png: png.get(size)! });
  const files = new Map<string, Buffer>();
  files.set('build/icon.png', png.get(1024)!);
  for (const size of sizes.filter((s) => s <= 512)) files.set(`build/icons/${size}x${size}.png`, png.get(size)!);
  files.set('build/icon.ico', encodeIco([16, 32, 48, 64, 128, 256].map(at)));
  files.set('build/icon.icns', encodeIcns([16, 32, 64, 128, 256, 512, 1024].map(at)));
  files.set('resources/icon.png', png.get(256)!);
  files.set('resources/overlay.png', encodePng(render(overlayIcon, 32), 32));
  return files;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  for (const [file, bytes] of iconFiles()) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), bytes);
    console.log(`${file} (${bytes.length} bytes)`);
  }
}
