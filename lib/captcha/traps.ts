/**
 * Property traps for the main world: see a vendor global (or one of its methods) the moment it is
 * assigned, without creating it first and without making anything non-configurable.
 *
 * Why a prototype accessor for globals: Turnstile renders nothing if `window.turnstile` exists before its
 * api.js runs, so the trap must leave `window.x === undefined` and `hasOwnProperty('x') === false` until
 * the vendor assigns it. After the first assignment the value lives in an own, configurable accessor on
 * the object, so later re-assignments (a second loader, hCaptcha's `grecaptcha = hcaptcha`) are seen too.
 */

/** A transform applied to every value assigned to a trapped property; returns the value to store. */
export type OnSet = (value: unknown) => unknown;

interface Trap {
  handlers: OnSet[];
  value: unknown;
}

const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object;
const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);

/** Traps per object and property name, so several hooks can trap the same property. */
const traps = new WeakMap<object, Map<string, Trap>>();

function runAll(trap: Trap, value: unknown, from = 0): unknown {
  let v = value;
  for (let i = from; i < trap.handlers.length; i++) {
    try {
      v = trap.handlers[i]!(v);
    } catch {
      // A hook bug must not lose the vendor's value: keep what we had.
    }
  }
  return v;
}

/** Store the value in an own, configurable accessor that re-runs the handlers on every assignment. */
function defineOwnAccessor(obj: object, name: string, trap: Trap, enumerable: boolean): boolean {
  try {
    defineProperty(obj, name, {
      configurable: true,
      enumerable,
      get: () => trap.value,
      set: (v: unknown) => {
        trap.value = runAll(trap, v);
      },
    });
    return true;
  } catch {
    return false;
  }
}

function trapFor(obj: object, name: string): { trap: Trap; fresh: boolean } {
  let byName = traps.get(obj);
  if (!byName) {
    byName = new Map();
    traps.set(obj, byName);
  }
  const existing = byName.get(name);
  if (existing) return { trap: existing, fresh: false };
  const trap: Trap = { handlers: [], value: undefined };
  byName.set(name, trap);
  return { trap, fresh: true };
}

/** Wrap an already-present property in place. */
function trapExisting(obj: object, name: string, trap: Trap): void {
  const d = getOwnPropertyDescriptor(obj, name);
  if (!d) return;
  const current = d.get ? d.get.call(obj) : d.value;
  if (d.configurable) {
    trap.value = runAll(trap, current);
    defineOwnAccessor(obj, name, trap, d.enumerable ?? true);
  } else if (d.writable) {
    // Non-configurable (e.g. a `var` declaration): wrap this value once, we cannot see later ones.
    (obj as Record<string, unknown>)[name] = runAll(trap, current);
  }
}

/**
 * Trap `win[name]`. If the global exists, wrap it in place; otherwise put a configurable accessor on the
 * window's prototype whose setter moves the (transformed) value into an own accessor on the window.
 */
export function trapGlobal(win: object, name: string, onSet: OnSet): void {
  try {
    const { trap, fresh } = trapFor(win, name);
    trap.handlers.push(onSet);
    if (!fresh) {
      // A second hook on the same name: apply it to the value assigned so far.
      if (hasOwn(win, name) && trap.value !== undefined)
        trap.value = runAll(trap, trap.value, trap.handlers.length - 1);
      return;
    }
    if (hasOwn(win, name)) {
      trapExisting(win, name, trap);
      return;
    }
    if (name in win) return; // inherited from a built-in prototype: not a vendor global, leave it alone
    const proto = getPrototypeOf(win) as object | null;
    if (!proto) return;
    defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get: () => undefined,
      set(this: object, v: unknown) {
        if (this !== win) {
          // Another object inheriting from the prototype: behave like a plain data property.
          defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
          return;
        }
        trap.value = runAll(trap, v);
        defineOwnAccessor(win, name, trap, true);
      },
    });
  } catch {
    // Frozen prototype or exotic window: no trap, the page keeps working.
  }
}

/**
 * Trap `obj[name]` on a vendor object (e.g. `grecaptcha.execute`, assigned after `grecaptcha` itself).
 * Defines an own configurable accessor right away: the object is the vendor's, not a global.
 */
export function trapProperty(obj: object, name: string, onSet: OnSet): void {
  try {
    const { trap, fresh } = trapFor(obj, name);
    trap.handlers.push(onSet);
    if (!fresh) {
      if (trap.value !== undefined) trap.value = runAll(trap, trap.value, trap.handlers.length - 1);
      return;
    }
    if (hasOwn(obj, name)) trapExisting(obj, name, trap);
    else defineOwnAccessor(obj, name, trap, true);
  } catch {
    // A frozen or exotic object: leave it alone.
  }
}
