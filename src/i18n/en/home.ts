export default {
  home: {
    standing: {
      title: 'Your standing in {{community}}',
      score: 'Helper score',
      rank: 'Rank',
      stage: 'Stage',
      thanks: 'Thanks received',
      recent: 'Recent recognition: {{reasons}}.',
      none: 'You have no score yet. Answer a question or help someone in a thread, and it will show here.',
      optedOut: 'You asked Rapport not to keep a profile of you, so there is no standing to show. /privacy changes that.',
    },
    top: {
      title: 'Top helpers this week',
      line_one: '{{rank}}. {{name}}: {{count, number}} point',
      line_other: '{{rank}}. {{name}}: {{count, number}} points',
      empty: 'Nobody has helped anyone yet this week.',
    },
    offers: {
      title: 'Members proposed for offers',
      offer: 'Offer "{{title}}" ({{id}}): waiting for your decision',
      empty: 'Nobody is waiting for a decision on an offer.',
    },
    suggestions: {
      title: 'Knowledge-base suggestions',
    },
  },
};
