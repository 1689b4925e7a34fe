// The operations console: reads the admin API every few seconds and renders it.
// Every value is put on the page with textContent (never innerHTML): dead-letter reasons and
// quarantined details carry text from outside, which must not become markup.
'use strict';

const REFRESH_MILLIS = 5000;

// relative to /admin/, so the page also works behind a proxy that moves /admin elsewhere
const api = {
  overview: 'overview',
  events: 'events?limit=20',
  deadLetters: 'dead-letters',
  quarantine: 'quarantine',
};

// The page's address without user:password@ (opened as http://admin:…@host/admin/, the browser
// refuses fetch() of a relative path, since it would resolve to an address with credentials in it)
const BASE = location.origin + location.pathname;

function url(path) {
  return new URL(path, BASE).href;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function row(values, classes) {
  const tr = document.createElement('tr');
  values.forEach((value, i) => {
    if (value instanceof Node) {
      const td = document.createElement('td');
      td.appendChild(value);
      tr.appendChild(td);
    } else {
      tr.appendChild(element('td', value ?? '', classes && classes[i]));
    }
  });
  return tr;
}

function fill(sectionId, rows, emptyText) {
  const section = document.getElementById(sectionId);
  const note = section.querySelector('.note');
  section.querySelector('tbody').replaceChildren(...rows);
  section.querySelector('table').hidden = rows.length === 0;
  if (note) {
    note.hidden = rows.length > 0;
    note.textContent = rows.length > 0 ? '' : emptyText;
  }
}

function unavailable(sectionId, text) {
  const section = document.getElementById(sectionId);
  section.querySelector('tbody').replaceChildren();
  section.querySelector('table').hidden = true;
  const note = section.querySelector('.note');
  note.hidden = false;
  note.textContent = text;
}

async function getJson(path) {
  const response = await fetch(url(path), { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) {
    throw new Error(path + ' answered ' + response.status);
  }
  return response.json();
}

function say(text, isError) {
  const message = document.getElementById('message');
  message.textContent = text;
  message.classList.toggle('error', Boolean(isError));
}

// a main line and a smaller one under it, in one cell
function stacked(main, detail) {
  const cell = document.createElement('span');
  cell.appendChild(element('span', main ?? ''));
  if (detail) {
    cell.appendChild(document.createElement('br'));
    cell.appendChild(element('small', detail));
  }
  return cell;
}

// ISO-8601 instants without their fractions of a second
function time(value) {
  return value ? String(value).replace(/\.\d+(?=Z|[+-]\d\d:\d\d$)/, '') : '';
}

function number(value, digits) {
  return value === null || value === undefined ? 'unknown' : Number(value).toFixed(digits);
}

async function showOverview() {
  const overview = await getJson(api.overview);
  document.getElementById('routes-hash').textContent = overview.routes_hash || '(no route files)';
  fill('backlog', overview.queues.map(q => row([q.queue, number(q.messages, 0), number(q.oldest_age_seconds, 1)],
      [null, 'number', 'number'])), 'no queues');
}

function targetList(targets) {
  const list = document.createElement('span');
  (targets || []).forEach((t, i) => {
    if (i > 0) {
      list.appendChild(document.createTextNode(', '));
    }
    const text = t.target + ' ' + t.status + (t.attempts > 1 ? ' (' + t.attempts + ' attempts)' : '');
    const item = element('span', text, 'status-' + t.status);
    if (t.last_error) {
      item.title = t.last_error;
    }
    list.appendChild(item);
  });
  return list;
}

async function showEvents() {
  let events;
  try {
    events = await getJson(api.events);
  } catch (e) {
    // e.g. the database is unreachable: the rest of the page (broker data) still works
    unavailable('events', 'event history not available (' + e.message + ')');
    return;
  }
  fill('events', events.map(e => row([time(e.received_at), stacked(e.event_type, e.event_id), e.transaction_id, e.card, e.rule,
      targetList(e.targets)])), 'no events yet');
}

function replayButton(label, path, describe) {
  const button = element('button', label);
  button.type = 'button';
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const response = await fetch(url(path), { method: 'POST', cache: 'no-store' });
      if (!response.ok) {
        throw new Error('the replay answered ' + response.status);
      }
      say(describe(await response.json()));
    } catch (e) {
      say('Replay failed: ' + e.message, true);
    }
    await refreshAgain();
  });
  return button;
}

function deadLetterReplayed(result) {
  if (result.replayed > 0) {
    return 'Dead letter replayed: ' + result.replayed + ' message(s) back on their queue.';
  }
  if (result.kept_target_not_served > 0) {
    return 'Dead letter kept: its target is not served by any route.';
  }
  return 'Nothing replayed: the dead letter was already gone.';
}

async function showDeadLetters() {
  const letters = await getJson(api.deadLetters);
  fill('dead-letters', letters.map(d => row([time(d.failed_at), d.target || '(inbox)', d.kind, d.attempts,
      stacked(d.event_type, d.event_id), d.transaction_id, d.reason,
      replayButton('Replay', 'dead-letters/' + encodeURIComponent(d.id) + '/replay', deadLetterReplayed)],
      [null, null, null, 'number', null, null, 'reason'])), 'no dead letters');
}

function quarantineReplayed(answer) {
  return answer.results.map(r => {
    if (r.status === 'still-unprocessable') {
      return 'Quarantined body ' + r.id + ' is still unprocessable: ' + r.reason + (r.detail ? ' (' + r.detail + ')' : '') + '.';
    }
    if (r.status === 'not-found') {
      return 'Quarantined body ' + r.id + ' was already gone.';
    }
    return 'Quarantined body ' + r.id + ' replayed: ' + r.status + (r.event_id ? ' as ' + r.event_id : '') + '.';
  }).join(' ');
}

async function showQuarantine() {
  const bodies = await getJson(api.quarantine);
  fill('quarantine', bodies.map(q => row([time(q.received_at), q.reason, q.detail, q.event_type, q.id,
      replayButton('Replay', 'quarantine/' + encodeURIComponent(q.id) + '/replay', quarantineReplayed)],
      [null, null, 'reason'])), 'nothing quarantined');
}

let refreshing = null;

// one refresh at a time: a timer tick during a replay's refresh waits for it instead of racing it
function refresh() {
  if (!refreshing) {
    refreshing = Promise.allSettled([showOverview(), showEvents(), showDeadLetters(), showQuarantine()])
      .then(results => {
        const failed = results.filter(r => r.status === 'rejected').map(r => r.reason.message);
        document.getElementById('refreshed').textContent = failed.length
          ? 'refresh failed at ' + new Date().toLocaleTimeString() + ': ' + failed.join('; ')
          : 'refreshed ' + new Date().toLocaleTimeString();
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

// after a replay: a refresh already under way may have read the lists before it, so read them again
async function refreshAgain() {
  if (refreshing) {
    await refreshing;
  }
  return refresh();
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
