#!/usr/bin/env node
/**
 * `npm test`: the stages CI runs, in order — check → unit → builds → e2e → e2e:firefox. Each stage is
 * announced with a banner and timed; the first failure stops the run, and the summary names the stage
 * and the command that failed (exit 1). `.ci/run` calls `npm test`, so this list is the one source.
 * `npm test -- --dry-run` prints the banners and commands without running anything.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stages, each a list of npm scripts run one after the other. */
export const STAGES = [
  { name: 'check', scripts: ['check'] },
  { name: 'unit', scripts: ['unit'] },
  { name: 'builds', scripts: ['build', 'build:firefox', 'lint:firefox', 'smoke:firefox'] },
  { name: 'e2e', scripts: ['e2e'] },
  { name: 'e2e:firefox', scripts: ['e2e:firefox'] },
];

/** `83250` → `1 min 23 s`; under a minute, `4.2 s`. */
export function duration(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

const RULE = '='.repeat(78);

/**
 * Runs `stages` in order with `run(command)` (its exit code) until one fails; `log` gets the banners.
 * Returns each stage's outcome and the first failure, if any.
 */
export function runStages(stages, { run, log = console.log, now = Date.now, dryRun = false }) {
  const results = [];
  let failed;
  stages.forEach((stage, index) => {
    if (failed) {
      results.push({ name: stage.name, status: 'not run' });
      return;
    }
    const commands = stage.scripts.map((script) => `npm run ${script}`);
    log(
      `\n${RULE}\n▶ stage ${index + 1}/${stages.length}: ${stage.name} — ${commands.join(' && ')}\n${RULE}`,
    );
    const started = now();
    for (const command of commands) {
      if (dryRun) {
        log(`  (dry run) ${command}`);
        continue;
      }
      const code = run(command);
      if (code !== 0) {
        failed = { stage: stage.name, command, code };
        break;
      }
    }
    const ms = now() - started;
    const status = dryRun ? 'dry run' : failed ? 'failed' : 'passed';
    results.push({ name: stage.name, status, ms });
    log(`${failed ? '✘' : '✔'} stage ${stage.name} ${status} in ${duration(ms)}`);
  });
  log(`\n${RULE}`);
  for (const r of results) {
    log(`  ${r.name.padEnd(12)} ${r.status.padEnd(8)} ${r.ms === undefined ? '' : duration(r.ms)}`);
  }
  log(
    failed
      ? `npm test FAILED at stage "${failed.stage}": \`${failed.command}\` exited ${failed.code}`
      : `npm test: all ${stages.length} stages ${dryRun ? 'listed (dry run)' : 'passed'}`,
  );
  log(RULE);
  return { results, failed };
}

/** Runs a command through the shell with the terminal attached; its exit code (1 for a signal). */
export function runCommand(command) {
  const { status } = spawnSync(command, { shell: true, stdio: 'inherit' });
  return status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dryRun = process.argv.includes('--dry-run');
  const { failed } = runStages(STAGES, { run: runCommand, dryRun });
  process.exit(failed ? 1 : 0);
}
