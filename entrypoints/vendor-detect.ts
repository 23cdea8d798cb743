import type { BadgeI18n } from '@/lib/captcha/badge/badge';
import { startCaptchaController } from '@/lib/captcha/content/controller';
import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { CHANNEL_KEY } from '@/lib/captcha/inject';
import { vendorModules } from '@/lib/captcha/registry';
import { isVendorFrame } from '@/lib/captcha/vendor-frames';

// Injected by the background (scripting.executeScript, isolated world) into a frame where the browser saw
// a captcha vendor's frame or script (lib/captcha/vendor-sightings.ts): detect, report, fill. Once per
// frame, however often the background injects it; never in a vendor's own frame. Its globals live in the
// extension's isolated world, which no page script can see.
export default defineUnlistedScript(() => {
  const g = globalThis as { [key: symbol]: unknown };
  const once = Symbol.for('anysolver.detector');
  if (g[once] || isVendorFrame(location.href)) return;
  g[once] = true;
  const life = new AbortController();
  const runtime = createRuntimePort();
  const ext = globalThis as { browser?: { i18n?: BadgeI18n }; chrome?: { i18n?: BadgeI18n } };
  startCaptchaController({
    doc: document,
    // The status badge's words in the user's language (content scripts have the extension's i18n).
    i18n: ext.browser?.i18n ?? ext.chrome?.i18n,
    href: () => location.href,
    modules: vendorModules,
    // The main world's channel secret, set by the background just before (lib/captcha/inject.ts).
    channel: typeof g[CHANNEL_KEY] === 'string' ? (g[CHANNEL_KEY] as string) : '',
    // After an extension reload this copy is orphaned: its first failed send stops it.
    port: { ...runtime, send: (m) => runtime.send(m).then((r) => (runtime.alive() ? r : life.abort())) },
    signal: life.signal,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  });
});
