import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';

export interface DataPanelProps {
  onExport(includeKey: boolean): void;
  /** Receives the chosen file's text. */
  onImport(text: string): void;
  onClearAll(): void;
}

/** Settings export/import and "Clear all data" (two steps: the first click only asks). */
export function DataPanel({ onExport, onImport, onClearAll }: DataPanelProps) {
  const [includeKey, setIncludeKey] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The button that was focused is replaced by the question: move focus to its safe answer.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  return (
    <>
      <div class="row wrap">
        <button type="button" onClick={() => onExport(includeKey)}>
          {t('exportSettings')}
        </button>
        <div class="switch">
          <input
            id="export-key"
            type="checkbox"
            checked={includeKey}
            aria-describedby="export-key-hint"
            onChange={(e) => setIncludeKey(e.currentTarget.checked)}
          />
          <label for="export-key">{t('exportIncludeKey')}</label>
          <p id="export-key-hint" class="hint">
            {t('exportIncludeKeyHint')}
          </p>
        </div>
      </div>
      <div class="field">
        <label for="import-file">{t('importSettings')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (file) onImport(await file.text());
            input.value = '';
          }}
        />
      </div>
      <div class="danger-zone">
        {confirming ? (
          <fieldset>
            <legend class="error">{t('clearAllConfirm')}</legend>
            <div class="row">
              <button
                type="button"
                class="danger"
                onClick={() => {
                  setConfirming(false);
                  onClearAll();
                }}
              >
                {t('clearAllYes')}
              </button>
              <button type="button" class="secondary" ref={cancelRef} onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            {t('clearAll')}
          </button>
        )}
      </div>
    </>
  );
}
