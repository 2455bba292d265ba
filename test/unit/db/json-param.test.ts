// jsonParam: the JSON Rapport sends for a $n::jsonb parameter has no lone surrogate escape (which
// PostgreSQL refuses), and is JSON.stringify's output whenever there was none to replace.
import { describe, expect, it } from 'vitest';
import { jsonParam } from '../../../src/db/raw-query.ts';

describe('jsonParam', () => {
  it('GIVEN strings with half an emoji, at any depth THEN each half becomes U+FFFD and whole emoji stay', () => {
    const json = jsonParam([{ text: 'cut \ud83d', name: { first: '\ude00x' } }, ['😀']]);
    expect(json).not.toMatch(/\\ud[89a-f]/i);
    expect(JSON.parse(json)).toEqual([{ text: 'cut \ufffd', name: { first: '\ufffdx' } }, ['😀']]);
  });

  it('GIVEN no lone surrogate (a backslash before "ud" included) THEN the output is JSON.stringify\'s', () => {
    for (const value of [{ path: 'C:\\udev\\x' }, ['😀', 'plain', 1, null, true], 'Здравейте']) expect(jsonParam(value)).toBe(JSON.stringify(value));
  });
});
