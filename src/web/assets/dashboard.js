// Rapport dashboard: fetches the panel's JSON from /dashboard/<community>/api/<page>, draws the
// charts with Chart.js and the tables (sortable by any column). Plain script, no build step.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('dashboard-config').textContent);
  var T = config.texts;
  var COLORS = ['#2f6fdf', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4', '#bf399e', '#6c8893'];
  var state = { charts: {}, data: null };
  // Dates and times are the community's (the API says which time zone), not the browser's.
  var timeZone = 'UTC';
  window.rapportDashboard = state;

  var select = document.getElementById('period');
  if (select) select.addEventListener('change', function () { select.form.submit(); });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function panelOf(id) {
    var node = document.getElementById(id);
    return node ? node.closest('.panel') : null;
  }

  function showNoData(id, message) {
    var panel = panelOf(id);
    if (!panel) return;
    var box = panel.querySelector('.chart-box, .table-box');
    if (box) box.hidden = true;
    var note = panel.querySelector('.no-data');
    note.textContent = message;
    note.hidden = false;
  }

  function chart(id, type, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas) return null;
    var made = new Chart(canvas, {
      type: type,
      data: {
        labels: labels,
        datasets: datasets.map(function (d, i) {
          var color = d.color || COLORS[i % COLORS.length];
          return Object.assign({ borderColor: color, backgroundColor: type === 'line' ? color + '33' : color, borderWidth: 2, pointRadius: labels.length > 60 ? 0 : 2, cubicInterpolationMode: 'monotone' }, d);
        }),
      },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }, options || {}),
    });
    state.charts[id] = made;
    return made;
  }

  // Tables: columns [{ key, label, numeric }]; clicking a heading sorts by it (again: reverse).
  function table(id, columns, rows, emptyMessage) {
    var box = document.getElementById(id);
    if (!box) return;
    if (!rows.length) return showNoData(id, emptyMessage || T.noData);
    var tableNode = el('table', { class: 'sortable' });
    var head = el('tr');
    var body = el('tbody');
    var sortKey = null;
    var ascending = true;
    function fill() {
      body.textContent = '';
      rows.forEach(function (row) {
        var tr = el('tr');
        columns.forEach(function (c) {
          var td = el('td', c.numeric ? { class: 'num' } : {});
          var value = row[c.key];
          if (c.actions) {
            // Buttons that act on the row (approve / reject): c.actions is [{ name, label }].
            c.actions.forEach(function (action) {
              var button = el('button', { type: 'button', class: 'action', 'data-action': action.name }, action.label);
              button.addEventListener('click', function () { c.onAction(row, action.name, tr, td); });
              td.appendChild(button);
            });
          } else if (c.links) {
            // [{ text, href }]: links to the source messages (only http(s) addresses become links).
            (value || []).forEach(function (item, i) {
              if (i > 0) td.appendChild(document.createTextNode(' · '));
              td.appendChild(/^https?:\/\//.test(item.href) ? el('a', { href: item.href, rel: 'noopener noreferrer', target: '_blank' }, item.text) : el('span', {}, item.text));
            });
          } else td.textContent = value === undefined || value === null ? '' : String(value);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    }
    columns.forEach(function (c) {
      var th = el('th', { scope: 'col', 'aria-sort': 'none' });
      var button = el('button', { type: 'button' }, c.label);
      button.addEventListener('click', function () {
        ascending = sortKey === c.key ? !ascending : !c.numeric;
        sortKey = c.key;
        rows.sort(function (a, b) {
          var x = sortValue(a[c.key]), y = sortValue(b[c.key]);
          var order = c.numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y), config.language);
          return ascending ? order : -order;
        });
        head.querySelectorAll('th').forEach(function (other) { other.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        fill();
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    tableNode.appendChild(thead);
    tableNode.appendChild(body);
    fill();
    box.appendChild(tableNode);
  }

  function sortValue(value) {
    return Array.isArray(value) ? value.map(function (item) { return item.text; }).join(' ') : value;
  }

  function date(iso) {
    return new Date(iso).toLocaleString(config.language === 'bg' ? 'bg-BG' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone });
  }

  function allZero(numbers) {
    return numbers.every(function (v) { return !v; });
  }

  // Approve / reject a suggestion: POST with the session cookie and the page's CSRF token; the
  // server's answer (in the moderator's language) is shown, and a decided row leaves the table.
  function decide(row, decision, tr, td) {
    var status = document.getElementById('action-status');
    td.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    fetch(config.actions.base + '/suggestions/' + encodeURIComponent(row.id) + '/' + decision, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-rapport-csrf': config.actions.csrf },
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        var ok = result.status === 200 && result.body.ok;
        status.textContent = result.body.message || T['actions.failed'];
        status.className = ok ? 'status' : 'status error';
        status.hidden = false;
        if (ok || result.status === 409) tr.remove();
        else td.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
      })
      .catch(function () {
        status.textContent = T['actions.failed'];
        status.className = 'status error';
        status.hidden = false;
        td.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
      });
  }

  var render = {
    overview: function (d) {
      document.getElementById('total-messages').textContent = d.totals.messages;
      document.getElementById('total-activeMembers').textContent = d.totals.activeMembers;
      document.getElementById('total-newMembers').textContent = d.totals.newMembers;
      if (d.messagesPerDay.some(function (v) { return v > 0; }) || d.activeMembersPerDay.some(function (v) { return v > 0; })) {
        chart('chart-per-day', 'line', d.days, [
          { label: T['overview.messages'], data: d.messagesPerDay, fill: true },
          { label: T['overview.activeMembers'], data: d.activeMembersPerDay },
        ]);
        chart('chart-per-week', 'bar', d.weeks, [{ label: T['overview.activeMembers'], data: d.activeMembersPerWeek }]);
      } else {
        showNoData('chart-per-day', T.noData);
        showNoData('chart-per-week', T.noData);
      }
      if (!d.questions) return showNoData('chart-questions', T.noDataFeature);
      var q = d.questions;
      if (!q.asked) return showNoData('chart-questions', T['overview.noQuestions']);
      chart('chart-questions', 'bar', [T['overview.asked'], T['overview.answeredByRapport'], T['overview.answeredByMembers'], T['overview.unanswered']], [
        { label: T['overview.asked'], data: [q.asked, q.answeredByRapport, q.answeredByMembers, q.unanswered], backgroundColor: [COLORS[0], COLORS[2], COLORS[3], COLORS[1]] },
      ], { plugins: { legend: { display: false } } });
    },
    leaderboards: function (d) {
      var columns = [
        { key: 'rank', label: T['leaderboards.rank'], numeric: true },
        { key: 'name', label: T['leaderboards.member'] },
        { key: 'score', label: T['leaderboards.score'], numeric: true },
        { key: 'reasons', label: T['leaderboards.reasons'] },
      ];
      if (d.note) {
        var note = el('p', { class: 'note' }, d.note);
        var main = document.getElementById('panels');
        main.insertBefore(note, main.firstChild);
      }
      table('table-engagement', columns, d.engagement);
      table('table-helpers', columns, d.helpers);
      if (!d.helpers.length) return showNoData('chart-helpers', T.noData);
      var top = d.helpers.slice(0, 10);
      chart('chart-helpers', 'bar', top.map(function (r) { return r.name; }), [{ label: T['leaderboards.score'], data: top.map(function (r) { return r.score; }) }], { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } });
    },
    funnel: function (d) {
      if (!d.available) {
        showNoData('chart-funnel', T.noDataFeature);
        return showNoData('table-moved', T.noDataFeature);
      }
      chart('chart-funnel', 'line', d.days, ['newcomer', 'like', 'love', 'advocate'].map(function (stage, i) {
        // Stage counts change in steps: straight segments, no smoothing.
        // Stacked bands: each fills down to the band below it (the first to zero), so no two fills
        // overlap into a grey the legend does not show.
        // The band and its legend box share one colour, the stage's line colour a little lighter.
        return { label: T['funnel.stage.' + stage], data: d.series[stage], fill: i === 0 ? 'origin' : '-1', backgroundColor: COLORS[i] + '99', cubicInterpolationMode: 'default', tension: 0 };
      }), { scales: { y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } });
      table('table-moved', [
        { key: 'name', label: T['funnel.member'] },
        { key: 'from', label: T['funnel.from'] },
        { key: 'to', label: T['funnel.to'] },
        { key: 'when', label: T['funnel.when'] },
        { key: 'reasons', label: T['funnel.reasons'] },
      ], d.moved.map(function (m) { return Object.assign({ when: date(m.at) }, m); }), T['funnel.nobodyMoved']);
    },
    offers: function (d) {
      if (!d.available || !d.offers.length) {
        var message = d.available ? T.noData : T.noDataFeature;
        showNoData('chart-offers', message);
        return showNoData('table-offers', message);
      }
      var labels = d.offers.map(function (o) { return o.title; });
      // Nothing sent yet: a message, not an empty chart with a 0–1 axis.
      if (allZero(d.offers.map(function (o) { return o.sent + o.accepted + o.declined; }))) showNoData('chart-offers', T['offers.noAnswers']);
      else chart('chart-offers', 'bar', labels, [
        { label: T['offers.sent'], data: d.offers.map(function (o) { return o.sent; }) },
        { label: T['offers.accepted'], data: d.offers.map(function (o) { return o.accepted; }) },
        { label: T['offers.declined'], data: d.offers.map(function (o) { return o.declined; }) },
      ]);
      table('table-offers', [
        { key: 'title', label: T['offers.offer'] },
        { key: 'stage', label: T['offers.stage'] },
        { key: 'places', label: T['offers.places'], numeric: true },
        { key: 'expires', label: T['offers.expires'] },
        { key: 'proposed', label: T['offers.proposed'], numeric: true },
        { key: 'sent', label: T['offers.sent'], numeric: true },
        { key: 'accepted', label: T['offers.accepted'], numeric: true },
        { key: 'declined', label: T['offers.declined'], numeric: true },
      ], d.offers.map(function (o) { return Object.assign({ stage: T['funnel.stage.' + o.eligibleStage] || o.eligibleStage, expires: date(o.expiresAt) }, o); }));
    },
    knowledge: function (d) {
      if (d.handoffs) {
        table('table-handoffs', [
          { key: 'id', label: T['handoffs.id'], numeric: true },
          { key: 'channel', label: T['handoffs.channel'] },
          { key: 'asker', label: T['handoffs.asker'] },
          { key: 'question', label: T['handoffs.question'] },
          { key: 'waited', label: T['handoffs.waited'] },
        ], d.handoffs, T['handoffs.none']);
      } else {
        var handoffs = panelOf('table-handoffs');
        if (handoffs) handoffs.hidden = true;
      }
      // Suggestions and gaps come from learning: shown even before the answers feature logged anything.
      if (!d.available) {
        showNoData('table-unanswered', T.noDataFeature);
        showNoData('table-unhelpful', T.noDataFeature);
      } else {
        table('table-unanswered', [
          { key: 'question', label: T['knowledge.question'] },
          { key: 'count', label: T['knowledge.count'], numeric: true },
          { key: 'last', label: T['knowledge.last'] },
        ], d.unanswered.map(function (u) { return Object.assign({ last: date(u.lastAskedAt) }, u); }));
        table('table-unhelpful', [
          { key: 'question', label: T['knowledge.entry'] },
          { key: 'notHelpful', label: T['knowledge.notHelpful'], numeric: true },
          { key: 'helped', label: T['knowledge.helped'], numeric: true },
        ], d.unhelpful);
      }
      if (d.gaps) {
        table('table-gaps', [
          { key: 'topic', label: T['learning.topic'] },
          { key: 'count', label: T['learning.count'], numeric: true },
          { key: 'unanswered', label: T['learning.unanswered'], numeric: true },
          { key: 'unhelpful', label: T['learning.unhelpful'], numeric: true },
          { key: 'examples', label: T['learning.examples'] },
        ], d.gaps.map(function (g) { return { topic: g.topic === null ? T['learning.other'] : g.topic, count: g.count, unanswered: g.unanswered, unhelpful: g.unhelpful, examples: g.examples.join(' · ') }; }));
      }
      if (d.suggestions) {
        var columns = [
          { key: 'id', label: T['learning.id'], numeric: true },
          { key: 'question', label: T['learning.question'] },
          { key: 'answer', label: T['learning.answer'] },
          { key: 'credited', label: T['learning.credited'] },
        ];
        if (config.actions) columns.push({ key: 'decide', label: T['actions.column'], actions: [{ name: 'approve', label: T['actions.approve'] }, { name: 'reject', label: T['actions.reject'] }], onAction: decide });
        table('table-suggestions', columns, d.suggestions);
      }
    },
    feedback: function (d) {
      if (!d.available || !d.themes.length) {
        var message = d.available ? T.noData : T.noDataFeature;
        showNoData('chart-feedback', message);
        return showNoData('table-feedback', message);
      }
      var labels = d.themes.map(function (th) { return th.theme; });
      chart('chart-feedback', 'bar', labels, [
        { label: T['feedback.requests'], data: d.themes.map(function (th) { return th.kinds.feature_request; }) },
        { label: T['feedback.complaints'], data: d.themes.map(function (th) { return th.kinds.complaint; }) },
        { label: T['feedback.praise'], data: d.themes.map(function (th) { return th.kinds.praise; }) },
      ], { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } });
      table('table-feedback', [
        { key: 'theme', label: T['feedback.theme'] },
        { key: 'count', label: T['feedback.count'], numeric: true },
        { key: 'requests', label: T['feedback.requests'], numeric: true },
        { key: 'complaints', label: T['feedback.complaints'], numeric: true },
        { key: 'praise', label: T['feedback.praise'], numeric: true },
        { key: 'quote', label: T['feedback.quote'], links: true },
        { key: 'examples', label: T['feedback.examples'], links: true },
      ], d.themes.map(function (th) {
        return {
          theme: th.theme, count: th.count, requests: th.kinds.feature_request, complaints: th.kinds.complaint, praise: th.kinds.praise,
          quote: th.quote ? [{ text: '“' + th.quote.text + '” (' + th.quote.displayName + ')', href: th.quote.link }] : [],
          examples: th.examples.map(function (e) { return { text: '“' + e.text + '” (' + e.displayName + ')', href: e.link }; }),
        };
      }));
    },
  };

  document.body.dataset.state = 'loading';
  fetch(config.api, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (json) {
      state.data = json;
      if (json.period && json.period.timeZone) timeZone = json.period.timeZone;
      render[config.page](json.data);
      document.body.dataset.state = 'ready';
    })
    .catch(function (error) {
      var main = document.getElementById('panels');
      var note = el('p', { class: 'error', role: 'alert' }, T.loadFailed);
      main.insertBefore(note, main.firstChild);
      document.body.dataset.state = 'error';
      if (window.console) console.error(error);
    });
})();
