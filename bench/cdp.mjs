// Chrome DevTools Protocol probes used by the benchmark: which extension scripts a page's frames
// evaluate (bytes), and how much main-thread time they take (tracing).

/**
 * Navigate `page` to `url` while listening to Debugger.scriptParsed, and return the extension's
 * scripts evaluated in the main frame: { url, world, chars } (unique per frame and content hash).
 * Scripts injected with `scripting.executeScript({ func })` have no URL: they are counted as '(inline)'.
 */
export async function extensionScriptsIn(context, page, extensionId, url, settleMs = 500) {
  const cdp = await context.newCDPSession(page);
  const parsed = [];
  cdp.on('Debugger.scriptParsed', (e) => parsed.push(e));
  await cdp.send('Debugger.enable');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  const frameTree = await cdp.send('Page.getFrameTree');
  await cdp.send('Debugger.disable').catch(() => {});
  await cdp.detach().catch(() => {});
  const mainFrame = frameTree.frameTree.frame.id;
  const prefix = `chrome-extension://${extensionId}/`;
  const seen = new Set();
  const scripts = [];
  for (const e of parsed) {
    const aux = e.executionContextAuxData ?? {};
    if (aux.frameId !== mainFrame || e.length === 0) continue;
    const ours = e.url.startsWith(prefix) || (e.url === '' && aux.isDefault === false);
    if (!ours || seen.has(`${e.url}|${e.hash}`)) continue;
    seen.add(`${e.url}|${e.hash}`);
    scripts.push({
      url: e.url ? e.url.slice(prefix.length) : '(inline)',
      world: aux.type ?? '?',
      chars: e.length,
    });
  }
  return scripts;
}

/**
 * Trace `action` (e.g. a navigation) and return the main-thread time spent in the extension's scripts
 * per frame: wall time (`dur`) and thread CPU time (`tdur`) of EvaluateScript and FunctionCall trace
 * events whose script URL is the extension's, nested events merged (union of intervals per thread).
 */
export async function extensionMainThreadTime(context, page, extensionId, action) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  });
  await action();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach().catch(() => {});
  return {
    frames: attributeByFrame(events, `chrome-extension://${extensionId}/`),
    rendererMainMs: rendererMainThreadMs(events),
  };
}

/**
 * Busy time of every renderer main thread in the trace (`CrRendererMain`, named by metadata events):
 * top-level `RunTask` wall time, nested tasks merged. The denominator of the extension's share.
 */
export function rendererMainThreadMs(events) {
  const main = new Set();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  }
  const byThread = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !main.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push([e.ts, e.ts + (e.dur ?? 0)]);
    byThread.set(thread, list);
  }
  let total = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let end = -Infinity;
    for (const [s, t] of list) {
      if (t <= end) continue;
      total += t - Math.max(s, end);
      end = t;
    }
  }
  return total / 1000;
}

/**
 * Sum, per frame, the merged intervals of trace events running the extension's scripts (exported for tests).
 */
export function attributeByFrame(events, urlPrefix) {
  const byFrame = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'EvaluateScript' && e.name !== 'FunctionCall')) continue;
    const data = e.args?.data ?? {};
    if (typeof data.url !== 'string' || !data.url.startsWith(urlPrefix) || !data.frame) continue;
    const list = byFrame.get(data.frame) ?? [];
    list.push({ thread: `${e.pid}:${e.tid}`, start: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur ?? 0 });
    byFrame.set(data.frame, list);
  }
  const frames = [];
  for (const [frame, list] of byFrame) {
    list.sort((a, b) => a.start - b.start);
    let wall = 0;
    let cpu = 0;
    let cur = null;
    for (const iv of list) {
      // A nested event (inside the current one) adds nothing: its time is already counted.
      if (cur && iv.thread === cur.thread && iv.start < cur.end) {
        if (iv.end > cur.end) {
          wall += iv.end - cur.end;
          cur.end = iv.end;
        }
        continue;
      }
      cur = { ...iv };
      wall += iv.end - iv.start;
      cpu += iv.cpu;
    }
    frames.push({ frame, wallMs: wall / 1000, cpuMs: cpu / 1000, events: list.length });
  }
  return frames;
}
