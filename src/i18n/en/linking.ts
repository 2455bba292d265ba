// One member across Slack and Discord (/link).
export default {
  link: {
    issued: 'Your code: {{code}}. Within {{minutes}} minutes, as {{target}} on {{platform}}, type /link code code:{{code}}. It works once, and only for {{target}}.',
    linked: 'Linked: your {{platform}} account and this one are one member now. Scores add up on the leaderboards, and privacy choices apply to both. /link remove separates them.',
    removed_one: 'Separated: {{count}} account is on its own again.',
    removed_other: 'Separated: {{count}} accounts are on their own again.',
    notLinked: 'This account is not linked to another one.',
    notHere: 'Accounts link between Slack and Discord; {{platform}} accounts cannot be linked.',
    needTarget: 'Say who you are on {{platform}}: /link new as:your-name.',
    unavailable: 'Linking accounts is not available here.',
    already: 'These two accounts are already linked.',
    linkedElsewhere: 'This account is already linked to another one. Use /link remove first, then type the code again.',
    issuerHasOne: 'The person who made this code already has a linked {{platform}} account. They can separate it with /link remove first.',
    dm: {
      one: 'Rapport will send your direct messages to your {{platform}} account.',
      each: 'Rapport will send direct messages to each of your accounts on its own platform.',
    },
    code: {
      unknown: 'That code is not known. Check it, or ask for a new one with /link new on the other platform. Nothing was linked.',
      used: 'That code was already used; a code works once. Ask for a new one with /link new on the other platform. Nothing was linked.',
      expired: 'That code has expired (codes last 15 minutes). Ask for a new one with /link new on the other platform. Nothing was linked.',
      samePlatform: 'Type the code on {{platform}}, not here: it links your account there to the one that asked for it. Nothing was linked.',
      notYou: 'That code was made for {{target}}, not for you, so it cannot link your account. Nothing was linked.',
    },
  },
};
