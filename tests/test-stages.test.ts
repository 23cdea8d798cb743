import { describe, expect, it } from 'vitest';
import { duration, runCommand, runStages, STAGES } from '../scripts/test-stages.mjs';

// `npm test`'s stage runner: order, the first failure stops the run and is named, timings per stage.

const fakeClock = (stepMs: number) => {
  let t = 0;
  return () => (t += stepMs);
};

describe('STAGES', () => {
  it('runs what CI runs, in order: check, unit, builds (+ Firefox lint and smoke), e2e, e2e:firefox', () => {
    expect(STAGES.map((s) => [s.name, s.scripts])).toEqual([
      ['check', ['check']],
      ['unit', ['unit']],
      ['builds', ['build', 'build:firefox', 'lint:firefox', 'smoke:firefox']],
      ['e2e', ['e2e']],
      ['e2e:firefox', ['e2e:firefox']],
    ]);
  });
});

describe('runStages', () => {
  it('runs every command of every stage once, in order, and reports each stage passed with its time', () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const { results, failed } = runStages(STAGES, {
      run: (command) => {
        ran.push(command);
        return 0;
      },
      log: (line) => lines.push(line),
      now: fakeClock(1000),
    });
    expect(failed).toBeUndefined();
    expect(ran).toEqual(STAGES.flatMap((s) => s.scripts.map((script) => `npm run ${script}`)));
    expect(results.map((r) => [r.name, r.status, r.ms])).toEqual(STAGES.map((s) => [s.name, 'passed', 1000]));
    expect(lines.join('\n')).toContain('▶ stage 3/5: builds — npm run build && npm run build:firefox');
    expect(lines.at(-2)).toBe('npm test: all 5 stages passed');
  });

  it('stops at the first failing command and names its stage; later stages are not run', () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const { results, failed } = runStages(STAGES, {
      run: (command) => {
        ran.push(command);
        return command === 'npm run build:firefox' ? 2 : 0;
      },
      log: (line) => lines.push(line),
    });
    expect(failed).toEqual({ stage: 'builds', command: 'npm run build:firefox', code: 2 });
    expect(ran).toEqual(['npm run check', 'npm run unit', 'npm run build', 'npm run build:firefox']);
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed', 'failed', 'not run', 'not run']);
    expect(lines).toContain('✘ stage builds failed in 0.0 s');
    expect(lines.at(-2)).toBe('npm test FAILED at stage "builds": `npm run build:firefox` exited 2');
  });

  it('with real processes: a command exiting 3 fails its stage with that code', () => {
    const { failed } = runStages(STAGES.slice(0, 3), {
      run: (command) => runCommand(command === 'npm run unit' ? 'exit 3' : 'true'),
      log: () => {},
    });
    expect(failed).toEqual({ stage: 'unit', command: 'npm run unit', code: 3 });
  });

  it('a dry run runs nothing and lists every stage', () => {
    const lines: string[] = [];
    const { results, failed } = runStages(STAGES, {
      run: () => {
        throw new Error('a dry run must not run anything');
      },
      log: (line) => lines.push(line),
      dryRun: true,
    });
    expect(failed).toBeUndefined();
    expect(results.every((r) => r.status === 'dry run')).toBe(true);
    expect(lines.filter((l) => l.startsWith('  (dry run) npm run '))).toHaveLength(8);
  });
});

describe('duration', () => {
  it.each([
    [0, '0.0 s'],
    [4_240, '4.2 s'],
    [59_940, '59.9 s'],
    [60_000, '1 min 0 s'],
    [83_250, '1 min 23 s'],
    [905_000, '15 min 5 s'],
  ])('%i ms → %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
