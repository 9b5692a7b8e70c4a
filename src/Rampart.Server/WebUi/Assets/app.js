// Rampart web UI: small progressive enhancement only. Every page works without this file.
'use strict';

// Live logs: follow the server-sent event stream from the last chunk the page already shows.
(function followLog() {
  const log = document.getElementById('log');
  if (!log || log.dataset.live !== 'true' || !window.EventSource) return;
  const state = document.getElementById('log-state');
  const url = log.dataset.events + '?after=' + encodeURIComponent(log.dataset.after || '0');
  const source = new EventSource(url);
  source.onmessage = (event) => {
    const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
    // Each event carries a chunk exactly as stored, line breaks included.
    log.append(document.createTextNode(event.data));
    if (atBottom) window.scrollTo(0, document.body.scrollHeight);
  };
  source.addEventListener('end', () => {
    source.close();
    if (state) state.textContent = 'Finished.';
    log.dataset.live = 'false';
  });
})();

// Approve/reject forms post to the JSON API; show its answer here instead of leaving the page.
document.querySelectorAll('form[data-api="true"]').forEach((form) => {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const token = data.get('__RequestVerificationToken');
    const result = document.getElementById('decide-result');
    const response = await fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
      body: JSON.stringify({ comment: data.get('comment') || null }),
    });
    let message = response.ok ? 'Recorded.' : 'Refused (' + response.status + ')';
    try {
      const body = await response.json();
      if (body && body.error) message = 'Refused: ' + body.error;
    } catch (e) { /* not JSON */ }
    if (result) {
      result.textContent = message;
      result.className = response.ok ? 'ok' : 'error';
    }
    if (response.ok) setTimeout(() => window.location.reload(), 600);
  });
});

// A running run's page reloads itself until the run finishes (without script: reload by hand).
(function refreshRunning() {
  const live = document.querySelector('[data-refresh]');
  if (!live) return;
  const seconds = Number(live.dataset.refresh) || 5;
  setTimeout(() => window.location.reload(), seconds * 1000);
})();
