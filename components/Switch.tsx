import { describedBy, managedNoteId, useLocked } from '@/lib/ui/managed-lock';
import { ManagedNote } from './ManagedNote';

/** A labelled on/off switch (a checkbox with role="switch": Space toggles it, the label names it). */
export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  /** Extra words under the label, linked as the accessible description. */
  hint?: string;
  id: string;
}

export function Switch({ label, checked, onChange, disabled, hint, id }: SwitchProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const locked = useLocked(id);
  return (
    <div class="switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        disabled={disabled || locked}
        aria-describedby={describedBy(hintId, locked && managedNoteId(id))}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {locked && <ManagedNote id={id} />}
    </div>
  );
}
