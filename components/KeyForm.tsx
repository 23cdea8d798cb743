import { useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';
import { describedBy, managedNoteId, useLocked } from '@/lib/ui/managed-lock';
import { ManagedNote } from './ManagedNote';

/** The client-key form: a masked "Client key" field with show/hide, optionally "API endpoint", and "Save". */
export interface KeyFormProps {
  busy: boolean;
  /** The API's error in words, shown under the form. */
  error: string | null;
  /** Shown as the field's placeholder when a key is already saved (e.g. `anys…9f2c`). */
  masked?: string;
  /** When set, the form also edits the API endpoint. */
  endpoint?: string;
  /** Resolves true when the key was accepted (the field is then emptied). */
  onSave(key: string, endpoint?: string): Promise<boolean>;
  idPrefix: string;
}

export function KeyForm({ busy, error, masked, endpoint, onSave, idPrefix }: KeyFormProps) {
  const [key, setKey] = useState('');
  const [url, setUrl] = useState(endpoint ?? '');
  const [shown, setShown] = useState(false);
  const keyId = `${idPrefix}-key`;
  const errorId = `${idPrefix}-error`;
  const keyLocked = useLocked(keyId);
  const endpointLocked = useLocked(`${idPrefix}-endpoint`);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!key.trim()) return;
    void onSave(key.trim(), endpoint === undefined ? undefined : url.trim()).then((ok) => {
      if (ok) setKey('');
    });
  };
  return (
    <form class="key-form" onSubmit={submit} aria-busy={busy}>
      <label for={keyId}>{t('clientKeyLabel')}</label>
      <div class="row">
        <input
          id={keyId}
          name="clientKey"
          // Preact's input typing splits text and password; the element is the same.
          type={(shown ? 'text' : 'password') as 'text'}
          autocomplete="off"
          spellcheck={false}
          placeholder={masked ?? 'anysolver_…'}
          value={key}
          aria-invalid={error ? true : undefined}
          disabled={keyLocked}
          aria-describedby={describedBy(error && errorId, keyLocked && managedNoteId(keyId))}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button
          type="button"
          class="secondary"
          aria-pressed={shown}
          aria-controls={keyId}
          onClick={() => setShown(!shown)}
        >
          {shown ? t('hideKey') : t('showKey')}
        </button>
      </div>
      {keyLocked && <ManagedNote id={keyId} />}
      {endpoint !== undefined && (
        <>
          <label for={`${idPrefix}-endpoint`}>{t('endpointLabel')}</label>
          <input
            id={`${idPrefix}-endpoint`}
            name="endpoint"
            type="url"
            value={url}
            disabled={endpointLocked || keyLocked}
            aria-describedby={endpointLocked ? managedNoteId(`${idPrefix}-endpoint`) : undefined}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          {endpointLocked && <ManagedNote id={`${idPrefix}-endpoint`} />}
        </>
      )}
      <button type="submit" disabled={busy || keyLocked || !key.trim()}>
        {busy ? t('saving') : t('save')}
      </button>
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
