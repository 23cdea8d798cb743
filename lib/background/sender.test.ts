import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classifySender, extensionOrigin, type MessageSender } from './sender';

const ID = 'ours';
const ORIGIN = 'chrome-extension://ours/';
const classify = (s: MessageSender) => classifySender(s, ORIGIN, ID);
const tab = (id: number, url = 'https://shop.test/') => ({ id, url }) as MessageSender['tab'];

describe('classifySender', () => {
  it('an extension page of ours (popup, options, DevTools panel) speaks the page protocol', () => {
    expect(classify({ id: ID, url: `${ORIGIN}popup.html` })).toEqual({ kind: 'page' });
    // Opened in a tab, it is still a page, not a content script.
    expect(classify({ id: ID, url: `${ORIGIN}options.html`, tab: tab(4), frameId: 0 })).toEqual({
      kind: 'page',
    });
  });

  it('a content script in a tab frame: the tab, frame and document as the browser reports them', () => {
    const from = classify({
      id: ID,
      url: 'https://widgets.test/frame',
      tab: tab(7, 'https://shop.test/cart'),
      frameId: 3,
      documentId: 'DOC',
    } as MessageSender);
    expect(from).toEqual({
      kind: 'content',
      tabId: 7,
      frameId: 3,
      documentId: 'DOC',
      frameUrl: 'https://widgets.test/frame',
      topUrl: 'https://shop.test/cart',
    });
    // Firefox ESR 140 names no document; a tab without a URL gives no top URL.
    expect(classify({ id: ID, url: 'http://a.test/', tab: { id: 1 } as never, frameId: 0 })).toEqual({
      kind: 'content',
      tabId: 1,
      frameId: 0,
      documentId: undefined,
      frameUrl: 'http://a.test/',
    });
  });

  it('another extension, or a web page (no externally_connectable: only another id could reach us)', () => {
    expect(classify({ id: 'other', url: 'chrome-extension://other/page.html' })).toEqual({ kind: 'foreign' });
    expect(classify({ id: 'other', url: 'https://evil.test/', tab: tab(2), frameId: 0 })).toEqual({
      kind: 'foreign',
    });
    // A page claiming our origin in a path is still a web page.
    expect(classify({ id: 'other', url: `https://evil.test/${ORIGIN}` })).toEqual({ kind: 'foreign' });
  });

  it('missing or odd fields: no tab, no frame, a negative tab id, a non-web URL → not ours', () => {
    expect(classify({ id: ID })).toEqual({ kind: 'foreign' });
    expect(classify({ id: ID, url: 'https://a.test/' })).toEqual({ kind: 'foreign' });
    expect(classify({ id: ID, url: 'https://a.test/', tab: tab(3) })).toEqual({ kind: 'foreign' });
    expect(classify({ id: ID, url: 'https://a.test/', tab: tab(-1), frameId: 0 })).toEqual({
      kind: 'foreign',
    });
    expect(classify({ id: ID, url: 'file:///etc/passwd', tab: tab(3), frameId: 0 })).toEqual({
      kind: 'foreign',
    });
    expect(classify({ url: `${ORIGIN}popup.html` })).toEqual({ kind: 'foreign' });
  });

  it("extensionOrigin is the runtime's own origin", () => {
    expect(extensionOrigin(fakeBrowser)).toBe(fakeBrowser.runtime.getURL('/'));
  });
});
