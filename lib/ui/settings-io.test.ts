import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/settings';
import { exportSettings, parseSettingsImport, SETTINGS_FILE_FORMAT } from './settings-io';

const file = (over: Record<string, unknown>) =>
  JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: defaultSettings(), ...over });

describe('settings export', () => {
  it('leaves the key out unless asked, and re-imports to the same settings', () => {
    const s = { ...defaultSettings(), autoSubmit: true, sites: { allow: [], deny: ['*.bank.example'] } };
    const text = exportSettings(s);
    expect(text).not.toContain('clientKey');
    expect(parseSettingsImport(text)).toEqual({ ok: true, settings: s, clientKey: undefined });
  });

  it('carries the key when asked', () => {
    const result = parseSettingsImport(exportSettings(defaultSettings(), 'anysolver_abc12345'));
    expect(result.ok && result.clientKey).toBe('anysolver_abc12345');
  });
});

describe('settings import validation', () => {
  it.each([
    ['not JSON', '{oops', { ok: false, reason: 'notJson' }],
    ['another JSON file', '{"name":"x"}', { ok: false, reason: 'wrongFormat' }],
    ['an array', '[1]', { ok: false, reason: 'wrongFormat' }],
    [
      'a polling interval below the minimum',
      file({ settings: { ...defaultSettings(), polling: { ...defaultSettings().polling, intervalMs: 10 } } }),
      { ok: false, reason: 'invalidField', field: 'settings.polling.intervalMs' },
    ],
    [
      'a wrong type',
      file({ settings: { ...defaultSettings(), autoSolve: 'yes' } }),
      { ok: false, reason: 'invalidField', field: 'settings.autoSolve' },
    ],
    ['an unknown version', file({ version: 2 }), { ok: false, reason: 'invalidField', field: 'version' }],
  ])('refuses %s', (_name, text, expected) => {
    expect(parseSettingsImport(text)).toEqual(expected);
  });

  it('fills fields missing from an older file with defaults', () => {
    const result = parseSettingsImport(
      JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: { autoSolve: false } }),
    );
    expect(result).toEqual({
      ok: true,
      settings: { ...defaultSettings(), autoSolve: false },
      clientKey: undefined,
    });
  });
});
