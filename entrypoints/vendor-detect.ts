import { startCaptchaController } from '@/lib/captcha/content/controller';
import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { vendorModules } from '@/lib/captcha/registry';

// Injected by the background (scripting.executeScript, isolated world) into a frame whose content script
// saw a captcha vendor: detect, report, fill. Once per frame, however often the background injects it.
export default defineUnlistedScript(() => {
  const g = globalThis as { [key: symbol]: unknown };
  const once = Symbol.for('anysolver.detector');
  if (g[once]) return;
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
