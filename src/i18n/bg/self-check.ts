export default {
  selfCheck: {
    summary: 'Самопроверка върху Вашите записи (без нужда от размечени въпроси): на {{questions}} от въпросите им, всеки изваден от записа си, Rapport би отговорил на {{answered}} при праг {{threshold}} и би бил прав за {{right}}; на {{leftOut}} въпроса, чийто запис е изваден, би отговорил погрешно на {{leftOutAnswered}}. Според правилото за прага за тези въпроси се препоръчва {{suggested}} (/faq threshold value:{{suggested}}).',
  },
};
