export interface Row {
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
  verdict: string;
  note?: string | null;
}
export type StepResult = { ok: true; data: unknown } | { ok: false; reason: string };
export function buildRows(results: Record<string, StepResult>): Row[];
export function textTable(rows: object[], columns: string[]): string;
export function markdownTable(rows: object[], columns: string[]): string;
export function replaceSection(readme: string, section: string): string;
export function updateReadme(path: string, section: string): void;
export function overheadVerdict(overhead: number, ci: [number, number], budget: number): string;
