export const MAX_WIDTH: number;
export const EXTENSIONS: string[];
export function lineWidth(line: string): number;
export function longLines(text: string, max?: number): { line: number; width: number }[];
export function sourceFiles(root: string, paths?: string[]): string[];
export function checkFiles(
  root: string,
  paths?: string[],
  max?: number,
): { file: string; line: number; width: number }[];
