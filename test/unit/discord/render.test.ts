// Proves OutgoingMessage renders to Discord content, embeds and button rows within Discord's limits, and custom_ids round-trip.
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, LIMITS, renderMessage } from '../../../src/adapters/discord/render.ts';

describe('renderMessage', () => {
  it('GIVEN plain text THEN it is content, without @everyone or role pings', () => {
    expect(renderMessage({ text: 'hello' })).toEqual({ content: 'hello', allowedMentions: { parse: ['users'], repliedUser: true } });
  });

  it('GIVEN a title, fields and footer THEN one embed carries them and the text', () => {
    const rendered = renderMessage({ text: 'body', title: 'Top', fields: [{ label: 'Score', value: '12' }, { label: 'Empty', value: '' }], footer: 'small' });
    expect(rendered.content).toBeUndefined();
    expect(rendered.embeds).toEqual([{ description: 'body', title: 'Top', fields: [{ name: 'Score', value: '12', inline: true }, { name: 'Empty', value: '—', inline: true }], footer: { text: 'small' } }]);
  });

  it('GIVEN long text THEN it is cut to Discord limits with an ellipsis', () => {
    expect(renderMessage({ text: 'x'.repeat(3000) }).content).toHaveLength(LIMITS.content);
    expect(renderMessage({ text: 'x'.repeat(5000), title: 't' }).embeds![0]!.description).toHaveLength(LIMITS.embedDescription);
  });

  it('GIVEN seven buttons THEN they fill rows of five with styles and custom_ids', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ actionId: 'vote', value: String(i), label: `B${i}`, ...(i === 0 ? { style: 'primary' as const } : {}) }));
    const rows = renderMessage({ text: 'pick', buttons }).components!;
    expect(rows.map((row) => row.components.length)).toEqual([5, 2]);
    expect(rows[0]!.components[0]).toEqual({ type: 2, style: 1, label: 'B0', custom_id: 'vote|0' });
    expect(rows[1]!.components[1]).toMatchObject({ style: 2, custom_id: 'vote|6' });
  });

  it('GIVEN more than 25 buttons THEN rendering refuses', () => {
    const buttons = Array.from({ length: 26 }, (_, i) => ({ actionId: 'a', value: String(i), label: 'x' }));
    expect(() => renderMessage({ text: 't', buttons })).toThrow(/at most 25/);
  });

  it('GIVEN a file THEN it is attached', () => {
    expect(renderMessage({ text: 'export', file: { name: 'data.json', content: '{}' } }).files).toEqual([{ attachment: Buffer.from('{}'), name: 'data.json' }]);
  });
});

describe('custom_id', () => {
  it('GIVEN an action and value THEN they round-trip, with the guild for DMs', () => {
    expect(decodeCustomId(encodeCustomId('answer.helped', 'a|b'))).toEqual({ actionId: 'answer.helped', value: 'a|b' });
    expect(decodeCustomId(encodeCustomId('dm.ok', '1', '123'))).toEqual({ actionId: 'dm.ok', value: '1', guildId: '123' });
    expect(decodeCustomId('nonsense')).toBeNull();
  });

  it('GIVEN more than 100 characters THEN encoding throws instead of cutting the value', () => {
    expect(encodeCustomId('a', 'v'.repeat(98))).toHaveLength(100);
    expect(() => encodeCustomId('a', 'v'.repeat(99))).toThrow(/custom_id/);
    expect(() => encodeCustomId('a|b', 'v')).toThrow();
  });
});
