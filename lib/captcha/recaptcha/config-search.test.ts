import { describe, expect, it } from 'vitest';
import { findWidgetParams, resolveCallback } from './config-search';

describe('findWidgetParams', () => {
  it('finds the parameters two levels deep under minified names', () => {
    const params = { sitekey: 'key', callback: 'onOk', size: 'normal' };
    const client = { id: 0, Nm: {}, O: { O: params, Ee: null }, zq: [] };
    expect(findWidgetParams(client)).toBe(params);
  });

  it.each([
    ['one release', (p: object) => ({ O: { O: p } })],
    ['another release', (p: object) => ({ aa: 1, Bf: { kL: { a: [1, 2] }, Rt: p } })],
    ['inside an array', (p: object) => ({ zq: [null, { x: p }] })],
  ])('does not depend on property names (%s)', (_name, build) => {
    const params = { sitekey: 'k2', action: 'login' };
    expect(findWidgetParams(build(params))).toBe(params);
  });

  it('survives cycles', () => {
    const client: Record<string, unknown> = { id: 1 };
    client.self = client;
    client.O = { back: client, O: { sitekey: 'cyc' } };
    expect(findWidgetParams(client)?.sitekey).toBe('cyc');
    const noKey: Record<string, unknown> = {};
    noKey.a = { b: noKey };
    expect(findWidgetParams(noKey)).toBeNull();
  });

  it('stops at the depth bound', () => {
    let deep: Record<string, unknown> = { sitekey: 'too-deep' };
    for (let i = 0; i < 10; i++) deep = { n: deep };
    expect(findWidgetParams(deep, { maxDepth: 5, maxNodes: 100 })).toBeNull();
    expect(findWidgetParams(deep, { maxDepth: 12, maxNodes: 100 })?.sitekey).toBe('too-deep');
  });

  it('stops at the node bound', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) wide[`k${i}`] = { v: i };
    wide.zz = { sitekey: 'late' };
    expect(findWidgetParams(wide, { maxDepth: 5, maxNodes: 10 })).toBeNull();
  });

  it('skips DOM nodes, throwing getters and non-string sitekeys', () => {
    const trap = {
      get boom() {
        throw new Error('getter');
      },
    };
    const node = { nodeType: 1, child: { sitekey: 'from-dom' } };
    expect(
      findWidgetParams({ a: trap, b: node, c: { sitekey: 5 }, d: { e: { sitekey: 'ok' } } })?.sitekey,
    ).toBe('ok');
    expect(findWidgetParams(null)).toBeNull();
    expect(findWidgetParams('sitekey')).toBeNull();
  });
});

describe('resolveCallback', () => {
  const fn = () => 'called';
  const win = { onDone: fn, app: { handlers: { ok: fn }, notFn: 1 } };

  it.each([
    ['a function', fn, true],
    ['a global name', 'onDone', true],
    ['a dotted name', 'app.handlers.ok', true],
    ['a missing name', 'nope', false],
    ['a dotted path through a non-function', 'app.notFn', false],
    ['an empty name', '', false],
    ['an empty segment', 'app..ok', false],
    ['a prototype escape', 'constructor.constructor', false],
    ['a __proto__ path', 'app.__proto__.toString', false],
    ['a number', 42, false],
  ])('%s', (_label, cb, ok) => {
    expect(resolveCallback(win, cb) !== null).toBe(ok);
  });

  it('keeps the owner as `this` for dotted names', () => {
    const owner = {
      seen: '' as unknown,
      fn(this: { seen: unknown }, t: string) {
        this.seen = t;
      },
    };
    const r = resolveCallback({ owner }, 'owner.fn')!;
    Reflect.apply(r.fn, r.self, ['tok']);
    expect(owner.seen).toBe('tok');
  });
});
