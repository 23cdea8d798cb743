import { useEffect, useState } from 'preact/hooks';
import type { NumberBounds } from '@/lib/settings';
import { t } from '@/lib/ui/i18n';
import { describedBy, managedNoteId, useLocked } from '@/lib/ui/managed-lock';
import { ManagedNote } from './ManagedNote';

export interface NumberFieldProps {
  id: string;
  label: string;
  /** Stored value. */
  value: number;
  /** Shown value = stored / scale (e.g. 1000 to edit milliseconds as seconds). */
  scale?: number;
  /** Bounds and step in shown units. */
  min: number;
  max: number;
  step?: number;
  /** Commit whole numbers only (the stored value is rounded). */
  integer?: boolean;
  hint?: string;
  onCommit(value: number): void;
}

/**
 * The props of a field for a number setting, from its bounds in lib/settings.ts (stored units) shown
 * in units of `scale` (1000: milliseconds edited as seconds).
 */
export function boundsProps(b: NumberBounds, scale = 1) {
  return {
    scale,
    min: b.min / scale,
    max: b.max / scale,
    ...(b.step !== undefined ? { step: b.step / scale } : {}),
    integer: b.int ?? false,
  };
}

/** A labelled number input that commits on change (blur or Enter) and explains an out-of-range value. */
export function NumberField({
  id,
  label,
  value,
  scale = 1,
  min,
  max,
  step = 1,
  integer = false,
  hint,
  onCommit,
}: NumberFieldProps) {
  const shown = Number((value / scale).toFixed(4));
  const [draft, setDraft] = useState(String(shown));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(String(shown)), [shown]);
  const hintId = `${id}-hint`;
  const locked = useLocked(id);
  const commit = (text: string) => {
    const n = Number(text);
    const ok = text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
    setInvalid(!ok);
    if (!ok) return;
    const stored = Math.round(n * scale * 1e6) / 1e6;
    onCommit(integer ? Math.round(stored) : stored);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-invalid={invalid || undefined}
        disabled={locked}
        aria-describedby={describedBy(hintId, locked && managedNoteId(id))}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => commit(e.currentTarget.value)}
      />
      <p id={hintId} class={invalid ? 'hint error' : 'hint'}>
        {invalid ? t('numberRange', [min, max]) : hint}
      </p>
      {locked && <ManagedNote id={id} />}
    </div>
  );
}
