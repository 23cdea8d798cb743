import { describedBy, managedNoteId, useLocked } from '@/lib/ui/managed-lock';
import { ManagedNote } from './ManagedNote';

/** A labelled select; each option's hint says what the choice does. */
export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  hint?: string;
  onChange(value: string): void;
}

export function SelectField({ id, label, value, options, hint, onChange }: SelectFieldProps) {
  const locked = useLocked(id);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={locked}
        aria-describedby={describedBy(hint && `${id}-hint`, locked && managedNoteId(id))}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {locked && <ManagedNote id={id} />}
    </div>
  );
}
