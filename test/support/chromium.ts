// Finds the Chromium the dashboard browser test drives, in this order: CHROMIUM_PATH, playwright's
// own browser cache (what `npx playwright-core install chromium` downloads), then Debian's
// /usr/bin/chromium. The one place that reads CHROMIUM_PATH; global-setup.ts stops the run when
// nothing is found, so the browser test never fails on a missing executable.
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_INSTALL =
  'Install it (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright-core install chromium) or set CHROMIUM_PATH to an existing Chromium or Chrome executable.';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export type ChromiumLookup = { path: string; from: string } | { missing: string };

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's own download of Chromium, when one is installed (executablePath() names where it would be). */
function playwrightChromium(): string | undefined {
  try {
    const file = chromium.executablePath();
    return file && executable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium(env: Record<string, string | undefined> = process.env): ChromiumLookup {
  const configured = env['CHROMIUM_PATH'];
  if (configured !== undefined && configured !== '') {
    // A path given on purpose that does not work is a mistake to report, not a reason to fall back.
    return executable(configured) ? { path: configured, from: 'CHROMIUM_PATH' } : { missing: `CHROMIUM_PATH=${configured} is not an executable file.` };
  }
  const cached = playwrightChromium();
  if (cached) return { path: cached, from: "playwright's browser cache" };
  if (executable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, from: DEBIAN_CHROMIUM };
  return { missing: `Chromium was not found (CHROMIUM_PATH is unset, playwright's browser cache has none, ${DEBIAN_CHROMIUM} is missing).` };
}

/** The Chromium to launch; throws the fix-it message when there is none. */
export function chromiumPath(env?: Record<string, string | undefined>): string {
  const found = findChromium(env);
  if ('missing' in found) throw new Error(`${found.missing} The dashboard browser test needs it. ${CHROMIUM_INSTALL}`);
  return found.path;
}
