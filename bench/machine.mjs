// The machine a benchmark ran on: CPU model, cores, Chromium and Node versions.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { CHROMIUM } from './rig.mjs';

/** Chromium's version string (e.g. "Chromium 156.0.8078.108"), or 'unknown'. */
function chromiumVersion() {
  try {
    const out = execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.match(/Chrom\w*\s+[\d.]+/)?.[0] ?? out.trim();
  } catch {
    return 'unknown';
  }
}

/** Description of this machine for the report. */
export function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    chromium: chromiumVersion(),
    node: process.version,
  };
}
