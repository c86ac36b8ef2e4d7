// The trading page: wires the watchlist, the live quote stream, the table and the chart.

import { CandleChart } from './candle-chart.js';
import * as format from './format.js';
import { MarketApi } from './market-api.js';
import { QuoteStream } from './quote-stream.js';
import { MAX_SYMBOLS, Watchlist, normalizeSymbol } from './watchlist.js';
import { WatchlistTable } from './watchlist-table.js';

// At most 4 updates a second per symbol: smooth to the eye, and with hundreds of symbols the
// server conflates (latest wins) instead of the browser drawing prices nobody can read.
const MAX_FREQUENCY = 4;
// Quotes are re-read now and then for their stale flag: a symbol whose provider went quiet gets
// no update that would tell. Candles are reloaded to correct what live quotes cannot know
// (volume and extremes of updates conflated away).
const QUOTE_REFRESH_MS = 15000;
const CANDLE_RELOAD_MS = 30000;
const SPARKLINE_HISTORY = 40;
const HISTORY_LOADS_IN_FLIGHT = 3;
const TOKEN_KEY = 'price-engine.read-token';

const $ = (id) => document.getElementById(id);

const api = new MarketApi(takeToken());
const watchlist = new Watchlist(localStorage);
const stream = new QuoteStream({ url: api.streamUrl(), maxFrequency: MAX_FREQUENCY });
const chart = new CandleChart($('chart'));
const table = new WatchlistTable(document.querySelector('#watchlist tbody'), {
  onSelect: select,
  onRemove: remove,
  onFirstSeen: loadSparkline,
});
const latest = new Map(); // symbol → newest quote seen
const pendingAdds = new Map(); // subscribe request id → symbol
const stats = { received: 0, conflated: 0 };
let selected = null;
let interval = '1m';
let chartLoad = 0;
let lastState = 'connecting';

/** A token from ?token= moves to this tab's session storage and out of the address bar. */
function takeToken() {
  try {
    const params = new URLSearchParams(location.search);
    const fromUrl = params.get('token');
    if (fromUrl !== null) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      params.delete('token');
      const query = params.toString();
      const rest = (query ? `?${query}` : '') + location.hash;
      history.replaceState(null, '', location.pathname + rest);
    }
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (e) {
    return new URLSearchParams(location.search).get('token') || '';
  }
}

function remember(quote) {
  const known = latest.get(quote.symbol);
  if (!known || known.historyId <= quote.historyId) {
    latest.set(quote.symbol, quote);
  }
}

function onQuote(quote, skipped) {
  remember(quote);
  table.update(quote);
  if (quote.symbol === selected) {
    chart.addQuote(quote, skipped);
    showChartQuote();
  }
}

// --- connection -------------------------------------------------------------------------------

function showConnection(state, detail = {}) {
  document.body.dataset.connection = state;
  const seconds = Math.ceil((detail.retryInMs || 0) / 1000);
  const text = {
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: `Connection lost: reconnecting in ${seconds} s (attempt ${detail.attempt})`,
    offline: `Offline: retrying in ${seconds} s`,
    unauthorized: detail.message || 'A read token is needed',
  }[state];
  $('connection-text').textContent = text;
}

stream.addEventListener('status', ({ detail }) => {
  showConnection(detail.state, detail);
  if (detail.state === 'connected' && lastState !== 'connecting') {
    loadCandles(); // fill what the chart missed while the connection was down
  }
  if (detail.state === 'reconnecting' && detail.attempt === 3) {
    checkAccess(); // a handshake refused for its token looks like any other failure
  }
  lastState = detail.state;
});
stream.addEventListener('quote', ({ detail }) => {
  stats.received += 1;
  stats.conflated += detail.skipped;
  onQuote(detail.quote, detail.skipped);
});
stream.addEventListener('subscribed', ({ detail }) => {
  if (detail.id) {
    pendingAdds.delete(detail.id);
  }
});
stream.addEventListener('protocol-error', ({ detail }) => {
  const symbol = pendingAdds.get(detail.id);
  if (symbol) {
    pendingAdds.delete(detail.id);
    remove(symbol);
    say(`${symbol} could not be added: ${detail.message}`, true);
  }
});

async function checkAccess() {
  try {
    const { quotes } = await api.quotes(watchlist.symbols);
    quotes.forEach((q) => onQuote(q, 0));
    return true;
  } catch (e) {
    if (e.unauthorized) {
      stream.stop();
      const refused = e.status === 401 && api.hasToken;
      showConnection('unauthorized',
        { message: refused ? 'The read token was refused' : 'A read token is needed' });
      $('token-form').hidden = false;
      $('token-input').focus();
      return false;
    }
    return true; // the engine is down or busy: the stream retries by itself
  }
}

async function start() {
  if (await checkAccess()) {
    $('token-form').hidden = true;
    stream.start(api.streamUrl());
    loadCandles();
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token-input').value.trim();
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch (e) {
    // kept for this page only
  }
  api.setToken(token);
  $('token-input').value = '';
  start();
});

// --- watchlist --------------------------------------------------------------------------------

function say(text, isError = false) {
  const message = $('add-message');
  message.textContent = text;
  message.classList.toggle('error', isError);
}

function showEmpty() {
  $('empty-watchlist').hidden = watchlist.symbols.length > 0;
}

$('add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('add-symbol');
  const raw = input.value.trim();
  const symbol = normalizeSymbol(raw);
  if (!symbol) {
    say(`“${raw}” is not a symbol: 1–10 letters, digits, “.” or “-”, starting with a letter`, true);
    return;
  }
  if (watchlist.has(symbol)) {
    say(`${symbol} is already on the watchlist`);
    table.focus(symbol);
    return;
  }
  if (!watchlist.add(symbol)) {
    say(`The watchlist holds at most ${MAX_SYMBOLS} symbols`, true);
    return;
  }
  table.addRow(symbol);
  pendingAdds.set(stream.subscribe([symbol]), symbol);
  input.value = '';
  showEmpty();
  say(`Added ${symbol}`);
  if (!selected) {
    select(symbol);
  }
});

function remove(symbol) {
  const symbols = watchlist.symbols;
  const next = symbols[symbols.indexOf(symbol) + 1] || symbols[symbols.indexOf(symbol) - 1];
  watchlist.remove(symbol);
  table.removeRow(symbol);
  stream.unsubscribe([symbol]);
  latest.delete(symbol);
  showEmpty();
  say(`Removed ${symbol}`);
  if (selected === symbol) {
    select(next || null);
  }
  if (next) {
    table.focus(next);
  } else {
    $('add-symbol').focus();
  }
}

// --- sparklines: the last prices of a row, loaded when the row first scrolls into view ---------

const historyQueue = [];
let historyInFlight = 0;

function loadSparkline(symbol) {
  historyQueue.push(symbol);
  pumpHistory();
}

function pumpHistory() {
  while (historyInFlight < HISTORY_LOADS_IN_FLIGHT && historyQueue.length > 0) {
    const symbol = historyQueue.shift();
    historyInFlight += 1;
    api.history(symbol, SPARKLINE_HISTORY)
      .then((items) => table.addHistory(symbol, items))
      .catch(() => {}) // the sparkline then starts with the live prices
      .finally(() => {
        historyInFlight -= 1;
        pumpHistory();
      });
  }
}

// --- chart ------------------------------------------------------------------------------------

function select(symbol) {
  selected = symbol;
  table.select(symbol);
  $('chart-title').textContent = symbol ? `${symbol} chart` : 'Chart';
  showChartQuote();
  loadCandles();
}

function showChartQuote() {
  const line = $('chart-quote');
  const quote = selected && latest.get(selected);
  if (!quote) {
    line.textContent = selected ? 'Waiting for a price' : '';
    return;
  }
  const price = document.createElement('strong');
  price.textContent = format.price(quote.price);
  const change = format.change(quote);
  const delta = document.createElement('span');
  delta.className = change.direction;
  delta.textContent = change.text;
  line.replaceChildren(price, delta, ` · ${quote.companyName || quote.symbol}`);
}

async function loadCandles() {
  const load = ++chartLoad;
  if (!selected) {
    chart.showMessage(null, interval, 'Add a symbol to see its chart');
    return;
  }
  if (chart.symbol !== selected || chart.interval !== interval) {
    chart.showMessage(selected, interval, `Loading ${selected} candles…`);
  }
  try {
    const candles = await api.candles(selected, interval, CandleChart.loadFrom(interval));
    if (load === chartLoad) {
      chart.show(selected, interval, candles);
      $('chart-status').textContent =
        `${interval} candles from the price history, the last one moving with live quotes`;
    }
  } catch (e) {
    if (load === chartLoad) {
      $('chart-status').textContent = `Candles are unavailable right now (${e.message})`;
    }
  }
}

for (const button of document.querySelectorAll('.intervals button')) {
  button.addEventListener('click', () => {
    interval = button.dataset.interval;
    for (const other of document.querySelectorAll('.intervals button')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    loadCandles();
  });
}

// --- periodic work, only while someone looks --------------------------------------------------

setInterval(() => {
  if (!document.hidden && stream.state === 'connected') {
    api.quotes(table.symbols).then(({ quotes }) => quotes.forEach((q) => onQuote(q, 0)),
      () => {});
  }
}, QUOTE_REFRESH_MS);
setInterval(() => {
  if (!document.hidden && stream.state === 'connected') {
    loadCandles();
  }
}, CANDLE_RELOAD_MS);
setInterval(() => {
  $('feed-stats').textContent = `At most ${MAX_FREQUENCY} updates/s per symbol · ` +
    `${stats.received.toLocaleString('en-US')} quotes received, ` +
    `${stats.conflated.toLocaleString('en-US')} conflated by the server`;
}, 1000);

// A page leaving for the back/forward cache stays alive, socket included: close it, so a page
// nobody sees holds no subscriptions on the server, and connect again if it is shown again.
window.addEventListener('pagehide', () => stream.stop());
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    start();
  }
});

for (const symbol of watchlist.symbols) {
  table.addRow(symbol);
}
stream.subscribe(watchlist.symbols); // sent when the connection opens
showEmpty();
select(watchlist.symbols[0] || null);
start();
