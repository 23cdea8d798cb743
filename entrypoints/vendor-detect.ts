import { startCaptchaController } from '@/lib/captcha/content/controller';
import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { vendorModules } from '@/lib/captcha/registry';
import { isVendorFrame } from '@/lib/captcha/vendor-frames';

// Injected by the background (scripting.executeScript, isolated world) into a frame where the browser saw
// a captcha vendor's frame or script (lib/captcha/vendor-sightings.ts): detect, report, fill. Once per
// frame, however often the background injects it; never in a vendor's own frame.
export default defineUnlistedScript(() => {
  const g = globalThis as { [key: symbol]: unknown };
  const once = Symbol.for('anysolver.detector');
  if (g[once] || isVendorFrame(location.href)) return;
  g[once] = true;
  const life = new AbortController();
  const runtime = createRuntimePort();
  startCaptchaController({
    doc: document,
    href: () => location.href,
    modules: vendorModules,
    // After an extension reload this copy is orphaned: its first failed send stops it.
    port: { ...runtime, send: (m) => runtime.send(m).then((r) => (runtime.alive() ? r : life.abort())) },
    signal: life.signal,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  });
});
