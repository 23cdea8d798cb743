import type { ContentRequest } from '@/lib/messaging';
import type { ContentSender } from './handler-types';
import type { Services } from './services';

/**
 * `widgets:found`: the detector's report (it runs only in frames where a vendor was seen). websiteURL is
 * the frame's URL as the browser reports it, never what the page claims. An image is read only when its
 * job starts, after the limits (image-flow.ts `prepare`). `gesture` (Job.gesture): the frame's own
 * transient user activation, read by the content side — a page cannot fake it (only a real input event
 * sets it), so unasked starts stay bounded per site.
 */
export async function reportWidgets(
  s: Services,
  m: ContentRequest<'widgets:found'>,
  from: ContentSender,
): Promise<void> {
  const widgets = m.widgets.map((w) => ({ ...w, websiteURL: from.frameUrl }));
  await s.solver.report({ ...from, gesture: m.gesture === true }, widgets);
}
