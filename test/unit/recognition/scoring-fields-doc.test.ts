// Proves docs/recognition.md lists every field RAPPORT_SCORING_FILE accepts, with its real default.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRecognitionConfig } from '../../../src/core/recognition/recognition-config.ts';

const DOC = new URL('../../../docs/recognition.md', import.meta.url);

describe('the scoring fields table', () => {
  it('GIVEN the recognition config schema THEN the docs table has each field but timeZone, with its default', () => {
    const section = readFileSync(DOC, 'utf8').split('## Changing the model')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]!.trim()]);
    const expected = Object.entries(defaultRecognitionConfig).filter(([k]) => k !== 'timeZone').map(([k, v]) => [k, JSON.stringify(v)]);
    expect(rows).toEqual(expected);
  });
});
