// Proves a progress bar is drawn on a terminal for a large re-embed and not for a small one.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEmbedProgress, PROGRESS_FROM } from '../../../src/embeddings/embed-progress.ts';

function terminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: (_x: number, _y?: unknown, cb?: () => void) => { cb?.(); return true; }, clearLine: (_d: number, cb?: () => void) => { cb?.(); return true; }, moveCursor: (_x: number, _y: number, cb?: () => void) => { cb?.(); return true; } });
  let written = '';
  stream.on('data', (c) => { written += String(c); });
  return { stream, written: () => written };
}

describe('createEmbedProgress', () => {
  it('GIVEN fewer texts than the bar threshold THEN nothing is drawn', () => {
    expect(createEmbedProgress(terminal().stream, 'kb', PROGRESS_FROM - 1)).toBeUndefined();
  });

  it('GIVEN a large re-embed on a terminal THEN the bar shows the label and the count', () => {
    const t = terminal();
    const bar = createEmbedProgress(t.stream, 'Embedding console:t', 500);
    expect(bar).toBeDefined();
    bar!.update(128);
    bar!.stop();
    expect(t.written()).toMatch(/Embedding console:t .*\/500 texts embedded/);
  });
});
