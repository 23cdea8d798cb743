export function listFiles(dir: string): string[];
export function zipFolder(dir: string): Buffer;
