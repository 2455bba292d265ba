// Proves the members an outgoing message pings are rendered as real mentions by each adapter (Slack and Discord user mentions, names in the console), while the text itself stays escaped.
import { describe, expect, it } from 'vitest';
import { renderMessage as renderConsole } from '../../../src/adapters/console/render.ts';
import { renderMessage as renderDiscord } from '../../../src/adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../src/adapters/slack/render.ts';

describe('mentions in outgoing messages', () => {
  it('GIVEN two members to ping and text with <markup> WHEN rendered for Slack THEN the pings are mentions and the text is escaped', () => {
    const rendered = renderSlack({ mentions: ['slack:T1:U2', 'slack:T1:U3'], text: 'ann asked <this>' });
    expect(rendered.text).toBe('<@U2> <@U3> ann asked &lt;this&gt;');
    expect(JSON.stringify(rendered.blocks)).toContain('<@U2> <@U3> ann asked &lt;this&gt;');
  });

  it('GIVEN members to ping WHEN rendered for Discord, plain or as an embed THEN the content starts with their mentions (only users may ping)', () => {
    expect(renderDiscord({ mentions: ['discord:G1:42'], text: 'please look' }).content).toBe('<@42> please look');
    const embed = renderDiscord({ mentions: ['discord:G1:42'], text: 'please look', title: 'Waiting' });
    expect(embed.content).toBe('<@42>');
    expect(embed.allowedMentions.parse).toEqual(['users']);
  });

  it('GIVEN members to ping WHEN rendered in the console THEN their names lead the first line', () => {
    expect(renderConsole('Rapport:', { mentions: ['console:local:grubby'], text: 'line one\nline two' }, [])).toBe('Rapport:\n  @grubby line one\n  line two');
  });
});
