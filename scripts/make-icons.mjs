// Renders the toolbar/store icons (a shield with a check mark) to public/icon/<size>.png.
// Run once with `node scripts/make-icons.mjs`; the PNGs are committed. No image library needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** Signed distance helpers in unit coordinates (0..1). */
const inShield = (x, y) => {
  if (y < 0.1 || y > 0.92) return false;
  const halfW = y < 0.55 ? 0.38 : 0.38 * Math.sqrt(Math.max(0, (0.92 - y) / 0.37));
  return Math.abs(x - 0.5) <= halfW;
};
const distToSegment = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};
const inCheck = (x, y) =>
  Math.min(distToSegment(x, y, 0.32, 0.5, 0.45, 0.64), distToSegment(x, y, 0.45, 0.64, 0.7, 0.36)) < 0.06;

function render(size) {
  const ss = 4; // supersampling for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let shield = 0;
      let check = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (inShield(x, y)) {
            shield++;
            if (inCheck(x, y)) check++;
          }
        }
      const a = shield / (ss * ss);
      const c = check / Math.max(1, shield);
      // brand blue #2563eb, check white
      const r = Math.round(0x25 + (255 - 0x25) * c);
      const g = Math.round(0x63 + (255 - 0x63) * c);
      const b = Math.round(0xeb + (255 - 0xeb) * c);
      row.set([r, g, b, Math.round(a * 255)], 1 + px * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, render(size));
console.log('icons written to public/icon/');
