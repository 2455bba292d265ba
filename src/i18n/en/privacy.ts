export default {
  privacy: {
    on: 'allowed',
    off: 'off',
    show: {
      title: 'Your privacy',
      text: 'Change these with /privacy profiling on|off and /privacy dms on|off. /privacy export sends you your data; /privacy delete deletes it. You get answers either way.',
      profiling: 'Scores, rankings, funnel stage and offers',
      dms: 'Direct messages (offers)',
    },
    profiling: {
      off: 'Done: Rapport will not score or rank you, place you in the funnel, or offer you anything. You still get answers.',
      on: 'Done: Rapport may count your contributions again.',
    },
    dms: {
      off: 'Done: Rapport will not send you direct messages.',
      on: 'Done: Rapport may send you direct messages again (for example offers).',
    },
    export: {
      dm: 'Here is everything Rapport holds about you: {{rows}} records.',
      sent: 'I sent you a direct message with your data as a file.',
    },
    delete: {
      confirm: 'This deletes everything Rapport holds about you in this community: messages counted, scores, stage, feedback, offers and your choices. It cannot be undone.',
      button: 'Delete my data',
      notYours: 'Only the member who asked can confirm this deletion.',
      done: 'Deleted: {{rows}} records about you are gone. If you post again, Rapport starts from nothing; use /privacy profiling off to stay out.',
    },
  },
};
