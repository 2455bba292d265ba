// Proves command declarations become Discord application command JSON (typed options, choices, subcommands, bg localizations, moderator permissions) and that the diff sends only what changed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { APIApplicationCommand } from 'discord.js';
import { commands } from '../../../commands/index.ts';
import { defineCommand } from '../../../src/core/commands/define.ts';
import { option } from '../../../src/core/commands/options.ts';
import { discordCommand, discordCommands, MODERATOR_DEFAULT_PERMISSIONS } from '../../../src/adapters/discord/commands-json.ts';
import { computeDifferences, sameCommand } from '../../../src/adapters/discord/sync-commands.ts';

const d = (en: string) => ({ en, bg: `${en} (bg)` });
const noop = async () => {};
const leaf = defineCommand({
  name: 'thank',
  description: d('Thank a member'),
  moderatorOnly: false,
  options: z.object({
    note: option.string(d('Why')),
    member: option.requiredMember(d('Who')),
    channel: option.channel(d('Where')),
    points: option.integer(d('How many'), { min: 1 }),
    public: option.boolean(d('Show everyone')),
    period: option.choice(['week', 'month'] as const, d('Period')),
  }),
  run: noop,
});
const group = defineCommand({
  name: 'kb',
  description: d('Knowledge base'),
  moderatorOnly: true,
  subcommands: {
    add: { description: d('Add an entry'), options: z.object({ title: option.requiredString(d('Title')) }), run: noop },
    search: { description: d('Search'), moderatorOnly: false, options: z.object({}), run: noop },
  },
});

describe('discordCommand', () => {
  it('GIVEN typed options THEN each maps to its Discord type, required first, with bg localizations', () => {
    const json = discordCommand(leaf);
    expect(json).toMatchObject({ type: 1, name: 'thank', description: 'Thank a member', description_localizations: { bg: 'Thank a member (bg)' }, contexts: [0], integration_types: [0] });
    expect(json.default_member_permissions).toBeUndefined();
    expect(json.options!.map((o) => [o.name, o.type, 'required' in o ? o.required : undefined])).toEqual([
      ['member', 6, true], ['note', 3, false], ['channel', 7, false], ['points', 4, false], ['public', 5, false], ['period', 3, false],
    ]);
    expect(json.options!.find((o) => o.name === 'period')).toMatchObject({ choices: [{ name: 'week', value: 'week' }, { name: 'month', value: 'month' }] });
    expect(json.options!.find((o) => o.name === 'channel')).toMatchObject({ channel_types: [0, 5, 10, 11, 12, 15], description_localizations: { bg: 'Where (bg)' } });
  });

  it('GIVEN subcommands THEN they nest, and a command with one public subcommand is visible to everyone', () => {
    const json = discordCommand(group);
    expect(json.options!.map((o) => [o.type, o.name])).toEqual([[1, 'add'], [1, 'search']]);
    expect(json.default_member_permissions).toBeUndefined();
    const allModerator = discordCommand({ ...group, subcommands: { add: group.subcommands.add! } });
    expect(allModerator.default_member_permissions).toBe(MODERATOR_DEFAULT_PERMISSIONS);
  });

  it('GIVEN a moderator-only command THEN Manage Server is its default permission', () => {
    expect(discordCommand({ ...leaf, moderatorOnly: true }).default_member_permissions).toBe('32');
  });

  it('GIVEN an upper-case option name THEN generation explains the rule', () => {
    const bad = defineCommand({ name: 'bad', description: d('x'), moderatorOnly: false, options: z.object({ someThing: option.string(d('x')) }), run: noop });
    expect(() => discordCommand(bad)).toThrow(/lower-case/);
  });

  it('GIVEN every command in commands/ THEN each generates valid-looking JSON with descriptions within 100 characters', () => {
    for (const json of discordCommands(commands)) {
      expect(json.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(json.description.length).toBeLessThanOrEqual(100);
      expect(json.description_localizations?.bg).toBeTruthy();
    }
  });
});

describe('computeDifferences', () => {
  const registeredAs = (json: ReturnType<typeof discordCommand>, id: string): APIApplicationCommand => {
    // What Discord returns: ids, defaults filled in, `required: false` dropped, nulls for absent maps.
    const options = json.options?.map((o) => {
      const { required, ...rest } = o as typeof o & { required?: boolean };
      return required ? { ...rest, required } : rest;
    });
    return { ...json, id, application_id: '1', version: '9', default_member_permissions: json.default_member_permissions ?? null, nsfw: false, dm_permission: true, name_localizations: null, options } as unknown as APIApplicationCommand;
  };

  it('GIVEN what Discord returns for the same JSON THEN nothing differs', () => {
    const desired = discordCommands([leaf, group]);
    const registered = desired.map((json, i) => registeredAs(json, String(i)));
    expect(sameCommand(registered[0]!, desired[0]!)).toBe(true);
    expect(computeDifferences(registered, desired)).toEqual({ create: [], update: [], remove: [], unchanged: ['thank', 'kb'] });
  });

  it('GIVEN a changed, a new and a removed command THEN each is listed once', () => {
    const [thank, kb] = discordCommands([leaf, group]);
    const registered = [registeredAs(thank!, 'A'), registeredAs({ ...kb!, name: 'old' }, 'B')];
    const changed = { ...thank!, description_localizations: { bg: 'друго' } };
    const diff = computeDifferences(registered, [changed, kb!]);
    expect(diff.update).toEqual([{ id: 'A', json: changed }]);
    expect(diff.create.map((c) => c.name)).toEqual(['kb']);
    expect(diff.remove).toEqual([{ id: 'B', name: 'old' }]);
  });
});
