export interface Stage {
  name: string;
  scripts: string[];
}
export interface StageResult {
  name: string;
  status: 'passed' | 'failed' | 'not run' | 'dry run';
  ms?: number;
}
export interface StageFailure {
  stage: string;
  command: string;
  code: number;
}
export const STAGES: Stage[];
export function duration(ms: number): string;
export function runStages(
  stages: Stage[],
  options: {
    run: (command: string) => number;
    log?: (line: string) => void;
    now?: () => number;
    dryRun?: boolean;
  },
): { results: StageResult[]; failed?: StageFailure };
export function runCommand(command: string): number;
