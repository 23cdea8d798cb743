export interface Size {
  raw: number;
  gzip: number;
}
export interface ContentScriptSize extends Size {
  file: string;
  world: string;
  allFrames: boolean;
  everyPage: boolean;
  runAt: string;
}
export interface SizeReport {
  contentScripts: ContentScriptSize[];
  /** Content scripts injected into every frame (all_frames, every page), summed. */
  perFrame: Size & { files: string[] };
  /** Content scripts injected into a top-level page, summed. */
  topFrame: Size & { files: string[] };
  entrypoints: Array<Size & { name: string; entry: string; files: number }>;
  /** Built scripts no entrypoint references: injected on demand by the background. */
  onDemand: Array<Size & { file: string }>;
  /** `translations`: what each non-English catalogue adds to the zip. */
  zip: { bytes: number; method: string; translations: Array<{ locale: string; bytes: number }> };
  total: Size & { files: number };
}
export function fileSize(dir: string, path: string): Size;
export function closure(dir: string, entry: string): string[];
export function sizeReport(dir: string): SizeReport;
export function translationSizes(dir: string): Array<{ locale: string; bytes: number }>;
