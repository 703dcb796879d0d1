#!/usr/bin/env node
// Draws the ribbon's icons (one per command, 16/32/80 px) as PNGs into public/assets/icons/.
// Each is a blue rounded square with a white stroke glyph; no image tool is needed (node:zlib
// writes the PNG). Run again after changing a glyph: `node scripts/make-icons.mjs`.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { deflateSync } from "node:zlib";

/** Glyphs as polylines in a 0..1 box. */
const glyphs = {
  pane: [
    [
      [0.22, 0.25],
      [0.78, 0.25],
      [0.78, 0.75],
      [0.22, 0.75],
      [0.22, 0.25],
    ],
    [
      [0.58, 0.25],
      [0.58, 0.75],
    ],
  ],
  pull: [
    [
      [0.5, 0.2],
      [0.5, 0.72],
    ],
    [
      [0.3, 0.52],
      [0.5, 0.72],
      [0.7, 0.52],
    ],
    [
      [0.25, 0.82],
      [0.75, 0.82],
    ],
  ],
  validate: [
    [
      [0.25, 0.52],
      [0.43, 0.7],
      [0.76, 0.3],
    ],
  ],
  next: [
    [
      [0.3, 0.5],
      [0.72, 0.5],
    ],
    [
      [0.55, 0.32],
      [0.73, 0.5],
      [0.55, 0.68],
    ],
    [
      [0.25, 0.25],
      [0.25, 0.75],
    ],
  ],
  fixes: [
    [
      [0.28, 0.72],
      [0.62, 0.38],
    ],
    [
      [0.55, 0.25],
      [0.75, 0.45],
    ],
    [
      [0.25, 0.3],
      [0.35, 0.3],
    ],
    [
      [0.3, 0.25],
      [0.3, 0.35],
    ],
  ],
  review: [
    [
      [0.22, 0.28],
      [0.46, 0.28],
    ],
    [
      [0.22, 0.5],
      [0.46, 0.5],
    ],
    [
      [0.22, 0.72],
      [0.46, 0.72],
    ],
    [
      [0.56, 0.28],
      [0.8, 0.28],
    ],
    [
      [0.56, 0.5],
      [0.8, 0.5],
    ],
    [
      [0.56, 0.72],
      [0.8, 0.72],
    ],
  ],
  push: [
    [
      [0.5, 0.8],
      [0.5, 0.28],
    ],
    [
      [0.3, 0.48],
      [0.5, 0.28],
      [0.7, 0.48],
    ],
    [
      [0.25, 0.18],
      [0.75, 0.18],
    ],
  ],
  palette: [
    [
      [0.25, 0.3],
      [0.42, 0.5],
      [0.25, 0.7],
    ],
    [
      [0.5, 0.7],
      [0.78, 0.7],
    ],
  ],
};

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function draw(lines, size) {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4; // supersampling per axis
  const stroke = Math.max(0.07, 1.6 / size);
  const radius = 0.18;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          // Rounded square: distance outside the inner box.
          const qx = Math.max(Math.abs(u - 0.5) - (0.5 - radius), 0);
          const qy = Math.max(Math.abs(v - 0.5) - (0.5 - radius), 0);
          if (Math.hypot(qx, qy) > radius) continue;
          bg++;
          let near = false;
          for (const line of lines)
            for (let i = 1; i < line.length && !near; i++)
              near = distToSegment(u, v, line[i - 1], line[i]) < stroke / 2;
          if (near) fg++;
        }
      const n = ss * ss;
      const a = bg / n;
      const w = bg ? fg / bg : 0;
      // Fluent brand blue #0F6CBD blended to white by the glyph's coverage.
      const o = (y * size + x) * 4;
      px[o] = Math.round(15 + (255 - 15) * w);
      px[o + 1] = Math.round(108 + (255 - 108) * w);
      px[o + 2] = Math.round(189 + (255 - 189) * w);
      px[o + 3] = Math.round(255 * a);
    }
  return png(size, px);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = resolve(import.meta.dirname, "../public/assets/icons");
mkdirSync(out, { recursive: true });
for (const [name, lines] of Object.entries(glyphs))
  for (const size of [16, 32, 80])
    writeFileSync(resolve(out, `${name}-${size}.png`), draw(lines, size));
console.log(`wrote ${Object.keys(glyphs).length * 3} icons to public/assets/icons/`);
