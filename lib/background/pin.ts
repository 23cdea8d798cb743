// Calls that target one document where the browser can: Chrome and Firefox ESR 153 take a documentId.
/**
 * A browser that reports documentIds but refuses them as a target (a schema type error such as
 * `Unexpected property "documentId"`, what Firefox ESR 140 answers) is asked again by frameId. ESR 140
 * reports no documentId either (senders and webNavigation frames carry none) and is asked by frameId from
 * the start, so this only guards a build with one half and not the other; Chrome and Firefox ESR 153 pin.
 */
export const refusesDocumentIds = (e: unknown) =>
  e instanceof Error && /Unexpected property "documentIds?"/.test(e.message);

/** `run` with the document pinned when its documentId is known, else (or when refused) by frameId. */
export async function pinned<T>(
  documentId: string | undefined,
  run: (pin: boolean) => Promise<T>,
): Promise<T> {
  if (!documentId) return run(false);
  return run(true).catch((e: unknown) => {
    if (refusesDocumentIds(e)) return run(false);
    throw e;
  });
}
