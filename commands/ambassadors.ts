import { z } from 'zod';
import { parseBrandNames } from '../src/core/ambassadors/brand-talk.ts';
import { reasonsText } from '../src/core/ambassadors/format.ts';
import { STAGES } from '../src/core/ambassadors/stages.ts';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';

const LIMIT = 20;

export default defineCommand({
  name: 'ambassadors',
  description: { en: 'List members by funnel stage with reasons and trend, or set the brand names', bg: 'Членовете по етап с причини и тенденция, или имената на марката' },
  moderatorOnly: true,
  needs: ['ambassadors', 'funnelRecords'],
  options: z.object({
    stage: option.choice(STAGES, { en: 'Only this stage', bg: 'Само този етап' }),
    brand: option.string({ en: 'Brand names and aliases, comma-separated: "Acme, acme.io"', bg: 'Имена и псевдоними на марката, със запетаи: "Acme, acme.io"' }, { max: 600 }),
  }),
  async run({ options, deps: { ambassadors, funnelRecords }, community, reply, t }) {
    const { funnel, privacy } = ambassadors;
    if (options.brand) {
      const names = parseBrandNames(options.brand);
      if (names.length === 0) throw new UserError('ambassadors.brand.empty');
      await funnel.setBrandNames(community.id, names);
      await reply(t('ambassadors.brand.saved', { names: names.join(', ') }));
      return;
    }
    const records = await funnelRecords.listStages(community.id, options.stage ? [options.stage] : undefined);
    const visible = [];
    for (const record of records) if (await privacy.mayProfile(community.id, record.memberId)) visible.push(record);
    const brand = await funnel.brand(community.id);
    const footer = brand.names.length > 0 ? t('ambassadors.brand.current', { names: brand.names.join(', ') }) : t('ambassadors.brand.none');
    const stageLabel = options.stage ? t(`ambassadors.stage.${options.stage}`) : t('ambassadors.list.allStages');
    if (visible.length === 0) {
      await reply({ text: t('ambassadors.list.empty', { stage: stageLabel }), footer });
      return;
    }
    const lines: string[] = [];
    for (const record of visible.slice(0, LIMIT)) {
      const [{ reasons }, trend] = await Promise.all([funnel.explain(community.id, record.memberId), funnel.trend(record)]);
      lines.push(t('ambassadors.list.line', { name: record.displayName, stage: t(`ambassadors.stage.${record.stage}`), trend: t(`ambassadors.trend.${trend}`), reasons: reasonsText(reasons, t) }));
    }
    if (visible.length > LIMIT) lines.push(t('ambassadors.list.more', { count: visible.length - LIMIT }));
    await reply({ title: t('ambassadors.list.title', { stage: stageLabel, count: visible.length }), text: lines.join('\n'), footer });
  },
});
