/** Types of scripts/vendors.mjs (the vendor lists, written from the vendor folders). */
export interface VendorFolder {
  name: string;
  rank: number;
  /** Its vendors' ids (`<id>Kinds`, `<id>Vendor`), in file order. */
  ids: string[];
  /** Its `<name>Tests` export. */
  tests: string;
  /** Per vendor id with one: the file (no extension) exporting `<id>Module` / `<id>Agent`. */
  Module: Map<string, string>;
  Agent: Map<string, string>;
}
export function readFolders(dir?: string): VendorFolder[];
export function generate(folders: VendorFolder[]): Record<string, string>;
export function run(options?: { check?: boolean }): string[];
