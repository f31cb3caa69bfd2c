// The WasGo dashboard: plain JavaScript over the host's HTTP API and world feeds, no build step.
'use strict';

const view = {
  token: null,
  world: null,
  socket: null,
  entities: new Map(),
  signals: [],
  modules: new Map(), // entity id -> module name (the feed carries columns only; the entities API names modules)
  entitySignals: new Map(), // entity id -> its recent signals, newest first
  dots: [], // where the map last drew each entity, in canvas pixels
  selected: null, // the entity whose details are shown
  modulesPending: false, // a request for the modules is under way
};
const maxSignals = 200;
// Kept per entity, apart from the log: a chatty entity would push a quiet one's signals out of the shared 200.
const maxEntitySignals = 20;

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
  const own = view.entitySignals.get(signal.entity) || [];
  own.unshift(signal);
  own.length = Math.min(own.length, maxEntitySignals);
  view.entitySignals.set(signal.entity, own);
}

// The map's colours: a hue from the module's name, so a module keeps its colour across worlds, reloads and browsers.
function moduleColour(name) {
  let hash = 0;
  for (const c of name) hash = (Math.imul(hash, 31) + c.codePointAt(0)) | 0;
  return `hsl(${((hash % 360) + 360) % 360}, 75%, 60%)`;
}

// A float column is a number in the feed; NaN and the infinities come as {"float": …} and cannot be drawn.
function positionOf(columns) {
  const { x, y } = columns;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

// Fits the positions' bounding box into the canvas with a margin, one scale for both axes so distances keep their
// shape, and y upward as in a plot. One entity, or all at one point, has no extent: it is drawn in the middle.
function fitToCanvas(points, width, height) {
  const margin = 16;
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin) / ((maxX - minX) || 1), (height - 2 * margin) / ((maxY - minY) || 1));
  const [midX, midY] = [(minX + maxX) / 2, (minY + maxY) / 2];
  return p => ({ x: width / 2 + (p.x - midX) * scale, y: height / 2 - (p.y - midY) * scale });
}

// Entities without numeric x and y are not drawn; they are named under the map, so none seems to be missing.
function renderMap() {
  const canvas = document.getElementById('map');
  if (canvas.width !== canvas.clientWidth) canvas.width = canvas.clientWidth; // one canvas pixel per CSS pixel, so clicks need no scaling
  const placed = [], off = [];
  [...view.entities.keys()].sort().forEach(id => {
    const position = positionOf(view.entities.get(id));
    if (position) placed.push({ id, module: view.modules.get(id) ?? '?', ...position }); else off.push(id);
  });
  const toCanvas = placed.length ? fitToCanvas(placed, canvas.width, canvas.height) : null;
  view.dots = placed.map(p => ({ id: p.id, module: p.module, ...toCanvas(p) }));
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  view.dots.forEach(dot => {
    context.fillStyle = moduleColour(dot.module);
    context.beginPath();
    context.arc(dot.x, dot.y, 5, 0, 2 * Math.PI);
    context.fill();
    if (dot.id === view.selected) {
      context.strokeStyle = '#ffffff';
      context.beginPath();
      context.arc(dot.x, dot.y, 9, 0, 2 * Math.PI);
      context.stroke();
    }
  });
  canvas.dataset.entities = String(view.dots.length);
  renderLegend(placed);
  document.getElementById('map-off').textContent = off.length ? 'not on the map (no x, y): ' + off.join(', ') : '';
}

function renderLegend(placed) {
  const modules = [...new Set(placed.map(p => p.module))].sort();
  const legend = document.getElementById('map-legend');
  if (legend.dataset.modules === modules.join(',')) return; // redrawn 20 times a second: touch the DOM only on a change
  legend.dataset.modules = modules.join(',');
  legend.replaceChildren(...modules.map(m => element('span', { class: 'legend', 'data-module': m },
    element('span', { class: 'swatch', style: 'background:' + moduleColour(m) }), m)));
}

// For tests and the console: where each entity's dot is, relative to the canvas's top left corner.
function mapDots() {
  return view.dots.map(dot => ({ ...dot }));
}

function nearestDot(x, y, within) {
  let best = null, bestDistance = within;
  view.dots.forEach(dot => {
    const distance = Math.hypot(dot.x - x, dot.y - y);
    if (distance <= bestDistance) [best, bestDistance] = [dot, distance];
  });
  return best;
}

function select(entityId) {
  view.selected = entityId;
  renderDetails();
  renderMap();
}

// The selected entity's whole row and its own recent signals.
function renderDetails() {
  const details = document.getElementById('map-details');
  const columns = view.selected && view.entities.get(view.selected);
  details.hidden = !columns;
  if (!columns) {
    details.removeAttribute('data-entity');
    return;
  }
  details.dataset.entity = view.selected;
  const signals = view.entitySignals.get(view.selected) || [];
  details.replaceChildren(
    element('h3', {}, view.selected + ' ', element('span', { class: 'muted' }, view.modules.get(view.selected) ?? '')),
    element('table', {}, element('tbody', {}, element('tr', { 'data-row': view.selected }, columnsOf(columns)))),
    signals.length
      ? element('ol', { class: 'entity-signals', reversed: '' }, ...signals.map(s =>
        element('li', { 'data-signal': s.signal }, `tick ${s.tick} · ${s.signal}(${s.args.map(formatValue).join(', ')})`)))
      : element('p', { class: 'muted' }, 'no recent signals'));
}

// Asks the entities API for the modules once per unknown entity, not on every tick: a spawn is rare, an update is not.
async function refreshModules(worldId) {
  if (view.modulesPending) return;
  view.modulesPending = true;
  try {
    const entities = await api(`/api/worlds/${encodeURIComponent(worldId)}/entities`);
    view.modulesPending = false;
    if (view.world !== worldId) return; // another world was picked meanwhile
    entities.forEach(e => view.modules.set(e.id, e.module));
    renderMap();
    renderDetails();
  } catch (error) {
    setStatus(error.message, false);
    setTimeout(() => { view.modulesPending = false; }, 5000); // not again on each of the next ticks' updates
  }
}

function follow(worldId) {
  if (view.socket) view.socket.close();
  view.world = worldId;
  view.entities = new Map();
  view.signals = [];
  view.modules = new Map();
  view.entitySignals = new Map();
  view.selected = null;
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
        message.removed.forEach(id => {
          view.entities.delete(id);
          view.modules.delete(id); // the id may be spawned again, running another module
        });
        document.getElementById('world-tick').textContent = 'tick ' + message.tick;
        if (changed.size === 0 && message.removed.length === 0) return;
        break;
      case 'signal':
        addSignal(message);
        renderSignals();
        if (message.entity === view.selected) renderDetails();
        return;
    }
    if ([...view.entities.keys()].some(id => !view.modules.has(id))) refreshModules(worldId);
    renderEntities(changed);
    renderSignals();
    renderMap();
    if (view.selected && (changed.has(view.selected) || !view.entities.has(view.selected))) renderDetails();
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

// The worlds a member runs, by name; a click follows one. A member that runs none is still listed, with its status.
function worldsOf(node) {
  if (!node.worldIds.length) return element('td', { class: 'muted', 'data-worlds': '' }, 'none');
  const cell = element('td', { 'data-worlds': node.worldIds.join(' ') });
  node.worldIds.forEach(id => {
    const name = element('span', { class: 'world-link', 'data-world': id }, id);
    name.onclick = () => follow(id);
    cell.append(name, ' ');
  });
  return cell;
}

async function refreshShards() {
  const map = await api('/api/cluster/shards');
  const colours = ['#4fb3ff', '#5bd68a', '#ffb347', '#c792ea', '#ff6b6b', '#7fdbca'];
  const panel = document.getElementById('shards');
  const legend = element('table', {}, element('thead', {}, element('tr', {}, ...['Node', 'Status', 'Shards', 'Worlds', 'Entities'].map(h => element('th', {}, h)))),
    element('tbody', {}, ...map.nodes.map((n, i) => element('tr', { 'data-node': n.node, title: n.address },
      element('td', {}, element('span', { class: 'shard', style: 'background:' + colours[i % colours.length] }), ' ' + n.node + (n.self ? ' (this node)' : '')),
      // Akka keeps a member that stopped answering Up until the cluster downs it: unreachable is said beside its status.
      element('td', { 'data-status': n.status, 'data-reachable': String(n.reachable), class: n.status === 'Up' && n.reachable ? 'agree' : 'disagree' },
        n.reachable ? n.status : n.status + ', unreachable'),
      element('td', {}, String(n.shards)), worldsOf(n), element('td', {}, String(n.entities))))));
  // Akka starts a shard where a world runs: hosted shards are coloured by node, the others are grey.
  // Nodes own contiguous blocks in this picture; the counts, not the positions, are what the map says.
  const grid = element('div', { 'aria-label': map.shardCount + ' shards' });
  map.nodes.forEach((n, i) => {
    for (let s = 0; s < n.shards; s++) grid.append(element('span', { class: 'shard', style: 'background:' + colours[i % colours.length] }));
  });
  const hosted = map.nodes.reduce((sum, n) => sum + n.shards, 0);
  for (let s = hosted; s < map.shardCount; s++) grid.append(element('span', { class: 'shard idle' }));
  // While the coordinator moves (its node died), the members are current and the shards as last read.
  const stale = map.stale ? [element('p', { class: 'muted', 'data-stale': '' }, 'shards and worlds as last read: the sharding coordinator is moving to another node')] : [];
  panel.replaceChildren(legend, grid, ...stale);
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
  document.getElementById('map').onclick = event => {
    const dot = nearestDot(event.offsetX, event.offsetY, 8);
    select(dot ? dot.id : null); // a click beside every dot closes the details
  };
  every(2000, refreshWorlds);
  every(2000, refreshDeadLetters);
  every(5000, refreshShards);
  every(1000, refreshRates);
}

start();
