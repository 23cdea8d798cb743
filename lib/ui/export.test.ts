// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, csvField, downloadText, toCsv, toJson } from './export';
import { record, T0 } from './fixtures';

/** A small RFC 4180 reader, to check that what toCsv writes reads back to the same fields. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('toCsv', () => {
  it('writes a header and one row per record, times as ISO 8601', () => {
    const rows = readCsv(toCsv([record(), record({ at: T0 + 1000, status: 'failed', cost: undefined })]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1]![0]).toBe('2025-01-15T12:00:00.000Z');
    expect(rows[1]![CSV_COLUMNS.indexOf('cost')]).toBe('0.001');
    expect(rows[2]![CSV_COLUMNS.indexOf('status')]).toBe('failed');
    expect(rows[2]![CSV_COLUMNS.indexOf('cost')]).toBe('');
  });

  it('quotes commas, quotes and line breaks so the text reads back unchanged', () => {
    const message = 'Provider said: "no", then\r\nsomething, else';
    const csv = toCsv([record({ errorMessage: message })]);
    expect(csv).toContain('"Provider said: ""no"", then\r\nsomething, else"');
    expect(readCsv(csv)[1]![CSV_COLUMNS.indexOf('errorMessage')]).toBe(message);
  });

  it('words the reason with the given renderer, and keeps the API description as data', () => {
    const r = record({ errorNotice: { key: 'err_TASK_TIMEOUT' }, errorDescription: 'Provider timed out' });
    const row = readCsv(toCsv([r], (x) => `words for ${x.errorNotice?.key}`))[1]!;
    expect(row[CSV_COLUMNS.indexOf('errorMessage')]).toBe('words for err_TASK_TIMEOUT');
    expect(row[CSV_COLUMNS.indexOf('errorDescription')]).toBe('Provider timed out');
  });

  it('defuses spreadsheet formulas in text that comes from outside', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });

  it('is just the header for no records', () => {
    expect(toCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('toJson', () => {
  it('round-trips the records', () => {
    const records = [record(), record({ at: T0 + 5 })];
    expect(JSON.parse(toJson(records))).toEqual(records);
  });
});

describe('downloadText', () => {
  it('clicks a temporary <a download> on a Blob URL and removes it', async () => {
    const blobs: Blob[] = [];
    const clicked: Array<{ href: string; download: string }> = [];
    const revoke = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    downloadText(
      {
        document,
        createObjectURL: (b) => {
          blobs.push(b);
          return 'blob:test/1';
        },
        revokeObjectURL: revoke,
      },
      'h.csv',
      'a,b\r\n',
      'text/csv',
    );
    expect(click).toHaveBeenCalledOnce();
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'h.csv' }]);
    expect(await blobs[0]!.text()).toBe('a,b\r\n');
    expect(blobs[0]!.type).toBe('text/csv');
    expect(document.querySelector('a')).toBeNull();
    await new Promise((r) => setTimeout(r, 1));
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
