// The topic editor checks the query as it is typed. The page works without this script: its
// "Check and backtest" button does the same check on the server.
(function () {
  'use strict';
  var form = document.getElementById('topic-form');
  var query = document.getElementById('query');
  var aliases = document.getElementById('aliases');
  var status = document.getElementById('query-status');
  var notes = document.getElementById('query-notes');
  if (!form || !query || !aliases || !status || !notes) {
    return;
  }
  var timer = null;
  var asked = 0;
  function check() {
    var mine = ++asked;
    // posted with the form's token: the default topics are longer than a URL may be
    var token = form.elements.namedItem('csrf');
    var params = new URLSearchParams({ csrf: token ? token.value : '', query: query.value, aliases: aliases.value });
    fetch('/admin/topics/syntax', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params.toString()
    })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (syntax) {
        if (mine !== asked || !syntax) {
          return; // a newer check is on its way, or the session ended
        }
        status.textContent = syntax.message;
        status.className = syntax.valid ? 'good' : 'error';
        query.setAttribute('aria-invalid', syntax.valid ? 'false' : 'true');
        // words that stand for a whole alias group; text, never markup: a note quotes what staff typed
        notes.replaceChildren();
        (syntax.notes || []).forEach(function (note) {
          var item = document.createElement('li');
          item.textContent = note;
          notes.appendChild(item);
        });
      })
      .catch(function () { /* offline: the button still checks */ });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }
  query.addEventListener('input', later);
  aliases.addEventListener('input', later);
}());
