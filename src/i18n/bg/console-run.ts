// What `rapport start` says about the console's community and its log file.
export default {
  consoleRun: {
    community: 'Общност в конзолата: {{name}}.',
    newCommunity: 'Още няма общност „{{name}}“, затова тя започва празна. Общности, внесени с --community: {{stored}}.',
    none: 'няма',
    badCommunity: '„{{name}}“ не може да бъде име на общност: използвайте от 1 до 64 букви, цифри, „_“, „-“ или „.“.',
    notConsole: '--community избира общността на конзолата; когато са настроени Slack или Discord, общността е работната среда или сървърът.',
    fileSaved: 'Файлът е записан в {{path}}.',
    logFile: 'Записите (логовете) отиват в {{path}}.',
  },
};
