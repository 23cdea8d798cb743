import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';
import { describedBy, managedNoteId, useLocked } from '@/lib/ui/managed-lock';
import { formatSiteList, parseSiteList } from '@/lib/ui/site-rules';
import { ManagedNote } from './ManagedNote';

export interface SiteListFieldProps {
  id: string;
  label: string;
  hint: string;
  patterns: readonly string[];
  onCommit(patterns: string[]): void;
}

/** One site list (allow or deny): a textarea of host patterns, committed on change, bad lines named. */
export function SiteListField({ id, label, hint, patterns, onCommit }: SiteListFieldProps) {
  const [text, setText] = useState(formatSiteList(patterns));
  const [invalid, setInvalid] = useState<string[]>([]);
  useEffect(() => setText(formatSiteList(patterns)), [patterns.join('\n')]);
  const locked = useLocked(id);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        spellcheck={false}
        value={text}
        aria-invalid={invalid.length ? true : undefined}
        disabled={locked}
        aria-describedby={describedBy(`${id}-hint`, locked && managedNoteId(id))}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const parsed = parseSiteList(e.currentTarget.value);
          setInvalid(parsed.invalid);
          onCommit(parsed.patterns);
        }}
      />
      <p id={`${id}-hint`} class={invalid.length ? 'hint error' : 'hint'}>
        {invalid.length ? t('invalidPatterns', invalid.join(', ')) : hint}
      </p>
      {locked && <ManagedNote id={id} />}
    </div>
  );
}
