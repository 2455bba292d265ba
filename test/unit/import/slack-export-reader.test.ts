// Proves the Slack export reader streams messages in time order across channels and stops with file and position on broken input.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slackExportMessageToEvents } from '../../../src/import/slack-export-events.ts';
import { compareTs, openSlackExport, SlackExportError, type SlackExportMessage } from '../../../src/import/slack-export-reader.ts';

const dirs: string[] = [];

async function exportDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-slack-export-'));
  dirs.push(dir);
  const base: Record<string, unknown> = {
    'users.json': [
      { id: 'U1', name: 'alice', profile: { display_name: 'Alice' } },
      { id: 'U2', name: 'bob', profile: { display_name: '' , real_name: 'Bob B' } },
      { id: 'U9', name: 'helperbot', is_bot: true },
    ],
    'channels.json': [
      { id: 'C1', name: 'general' },
      { id: 'C2', name: 'help' },
      { id: 'C3', name: 'empty' },
    ],
    ...files,
  };
  for (const [path, content] of Object.entries(base)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  }
  return dir;
}

async function readAll(dir: string): Promise<SlackExportMessage[]> {
  const exp = await openSlackExport(dir);
  const out: SlackExportMessage[] = [];
  for await (const message of exp.messages()) out.push(message);
  return out;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('openSlackExport', () => {
  it('GIVEN messages in two channels and two days THEN they come out in time order with users resolved', async () => {
    const dir = await exportDir({
      'general/2024-01-02.json': [{ type: 'message', ts: '1704189600.000200', user: 'U1', text: 'second day' }],
      'general/2024-01-01.json': [
        { type: 'message', ts: '1704103200.000300', user: 'U1', text: 'later' },
        { type: 'message', ts: '1704103200.000100', user: 'U2', text: 'hi <@U1> and <@U9|helperbot>' },
      ],
      'help/2024-01-01.json': [{ type: 'message', ts: '1704103200.000200', user: 'U2', text: 'in help' }],
      'general/notes.txt': 'ignored',
    });
    const messages = await readAll(dir);
    expect(messages.map((m) => m.text)).toEqual(['hi <@U1> and <@U9|helperbot>', 'in help', 'later', 'second day']);
    expect(messages[0]).toMatchObject({ userId: 'U2', displayName: 'Bob B', mentions: ['U1', 'U9'], channel: { name: 'general' }, file: 'general/2024-01-01.json', index: 1 });
    expect(messages[1]?.channel.name).toBe('help');
  });

  it('GIVEN a bot message without a user THEN it is attributed to the bot user of that name', async () => {
    const dir = await exportDir({
      'general/2024-01-01.json': [{ type: 'message', subtype: 'bot_message', ts: '1704103200.000100', bot_id: 'B123', username: 'helperbot', text: 'beep' }],
    });
    const [message] = await readAll(dir);
    expect(message).toMatchObject({ userId: 'U9', isBot: true });
  });

  it('GIVEN broken JSON THEN the error names the file, line and column', async () => {
    const dir = await exportDir({ 'help/2024-01-01.json': '[\n {"type": "message", "ts": "1.1", "user": "U1", "text": "a"},\n {"type": "message" "ts": "1.2"}\n]' });
    const error = await readAll(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackExportError);
    expect((error as SlackExportError).file).toBe('help/2024-01-01.json');
    expect((error as SlackExportError).position).toBe('line 3, column 21');
    expect((error as Error).message).toContain('help/2024-01-01.json (line 3, column 21)');
  });

  it('GIVEN a message without ts THEN the error names the file and the message number', async () => {
    const dir = await exportDir({ 'general/2024-01-01.json': [{ type: 'message', ts: '1704103200.000100', user: 'U1', text: 'ok' }, { type: 'message', user: 'U1', text: 'no ts' }] });
    const error = await readAll(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackExportError);
    expect((error as Error).message).toMatch(/^general\/2024-01-01\.json \(message #2\): "ts" must be/);
  });

  it('GIVEN a message with neither user nor bot_id THEN the error names the file, message and ts', async () => {
    const dir = await exportDir({ 'general/2024-01-01.json': [{ type: 'message', ts: '1704103200.000100', text: 'who?' }] });
    await expect(readAll(dir)).rejects.toThrow('general/2024-01-01.json (message #1, ts 1704103200.000100)');
  });

  it('GIVEN a missing users.json THEN opening fails naming it', async () => {
    const dir = await exportDir({});
    await rm(join(dir, 'users.json'));
    await expect(openSlackExport(dir)).rejects.toThrow(/users\.json: cannot read: ENOENT/);
  });

  it('GIVEN a day file that is not an array THEN the error names the file', async () => {
    const dir = await exportDir({ 'general/2024-01-01.json': { messages: [] } });
    await expect(readAll(dir)).rejects.toThrow('general/2024-01-01.json: expected an array of messages');
  });

  it('GIVEN a path that is neither a folder nor a ZIP THEN it says so', async () => {
    const dir = await exportDir({});
    await expect(openSlackExport(join(dir, 'users.json'))).rejects.toThrow(/not a folder or a \.zip file/);
  });
});

describe('compareTs', () => {
  it('GIVEN timestamps differing past double precision THEN they still compare exactly', () => {
    expect(compareTs('1704103200.000101', '1704103200.000102')).toBeLessThan(0);
    expect(compareTs('999999999.9', '1000000000.0')).toBeLessThan(0);
    expect(compareTs('1704103200.1', '1704103200.100000')).toBe(0);
  });
});

describe('slackExportMessageToEvents', () => {
  it('GIVEN a thread reply with reactions THEN it becomes a message with thread and reply links plus reaction events', async () => {
    const dir = await exportDir({
      'general/2024-01-01.json': [
        { type: 'message', ts: '1704103200.000100', user: 'U1', text: 'question?' },
        { type: 'message', ts: '1704103260.000100', user: 'U2', text: 'answer', thread_ts: '1704103200.000100', parent_user_id: 'U1', reactions: [{ name: 'pray', users: ['U1'], count: 1 }] },
      ],
    });
    const exp = await openSlackExport(dir);
    const all: ReturnType<typeof slackExportMessageToEvents> = [];
    for await (const message of exp.messages()) all.push(...slackExportMessageToEvents(exp, message, { teamId: 'T1' }));
    expect(all.map((e) => e.type)).toEqual(['message.posted', 'message.posted', 'reaction.added']);
    expect(all[1]).toMatchObject({ channelId: 'slack:T1:C1', author: { memberId: 'slack:T1:U2' }, replyTo: { memberId: 'slack:T1:U1' } });
    expect(all[2]).toMatchObject({ emoji: 'pray', actor: { memberId: 'slack:T1:U1' }, targetMemberId: 'slack:T1:U2' });
  });
});
