export function interleaved<A, B>(
  runs: number,
  measureA: (i: number) => Promise<A>,
  measureB: (i: number) => Promise<B>,
): Promise<{ a: A[]; b: B[] }>;

/** A browser with a context that opens tabs (a rig harness). */
export interface TabOpener<P> {
  context: { newPage(): Promise<P & { close(): Promise<unknown> }> };
}
export function interleavedTabs<P, T>(
  a: TabOpener<P>,
  b: TabOpener<P>,
  runs: number,
  measure: (page: P) => Promise<T>,
  warmUp?: (page: P) => Promise<unknown>,
): Promise<{ a: T[]; b: T[] }>;
