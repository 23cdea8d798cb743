// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { trapGlobal, trapProperty } from './traps';

/** A fresh window-like object whose prototype is its own (so tests do not leak into each other). */
function fakeWindow(): Record<string, unknown> {
  return Object.create(Object.create(Object.prototype)) as Record<string, unknown>;
}

describe('trapGlobal', () => {
  it('does not create the global before the vendor assigns it', () => {
    const win = fakeWindow();
    trapGlobal(win, 'turnstile', (v) => v);
    expect(win.turnstile).toBeUndefined();
    expect(Object.hasOwn(win, 'turnstile')).toBe(false);
    expect(Object.keys(win)).toEqual([]);
  });

  it('passes the assigned value through the handler and keeps it configurable', () => {
    const win = fakeWindow();
    trapGlobal(win, 'vendor', (v) => ({ wrapped: v }));
    win.vendor = 1;
    expect(win.vendor).toEqual({ wrapped: 1 });
    expect(Object.getOwnPropertyDescriptor(win, 'vendor')?.configurable).toBe(true);
    // Later assignments (a second loader) are seen too.
    win.vendor = 2;
    expect(win.vendor).toEqual({ wrapped: 2 });
    delete win.vendor;
    expect(Object.hasOwn(win, 'vendor')).toBe(false);
  });

  it('wraps an existing global in place', () => {
    const win = fakeWindow();
    win.grecaptcha = { n: 1 };
    trapGlobal(win, 'grecaptcha', (v) => ({ ...(v as object), seen: true }));
    expect(win.grecaptcha).toEqual({ n: 1, seen: true });
  });

  it('chains several hooks on one name, and a throwing hook keeps the value', () => {
    const win = fakeWindow();
    trapGlobal(win, 'x', (v) => `${v}a`);
    trapGlobal(win, 'x', () => {
      throw new Error('hook bug');
    });
    trapGlobal(win, 'x', (v) => `${v}b`);
    win.x = 'v';
    expect(win.x).toBe('vab');
  });

  it('works on the real window without making it visible', () => {
    trapGlobal(window, '__h3TestVendor', (v) => v);
    const w = window as unknown as Record<string, unknown>;
    expect(w.__h3TestVendor).toBeUndefined();
    expect(Object.hasOwn(window, '__h3TestVendor')).toBe(false);
    w.__h3TestVendor = 5;
    expect(w.__h3TestVendor).toBe(5);
    expect(Object.hasOwn(window, '__h3TestVendor')).toBe(true);
  });
});

describe('trapProperty', () => {
  it('sees a method assigned after the object exists, Closure-export style', () => {
    const g: Record<string, unknown> = {};
    trapProperty(g, 'execute', (fn) => (typeof fn === 'function' ? () => `wrapped:${fn()}` : fn));
    g.execute = () => 'native';
    expect((g.execute as () => string)()).toBe('wrapped:native');
  });

  it('wraps an existing property in place', () => {
    const g: Record<string, unknown> = { execute: () => 1 };
    trapProperty(g, 'execute', (fn) => () => (fn as () => number)() + 1);
    expect((g.execute as () => number)()).toBe(2);
  });

  it('leaves frozen objects alone without throwing', () => {
    const g = Object.freeze({ execute: () => 1 });
    expect(() => trapProperty(g, 'execute', () => () => 2)).not.toThrow();
    expect(g.execute()).toBe(1);
  });
});
