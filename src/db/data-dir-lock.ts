// PGlite is a single-process database: two Rapport processes on one data folder would corrupt it.
// A pid file in the folder refuses the second one with a clear message; a stale file (its process
// is gone) is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { RapportError } from '../core/errors.ts';

export async function acquireDataDirLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'rapport.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new RapportError('db.data_dir_busy', `Another Rapport process (pid ${pid}) is using the data folder ${dataDir}. Stop it first, or set RAPPORT_DATA_DIR to another folder.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new RapportError('db.data_dir_lock', `Cannot lock the data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
