// The progress bar history imports show on stderr: messages done of all, rate and ETA (cli-progress).
import cliProgress from 'cli-progress';
import type { Language } from '../core/ports.ts';

export interface ImportProgress {
  update(done: number): void;
  stop(): void;
}

const LABEL: Record<Language, { check: string; import: string; unit: string; files: string }> = {
  en: { check: 'Checking ', import: 'Importing', unit: 'messages', files: 'files' },
  bg: { check: 'Проверка ', import: 'Внасяне  ', unit: 'съобщения', files: 'файла' },
};

export function createImportProgress(stream: NodeJS.WritableStream, total: number, phase: 'check' | 'import', language: Language): ImportProgress {
  const words = LABEL[language];
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: `${words[phase]} [{bar}] {percentage}% | {value}/{total} ${phase === 'check' ? words.files : words.unit} | {rate}/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
      etaBuffer: 50,
      hideCursor: false,
    },
    cliProgress.Presets.legacy,
  );
  const started = performance.now();
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  return {
    update(done) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
