export default {
  feedback: {
    period: { week: 'последните 7 дни', month: 'последните 30 дни' },
    kind: {
      feature_request_one: '{{count}} предложение',
      feature_request_other: '{{count}} предложения',
      complaint_one: '{{count}} оплакване',
      complaint_other: '{{count}} оплаквания',
      praise_one: '{{count}} похвала',
      praise_other: '{{count}} похвали',
    },
    digest: {
      title: 'Обратна връзка: {{period}}',
      empty: 'Няма предложения, оплаквания или похвали за {{period}}.',
      summary_one: '{{count}} съобщение с обратна връзка в {{themes}}.',
      summary_other: '{{count}} съобщения с обратна връзка в {{themes}}.',
      themes_one: '{{count}} тема',
      themes_other: '{{count}} теми',
      theme: '„{{theme}}“: {{count}} ({{kinds}})',
      other: 'Други: {{count}} ({{kinds}})',
      item: '  • {{name}}: „{{text}}“ {{link}}',
      more: '  …и още {{count}}',
      moreThemes_one: '…и още {{count}} по-малка тема.',
      moreThemes_other: '…и още {{count}} по-малки теми.',
    },
    scheduled: 'Обобщението на обратната връзка ще се публикува в #{{channel}} всеки понеделник в 09:00 ({{timeZone}}).',
    unscheduled: 'Седмичното обобщение е спряно.',
  },
};
