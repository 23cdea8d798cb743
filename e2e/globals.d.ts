// `chrome` inside functions that Playwright runs in the extension's service worker (sw.evaluate).
// biome-ignore lint/suspicious/noExplicitAny: the real chrome types are not a dependency of the tests
declare const chrome: any;
