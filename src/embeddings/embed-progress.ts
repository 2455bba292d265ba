// A progress bar on stderr while many texts are embedded (a first build or a model change); small
// re-embeds (a few edited entries) draw nothing. cli-progress draws only on a terminal.
import cliProgress from 'cli-progress';
import type { EmbedProgress } from '../core/answers/feature/semantic-answering.ts';

/** Texts below which no bar is drawn. */
export const PROGRESS_FROM = 200;

export function createEmbedProgress(stream: NodeJS.WritableStream, label: string, total: number): EmbedProgress | undefined {
  if (total < PROGRESS_FROM) return undefined;
  const bar = new cliProgress.SingleBar({ stream, clearOnComplete: true, hideCursor: false, format: `${label} [{bar}] {value}/{total} texts embedded` }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
