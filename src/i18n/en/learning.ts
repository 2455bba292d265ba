export default {
  learning: {
    card: {
      title: 'Suggestion #{{id}}: {{kind}}',
      newEntry: 'new entry',
      phrasing: 'another way to ask "{{key}}"',
      answer: 'Answer',
      credited: 'Answered by',
      source: 'Source',
      imported: '(from a history import)',
      approve: 'Approve',
      edit: 'Edit',
      reject: 'Reject',
    },
    signal: {
      thanks: '{{asker}} thanked them',
      'check-mark': 'a check mark on the reply',
      saved: 'a moderator saved it as the answer',
    },
    list: {
      title: 'Knowledge-base suggestions: {{count}} waiting',
      empty: 'No suggestions are waiting. They appear when a member thanks someone for answering their question, or a check mark is added to a reply.',
      more: '{{count}} more are waiting; approve or reject these to see them.',
    },
    approved: {
      created: 'Suggestion #{{id}} approved: new entry "{{key}}". {{name}} is credited for the answer.',
      phrasing: 'Suggestion #{{id}} approved: the question is now another way to ask "{{key}}". {{name}} is credited for the answer.',
      already: 'Suggestion #{{id}} approved: "{{key}}" already had this wording. {{name}} is credited for the answer.',
    },
    rejected: 'Suggestion #{{id}} rejected.',
    edited: 'Suggestion #{{id}} changed. Approve it with /faq suggestions approve id:{{id}}.',
    thanksDm: 'Thank you! The moderators added your answer to the knowledge base, so Rapport can now answer "{{question}}" for the next person who asks.',
    notFound: 'There is no suggestion #{{id}}. /faq suggestions lists the waiting ones.',
    decided: 'Suggestion #{{id}} was already decided ({{status}}).',
    needsId: 'Say which suggestion: /faq suggestions {{action}} id:N (the number from /faq suggestions).',
    edit: {
      how: 'Change the texts with /faq suggestions edit id:{{id}} answer:"..." (and/or question:"..."), then approve it.',
      nothing: 'Give the new answer:"..." or question:"..." to change.',
      empty: 'The question and the answer cannot be empty.',
      tooLong: 'Too long: a question may have up to {{question}} characters and an answer up to {{answer}}.',
    },
    save: {
      unknownMessage: 'Rapport has not seen that message (it only knows messages posted since it started), so it cannot save it as an answer.',
      noQuestion: 'That message does not reply to a question Rapport saw, so there is no question to save it for.',
      notStored: 'Nothing was saved: the question already has a suggestion, the knowledge base answers it already, or a member of the conversation opted out.',
    },
  },
};
