// Extension script actually evaluated in a page's main frame, observed with the DevTools Debugger:
// on the heavy captcha-free page, and on a page that loads a captcha vendor (scripts injected on demand).
import { extensionScriptsIn } from './cdp.mjs';
import { benchUrl, widgetPrerequisite } from './session.mjs';

const total = (scripts) => scripts.reduce((a, s) => a + s.chars, 0);

/** Characters of extension script evaluated in the main frame, without and with a vendor present. */
export async function measureInjected({ ext }) {
  const page = await ext.context.newPage();
  try {
    const noVendor = await extensionScriptsIn(ext.context, page, ext.extensionId, benchUrl('heavy.html'));
    let withVendor = null;
    let withVendorNote = widgetPrerequisite();
    if (!withVendorNote) {
      await page.goto('about:blank');
      withVendor = await extensionScriptsIn(
        ext.context,
        page,
        ext.extensionId,
        benchUrl('insert.html'),
        1500,
      );
      withVendorNote = null;
    }
    return {
      noVendor: { chars: total(noVendor), scripts: noVendor },
      withVendor: withVendor ? { chars: total(withVendor), scripts: withVendor } : null,
      withVendorNote,
    };
  } finally {
    await page.close();
  }
}
