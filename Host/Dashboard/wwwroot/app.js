// The WasGo dashboard: plain JavaScript over the host's HTTP API and world feeds, no build step.
'use strict';

const view = {
  token: null,
  world: null,
  socket: null,
  entities: new Map(),
  signals: [],
};
const maxSignals = 200;

function readToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    localStorage.setItem('wasgo.token', fromLink);
    history.replaceState(null, '', location.pathname); // keep the token out of the address bar
  }
  return fromLink || localStorage.getItem('wasgo.token');
}

async function api(path) {
  const response = await fetch(path, { headers: view.token ? { Authorization: 'Bearer ' + view.token } : {} });
  if (response.status === 401 || response.status === 403) {
    throw new Error((await response.json()).detail);
  }
  if (!response.ok) {
    throw new Error(path + ': ' + response.status);
  }
  return response.json();
}

function setStatus(text, ok) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = 'status ' + (ok ? 'ok' : 'bad');
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child));
  return node;
}

// The API's value format: integers and floats as numbers, {"float": "NaN"}, {"bytes": base64}, strings, null.
function formatValue(value) {
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && 'bytes' in value) return 'bytes(' + atob(value.bytes).length + ')';
  if (typeof value === 'object' && 'float' in value) return String(value.float);
  return typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3) : String(value);
}

function columnsOf(columns) {
  const cell = element('td');
  Object.keys(columns).sort().forEach(name => {
    cell.append(element('span', { class: 'column' }, element('b', {}, name + ' '), formatValue(columns[name])));
  });
  return cell;
}

function renderEntities(changed) {
  const body = document.querySelector('#entities tbody');
  body.replaceChildren(...[...view.entities.keys()].sort().map(id => {
    const row = element('tr', { 'data-entity': id }, element('td', {}, id), columnsOf(view.entities.get(id)));
    if (changed && changed.has(id)) row.className = 'changed';
    return row;
  }));
}

function renderSignals() {
  document.getElementById('signals').replaceChildren(...view.signals.map(s =>
    element('li', { 'data-signal': s.signal }, `tick ${s.tick} · ${s.entity} · ${s.signal}(${s.args.map(formatValue).join(', ')})`)));
}

function addSignal(signal) {
  view.signals.unshift(signal);
  view.signals.length = Math.min(view.signals.length, maxSignals);
}

function follow(worldId) {
  if (view.socket) view.socket.close();
  view.world = worldId;
  view.entities = new Map();
  view.signals = [];
  document.getElementById('world-name').textContent = '· ' + worldId;
  document.querySelectorAll('#worlds tbody tr').forEach(row => row.classList.toggle('selected', row.dataset.world === worldId));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/worlds/${encodeURIComponent(worldId)}/feed?access_token=${encodeURIComponent(view.token)}`);
  view.socket = socket;
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    const changed = new Set();
    switch (message.type) {
      case 'snapshot':
        view.entities = new Map(Object.entries(message.entities));
        message.signals.slice().forEach(addSignal);
        document.getElementById('world-tick').textContent = 'tick ' + message.tick;
        break;
      case 'update':
        Object.entries(message.entities).forEach(([id, columns]) => {
          view.entities.set(id, columns);
          changed.add(id);
        });
        message.removed.forEach(id => view.entities.delete(id));
        document.getElementById('world-tick').textContent = 'tick ' + message.tick;
        if (changed.size === 0 && message.removed.length === 0) return;
        break;
      case 'signal':
        addSignal(message);
        renderSignals();
        return;
    }
    renderEntities(changed);
    renderSignals();
  };
  socket.onclose = () => {
    if (view.socket === socket) setTimeout(() => view.world === worldId && follow(worldId), 2000);
  };
}

// Clients co-simulating the world from its input feed (on this node), and whether their digests were the host's.
function followersOf(w) {
  if (!w.followers) return element('td', { 'data-followers': '0', class: 'muted' }, 'none');
  const [text, verdict] = w.disagreeing
    ? [`${w.disagreeing} of ${w.followers} ${w.disagreeing === 1 ? 'disagrees' : 'disagree'}`, 'disagree']
    : [`${w.followers} following, all agree`, 'agree'];
  return element('td', { 'data-followers': String(w.followers), class: verdict }, text);
}

async function refreshWorlds() {
  let worlds;
  try {
    worlds = await api('/api/worlds');
  } catch {
    // A world token may not list worlds: it sees its own world only, named in the link (/dashboard?world=…#token=…).
    const own = new URLSearchParams(location.search).get('world');
    worlds = own ? [await api('/api/worlds/' + encodeURIComponent(own))] : [];
  }
  document.querySelector('#worlds tbody').replaceChildren(...worlds.map(w => {
    const row = element('tr', { 'data-world': w.id, class: w.id === view.world ? 'selected' : '' },
      element('td', { title: w.state ?? '' }, w.id + (w.state && w.state !== 'running' ? ` (${w.state})` : '')),
      element('td', {}, String(w.tickRate)), element('td', {}, w.tick ?? '?'),
      element('td', { title: w.digest ?? '' }, w.digest ? w.digest.slice(0, 12) + '…' : '?'), element('td', {}, w.entityCount ?? '?'),
      followersOf(w));
    row.onclick = () => follow(w.id);
    return row;
  }));
  if (!view.world && worlds.length > 0) follow(worlds[0].id);
}

async function refreshDeadLetters() {
  const letters = await api('/api/dead-letters');
  document.querySelector('#dead-letters tbody').replaceChildren(...letters.slice(-50).reverse().map(l => element('tr', {},
    element('td', {}, new Date(l.at).toLocaleTimeString()), element('td', {}, l.kind), element('td', {}, l.world || ''),
    element('td', {}, l.recipient), element('td', {}, l.reason))));
}

async function refreshShards() {
  const map = await api('/api/cluster/shards');
  const colours = ['#4fb3ff', '#5bd68a', '#ffb347', '#c792ea', '#ff6b6b', '#7fdbca'];
  const panel = document.getElementById('shards');
  const legend = element('table', {}, element('thead', {}, element('tr', {}, ...['Node', 'Status', 'Shards', 'Worlds', 'Entities'].map(h => element('th', {}, h)))),
    element('tbody', {}, ...map.nodes.map((n, i) => element('tr', { 'data-node': n.node },
      element('td', {}, element('span', { class: 'shard', style: 'background:' + colours[i % colours.length] }), ' ' + n.node + (n.self ? ' (this node)' : '')),
      element('td', { 'data-status': n.status }, n.status),
      element('td', {}, String(n.shards)), element('td', {}, String(n.worlds)), element('td', {}, String(n.entities))))));
  // Akka starts a shard where a world runs: hosted shards are coloured by node, the others are grey.
  // Nodes own contiguous blocks in this picture; the counts, not the positions, are what the map says.
  const grid = element('div', { 'aria-label': map.shardCount + ' shards' });
  map.nodes.forEach((n, i) => {
    for (let s = 0; s < n.shards; s++) grid.append(element('span', { class: 'shard', style: 'background:' + colours[i % colours.length] }));
  });
  const hosted = map.nodes.reduce((sum, n) => sum + n.shards, 0);
  for (let s = hosted; s < map.shardCount; s++) grid.append(element('span', { class: 'shard idle' }));
  panel.replaceChildren(legend, grid);
}

const charts = [
  ['messages', 'messages/s'], ['notifications', 'notifications/s'], ['fuel', 'fuel/s'], ['traps', 'traps/s'],
  ['activations', 'activations/s'],
];

async function refreshRates() {
  const samples = await fetch('/api/metrics/rates').then(r => r.json());
  const panel = document.getElementById('rates');
  if (!panel.children.length) {
    charts.forEach(([key, label]) => panel.append(element('div', { class: 'chart' }, element('canvas', { width: 170, height: 50, 'data-rate': key }), element('span', { 'data-label': key }, label))));
  }
  charts.forEach(([key, label]) => {
    const values = samples.map(s => s[key]);
    const canvas = panel.querySelector(`canvas[data-rate="${key}"]`);
    const context = canvas.getContext('2d');
    const top = Math.max(1, ...values);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.strokeStyle = '#4fb3ff';
    context.beginPath();
    values.forEach((v, i) => {
      const x = canvas.width - (values.length - 1 - i) * (canvas.width / 119);
      const y = canvas.height - 2 - (v / top) * (canvas.height - 4);
      if (i === 0) context.moveTo(x, y); else context.lineTo(x, y);
    });
    context.stroke();
    const last = values.length ? values[values.length - 1] : 0;
    panel.querySelector(`span[data-label="${key}"]`).textContent = `${label}: ${last.toFixed(1)} (max ${top.toFixed(1)})`;
  });
}

function every(milliseconds, refresh) {
  const run = () => refresh().catch(error => setStatus(error.message, false));
  run();
  return setInterval(run, milliseconds);
}

function start() {
  view.token = readToken();
  const form = document.getElementById('signin');
  form.onsubmit = event => {
    event.preventDefault();
    localStorage.setItem('wasgo.token', document.getElementById('token').value.trim());
    location.reload();
  };
  if (!view.token) {
    form.hidden = false;
    setStatus('sign in with the admin token (wasgo run prints a link with it) or a world token', false);
    return;
  }
  setStatus('connected', true);
  every(2000, refreshWorlds);
  every(2000, refreshDeadLetters);
  every(5000, refreshShards);
  every(1000, refreshRates);
}

start();
