/** Copying text from an extension page, the DevTools panel included. */

/**
 * Put `text` on the clipboard: the async Clipboard API, else the selection route — a DevTools panel is a
 * frame inside DevTools, where Chrome may refuse `navigator.clipboard` (no clipboard-write permission
 * policy for the frame, or the document not focused). Rejects when both are refused.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the selection route
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy.');
}
