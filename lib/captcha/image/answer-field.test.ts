// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { inferAnswerField } from './answer-field';

const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');

describe('inferAnswerField', () => {
  it.each<[string, string, string | null]>([
    [
      'name hint wins over proximity',
      '<form><input name="user"><img id="cap" src="/c.png">' +
        '<input name="note"><input name="captcha_code"></form>',
      'captcha_code',
    ],
    [
      'placeholder hint',
      '<form><img id="cap" src="/c.png"><input name="a"><input ' +
        'name="b" placeholder="Enter the code shown"></form>',
      'b',
    ],
    [
      'no hints: the nearest field after the image',
      '<form><input name="x"><img id="cap" src="/c.png"><input name="y"><input name="z"></form>',
      'y',
    ],
    [
      'skips hidden, password, disabled and readonly fields',
      '<form><img id="cap" src="/c.png"><input type="hidden" name="h"><input type="password" ' +
        'name="p"><input name="d" disabled><input name="r" readonly><input name="ok"></form>',
      'ok',
    ],
    [
      'never a username or e-mail field',
      '<form><img id="cap" src="/c.png"><input name="username"><input name="email"></form>',
      null,
    ],
    [
      'outside a form: nearest ancestor holding inputs',
      '<div><div><img id="cap" src="/c.png"></div><input name="answer"></div>',
      'answer',
    ],
    ['no input around', '<div><img id="cap" src="/c.png"></div>', null],
  ])('%s', (_name, html, expected) => {
    const doc = parse(html);
    expect(inferAnswerField(doc.getElementById('cap')!)?.getAttribute('name') ?? null).toBe(expected);
  });
});
