export default {
  feedback: {
    period: { week: 'the last 7 days', month: 'the last 30 days' },
    kind: {
      feature_request_one: '{{count}} feature request',
      feature_request_other: '{{count}} feature requests',
      complaint_one: '{{count}} complaint',
      complaint_other: '{{count}} complaints',
      praise_one: '{{count}} praise',
      praise_other: '{{count}} praise',
    },
    digest: {
      title: 'Feedback digest: {{period}}',
      empty: 'No feature requests, complaints or praise in {{period}}.',
      summary_one: '{{count}} message of feedback in {{themes}}.',
      summary_other: '{{count}} messages of feedback in {{themes}}.',
      themes_one: '{{count}} theme',
      themes_other: '{{count}} themes',
      theme: '"{{theme}}": {{count}} ({{kinds}})',
      other: 'Other: {{count}} ({{kinds}})',
      item: '  • {{name}}: "{{text}}" {{link}}',
      more: '  …and {{count}} more',
      moreThemes_one: '…and {{count}} smaller theme.',
      moreThemes_other: '…and {{count}} smaller themes.',
    },
    scheduled: 'The feedback digest will be posted to #{{channel}} every Monday at 09:00 ({{timeZone}}).',
    unscheduled: 'The weekly feedback digest is stopped.',
  },
};
