export default {
  selfCheck: {
    summary: 'Self-check on your own entries (no labelled questions needed): asked {{questions}} of their questions with each one left out, Rapport would answer {{answered}} at the threshold {{threshold}} and be right on {{right}}; asked {{leftOut}} questions whose entry was taken out, it would wrongly answer {{leftOutAnswered}}. On these questions the threshold rule suggests {{suggested}} (/faq threshold value:{{suggested}}).',
  },
};
