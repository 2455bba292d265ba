export default {
  routing: {
    ping: {
      mention: '{{asker}} asked this a while ago and nobody has answered yet. You have helped with similar questions; could you take a look?',
      dm: '{{asker}} asked in {{channel}} and nobody has answered yet. You have helped with similar questions:\n> {{question}}\n(/privacy dms off stops these messages.)',
    },
    problem: {
      cannotPost: 'Rapport could not post in {{channel}} to bring a waiting question to helpers ({{reason}}). Invite Rapport to that channel, or leave it out with /settings routing_channels. Nothing will be sent again for that question.',
      cannotDm: 'Rapport could not send a DM to {{helpers}} about a waiting question in {{channel}}: they may have left the community or closed their DMs. Nothing will be sent again for that question.',
    },
    askHuman: {
      button: 'Ask a human',
      opened: 'The moderators have been asked. Rapport stays quiet in this thread until one of them replies or resumes it.',
      already: 'A human has already been asked here; a moderator will reply in this thread.',
      noMessage: 'Use /ask-human in the thread of your question, or press "Ask a human" under Rapport\'s answer.',
    },
    handoff: {
      ping: '{{asker}} asked for a human. Rapport stays quiet in this thread until a moderator replies or resumes it.',
      noModerators: 'Rapport knows no moderators in this community yet, so nobody could be pinged. The question stays on /faq handoffs for the moderators.',
      resumedInThread: 'A moderator resumed Rapport in this thread.',
    },
    handoffs: {
      title: 'Open hand-offs: {{count}}',
      line: '#{{id}} in {{channel}} by {{asker}}, waiting {{waited}}: {{question}}',
      empty: 'No open hand-offs: nobody is waiting for a human.',
      resume: 'Resume #{{id}}',
      close: 'Close #{{id}}',
      resumed: 'Hand-off #{{id}} resumed: Rapport answers in that thread again.',
      closed: 'Hand-off #{{id}} closed.',
      notFound: 'There is no open hand-off #{{id}}. /faq handoffs lists them.',
      minutes: '{{minutes}} min',
      hours: '{{hours}} h {{minutes}} min',
      days: '{{days}} d {{hours}} h',
    },
    settings: {
      current: 'Routing is {{state}}: after {{delay}} minutes without an answer, Rapport brings a question to up to three likely helpers by {{mode}}, each asked at most {{limit}} times a day, in {{channels}}.',
      on: 'on',
      off: 'off',
      mention: 'a mention in its thread',
      dm: 'a direct message',
      allChannels: 'every watched channel',
      badDelay: 'The routing delay must be a whole number of minutes from {{min}} to {{max}}, not {{value}}.',
      badLimit: 'The daily limit per helper must be a whole number from {{min}} to {{max}}, not {{value}}.',
      badChannels: 'Could not find the channel "{{value}}". Give channels separated by commas (#help, #support), or "all".',
    },
    privacy: {
      on: 'Rapport may mention you again as someone likely to know the answer to a waiting question.',
      off: 'Rapport will no longer mention you as a likely helper.',
    },
  },
};
