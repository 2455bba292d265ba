// What `rapport start` says about the console's community and its log file.
export default {
  consoleRun: {
    community: 'Console community: {{name}}.',
    newCommunity: 'There is no community "{{name}}" yet, so it starts empty. Communities imported with --community: {{stored}}.',
    none: 'none',
    badCommunity: '"{{name}}" cannot be a community name: use 1 to 64 letters, digits, "_", "-" or ".".',
    notConsole: '--community chooses the console\'s community; with Slack or Discord configured, the community is the workspace or server.',
    fileSaved: 'Saved the file to {{path}}.',
    logFile: 'Logs go to {{path}}.',
  },
};
