// The two communities and members of the account-linking tests: ann on Slack and on Discord (one
// person, two accounts), eve on Discord and bob on Slack.
export const SLACK = { id: 'slack:T1', timeZone: 'UTC' };
export const DISCORD = { id: 'discord:900', timeZone: 'UTC' };
export const ann = { memberId: 'slack:T1:U1', displayName: 'ann' };
export const annOnDiscord = { memberId: 'discord:900:111', displayName: 'ann.d' };
export const eve = { memberId: 'discord:900:666', displayName: 'eve' };
export const bob = { memberId: 'slack:T1:U2', displayName: 'bob' };
