export default {
  common: {
    rank: {
      title: 'Класиране на {{name}}',
      line: '№{{position}} от {{total}} с {{score}} точки ({{messages}} съобщения за {{period}})',
      none: '{{name}} още няма активност за {{period}}.',
    },
    leaderboard: {
      title: 'Класация: {{period}}',
      line: '{{position}}. {{name}}: {{score}} точки ({{messages}} съобщения)',
      empty: 'Още никой не е бил активен за {{period}}.',
    },
    period: { week: 'последните 7 дни', month: 'последните 30 дни', all: 'цялото време' },
    help: {
      title: 'Команди на Rapport',
      line: '/{{usage}}: {{description}}',
      moderator: '(за модератори)',
      footer: 'Опциите се пишат име:стойност, например /leaderboard period:week.',
    },
    console: {
      welcome: 'Конзола на Rapport. Вие сте {{name}} в #{{channel}}. Напишете съобщение или /help. /as ИМЕ [mod] сменя говорещия, /in КАНАЛ сменя канала, /press N натиска бутон, /quit излиза.',
      as: 'Вече сте {{name}}{{mod}}.',
      in: 'Вече сте в #{{channel}}.',
      noButton: 'Няма бутон с номер {{number}}.',
      modSuffix: ' (модератор)',
    },
  },
  settings: {
    languageName: { en: 'английски', bg: 'български' },
    current: 'Език: {{language}}. Часова зона: {{timeZone}}. Сменете ги с /settings language:en timezone:Europe/Sofia.',
    updated: 'Запазено. Език: {{language}}. Часова зона: {{timeZone}}.',
    badTimeZone: '„{{value}}“ не е часова зона. Използвайте име по IANA, например Europe/Sofia, America/New_York или UTC.',
  },
  errors: {
    unknownCommand: 'Няма команда /{{command}}. Напишете /help, за да видите командите.',
    unknownSubcommand: '/{{command}} изисква едно от: {{choices}}. Например: /{{command}} {{example}}',
    moderatorOnly: '/{{command}} е само за модератори.',
    invalidOption: 'Опцията {{option}} не е валидна: {{problem}}. Употреба: /{{usage}}',
    missingOption: 'Липсва опцията {{option}}. Употреба: /{{usage}}',
    unknownOption: 'Няма опция {{option}}. Употреба: /{{usage}}',
    tooManyArguments: 'Твърде много стойности: „{{value}}“. Употреба: /{{usage}}',
    unclosedQuote: 'Кавичките не са затворени. Оградете стойността с двойни кавички "...".',
    notAChoice: '{{option}} не може да бъде „{{value}}“; изберете едно от: {{choices}}. Употреба: /{{usage}}',
    notANumber: '{{option}} трябва да е цяло число в допустимите граници, а не „{{value}}“. Употреба: /{{usage}}',
    memberNotFound: 'Не е намерен член с име {{name}}.',
    channelNotFound: 'Не е намерен канал с име {{name}}.',
    internal: 'Нещо се обърка при нас; модераторите ще го намерят в логовете ({{code}}).',
  },
};
