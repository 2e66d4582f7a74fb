import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { iconFiles, render } from '../../../scripts/generate-icons';

const root = path.resolve(__dirname, '../../..');

/** RGBA pixels of a PNG written by generate-icons (filter 0 rows), so the check does not depend on zlib's bytes. */
function pixelsOf(png: Buffer): { size: number; pixels: Buffer } {
  const size = png.readUInt32BE(16);
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) raw.copy(pixels, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  return { size, pixels };
}

test('the committed icons are the ones scripts/generate-icons.ts draws (run `npm run icons` after changing it)', () => {
  const expected = iconFiles();
  for (const file of expected.keys()) assert.ok(fs.existsSync(path.join(root, file)), `${file} is committed`);
  for (const size of [16, 32, 64, 128]) {
    const committed = pixelsOf(fs.readFileSync(path.join(root, `build/icons/${size}x${size}.png`)));
    assert.equal(committed.size, size);
    const drawn = pixelsOf(expected.get(`build/icons/${size}x${size}.png`)!);
    assert.ok(committed.pixels.equals(drawn.pixels), `${size}px pixels match`);
  }
  assert.equal(pixelsOf(fs.readFileSync(path.join(root, 'build/icon.png'))).size, 1024, 'electron-builder wants 512px or more');
  assert.ok(render((x) => [0, 0, 0, x > 0.5 ? 255 : 0], 2).length === 16);
});

test('the .ico and .icns containers list the sizes Windows and macOS look for', () => {
  const ico = fs.readFileSync(path.join(root, 'build/icon.ico'));
  assert.equal(ico.readUInt16LE(2), 1);
  const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
  assert.deepEqual(icoSizes, [16, 32, 48, 64, 128, 256]);
  const icns = fs.readFileSync(path.join(root, 'build/icon.icns'));
  assert.equal(icns.toString('ascii', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const types: string[] = [];
  for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) types.push(icns.toString('ascii', offset, offset + 4));
  assert.deepEqual(types, ['icp4', 'icp5', 'icp6', 'ic07', 'ic08', 'ic09', 'ic10']);
});
