// A minimal ZIP writer (store-style deflate, like `wxt zip`) so the benchmark and the size test can
// measure the Chrome package without rebuilding: every file of the folder, deflated at level 9.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/** Every file under `dir` (sorted, relative paths with '/'). */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The bytes of a ZIP archive of `dir` (deflate level 9, fixed timestamps so the size is reproducible). */
export function zipFolder(dir) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const path of listFiles(dir)) {
    const data = readFileSync(join(dir, path));
    const packed = deflateRawSync(data, { level: 9 });
    const useStore = packed.length >= data.length;
    const body = useStore ? data : packed;
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data);
    const header = (central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let o = 0;
      const u32 = (v) => {
        b.writeUInt32LE(v >>> 0, o);
        o += 4;
      };
      const u16 = (v) => {
        b.writeUInt16LE(v, o);
        o += 2;
      };
      u32(central ? 0x02014b50 : 0x04034b50);
      if (central) u16(20);
      u16(20); // version needed
      u16(0x0800); // UTF-8 names
      u16(useStore ? 0 : 8);
      u16(0); // time
      u16(0x21); // date 1980-01-01
      u32(crc);
      u32(body.length);
      u32(data.length);
      u16(name.length);
      u16(0); // extra
      if (central) {
        u16(0); // comment
        u16(0); // disk
        u16(0); // internal attrs
        u32(0); // external attrs
        u32(offset);
      }
      return b;
    };
    const local = Buffer.concat([header(false), name, body]);
    centrals.push(Buffer.concat([header(true), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
