// Proves hostile input is harmless on real PostgreSQL: a NUL in a question no longer stops the unanswered-question log, names typed after a command are looked up as own keys only (/privacy constructor is a usage message), and dashboard assets named like Object.prototype members are 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardApp, type DashboardApp } from '../unit/web/support/dashboard-app.ts';

describe('input hygiene', () => {
  let d: DashboardApp;
  beforeAll(async () => {
    d = await startDashboardApp();
  });
  afterAll(async () => {
    await d.close();
  });

  it('GIVEN a question holding NUL and control characters WHEN members ask it and another THEN both are logged, without the control characters', async () => {
    await d.command('ann', false, 'how do I reset my \u0000password\u0007 on the staging server?');
    await d.command('bob', false, 'where do I find the release notes for the new version?');
    // The log is written behind; a read of the open questions writes what waits.
    await d.app.rapport.ports.answering.flush();
    const rows = await d.app.db.prisma.answerLog.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.question)).toEqual(['how do I reset my password on the staging server?', 'where do I find the release notes for the new version?']);
  });

  it('GIVEN a subcommand named like an Object.prototype member THEN the member gets the usage message, not an internal error', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const printed = await d.command('ann', false, `/privacy ${name}`);
      expect(printed).toContain('/privacy needs one of: show, profiling, dms, mentions, export, delete');
      expect(printed).not.toMatch(/internal|went wrong/i);
    }
  });

  it('GIVEN a dashboard asset path named like an Object.prototype member THEN the answer is 404, and a real asset is still served', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const response = await d.get(`/dashboard/assets/${name}`);
      expect(response.status).toBe(404);
    }
    expect((await d.get('/dashboard/assets/dashboard.css')).status).toBe(200);
  });
});
