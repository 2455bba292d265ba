export default {
  common: {
    rank: {
      title: 'Rank of {{name}}',
      line: '#{{position}} of {{total}} with {{score}} points ({{messages}} messages in {{period}})',
      none: '{{name}} has no activity in {{period}} yet.',
    },
    leaderboard: {
      title: 'Leaderboard: {{period}}',
      line: '{{position}}. {{name}}: {{score}} points ({{messages}} messages)',
      empty: 'Nobody has been active in {{period}} yet.',
    },
    period: { week: 'the last 7 days', month: 'the last 30 days', all: 'all time' },
    help: {
      title: 'Rapport commands',
      line: '/{{usage}}: {{description}}',
      moderator: '(moderators)',
      footer: 'Options are written name:value, for example /leaderboard period:week.',
    },
    console: {
      welcome: 'Rapport console. You are {{name}} in #{{channel}}. Type a message, or /help. /as NAME [mod] switches speaker, /in CHANNEL switches channel, /press N presses a button, /quit leaves.',
      as: 'You are now {{name}}{{mod}}.',
      in: 'You are now in #{{channel}}.',
      noButton: 'There is no button number {{number}}.',
      modSuffix: ' (moderator)',
    },
  },
  settings: {
    languageName: { en: 'English', bg: 'Bulgarian' },
    current: 'Language: {{language}}. Time zone: {{timeZone}}. Change them with /settings language:bg timezone:Europe/Sofia.',
    updated: 'Saved. Language: {{language}}. Time zone: {{timeZone}}.',
    badTimeZone: '"{{value}}" is not a time zone. Use an IANA name such as Europe/Sofia, America/New_York or UTC.',
  },
  errors: {
    unknownCommand: 'There is no command /{{command}}. Type /help to see the commands.',
    unknownSubcommand: '/{{command}} needs one of: {{choices}}. For example: /{{command}} {{example}}',
    moderatorOnly: '/{{command}} is for moderators only.',
    invalidOption: 'The option {{option}} is not valid: {{problem}}. Usage: /{{usage}}',
    missingOption: 'The option {{option}} is missing. Usage: /{{usage}}',
    unknownOption: 'There is no option {{option}}. Usage: /{{usage}}',
    tooManyArguments: 'Too many values: "{{value}}". Usage: /{{usage}}',
    unclosedQuote: 'A quote is not closed. Put the value in matching "double quotes".',
    notAChoice: '{{option}} cannot be "{{value}}"; choose one of: {{choices}}. Usage: /{{usage}}',
    notANumber: '{{option}} must be a whole number within range, not "{{value}}". Usage: /{{usage}}',
    memberNotFound: 'No member called {{name}} was found here.',
    channelNotFound: 'No channel called {{name}} was found here.',
    internal: 'Something went wrong on our side; the moderators can find it in the logs ({{code}}).',
  },
};
