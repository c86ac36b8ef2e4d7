// The watchlist table. Quotes are queued per symbol and drawn once per animation frame, so
// hundreds of symbols updating several times a second cost one DOM pass per frame, and a hidden
// tab does no DOM work at all (it catches up, latest quote per symbol, when shown again).

import * as format from './format.js';
import { Sparkline } from './sparkline.js';

export class WatchlistTable {
  #body;
  #rows = new Map(); // symbol → row state
  #pending = new Map(); // symbol → newest quote not drawn yet
  #frame = 0;
  #handlers;
  #visibility;

  /** handlers: onSelect(symbol), onRemove(symbol), onFirstSeen(symbol) when a row scrolls in. */
  constructor(body, handlers) {
    this.#body = body;
    this.#handlers = handlers;
    this.#visibility = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          this.#visibility.unobserve(entry.target);
          this.#handlers.onFirstSeen(entry.target.dataset.symbol);
        }
      }
    });
  }

  get symbols() {
    return [...this.#rows.keys()];
  }

  addRow(symbol) {
    if (this.#rows.has(symbol)) {
      return;
    }
    const row = this.#createRow(symbol);
    this.#rows.set(symbol, row);
    this.#body.append(row.tr);
    this.#visibility.observe(row.tr);
  }

  removeRow(symbol) {
    const row = this.#rows.get(symbol);
    if (!row) {
      return;
    }
    this.#visibility.unobserve(row.tr);
    row.tr.remove();
    this.#rows.delete(symbol);
    this.#pending.delete(symbol);
  }

  /** Queues a quote; an older one than the row shows (lower history id) is ignored when drawn. */
  update(quote) {
    if (!this.#rows.has(quote.symbol)) {
      return;
    }
    const queued = this.#pending.get(quote.symbol);
    if (!queued || queued.historyId <= quote.historyId) {
      this.#pending.set(quote.symbol, quote);
    }
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => this.#drawPending());
    }
  }

  /** Seeds a row's sparkline with history items ({historyId, price}, any order). */
  addHistory(symbol, items) {
    const row = this.#rows.get(symbol);
    if (row && row.sparkline.add(items.map((i) => ({ id: i.historyId, price: i.price })))) {
      row.sparkline.draw();
    }
  }

  select(symbol) {
    for (const [s, row] of this.#rows) {
      row.tr.classList.toggle('selected', s === symbol);
      row.symbolButton.setAttribute('aria-pressed', String(s === symbol));
    }
  }

  focus(symbol) {
    this.#rows.get(symbol)?.symbolButton.focus();
  }

  #drawPending() {
    this.#frame = 0;
    for (const [symbol, quote] of this.#pending) {
      const row = this.#rows.get(symbol);
      if (row) {
        this.#draw(row, quote);
      }
    }
    this.#pending.clear();
  }

  #draw(row, quote) {
    const previous = row.quote;
    if (previous && quote.historyId < previous.historyId) {
      return;
    }
    const newer = !previous || quote.historyId > previous.historyId;
    row.quote = quote;
    row.tr.dataset.historyId = quote.historyId;
    row.company.textContent = quote.companyName || '';
    row.company.title = quote.companyName || '';
    row.company.classList.remove('waiting');
    row.price.textContent = format.price(quote.price);
    row.price.classList.remove('waiting');
    const change = format.change(quote);
    // the table keeps to the percentage, as wide as before; the absolute change is its tooltip and
    // stands beside it in the selected symbol's header (main.js)
    row.change.textContent = `${change.arrow}${change.percent}`;
    row.change.title = change.absolute ? `${change.absolute} since the previous close` : '';
    row.change.className = `num change ${change.direction}`;
    row.change.setAttribute('aria-label', change.label);
    row.volume.textContent = format.volume(quote.volume);
    row.volume.title = format.volumeTitle(quote.volume);
    row.provider.textContent = quote.provider || '';
    row.time.textContent = format.time(quote.lastUpdated);
    row.time.dateTime = quote.lastUpdated || '';
    row.badge.hidden = !(quote.stale || quote.status === 'inactive');
    row.badge.textContent = quote.status === 'inactive' ? 'inactive' : 'stale';
    row.badge.className = quote.status === 'inactive' ? 'badge inactive' : 'badge';
    if (newer) {
      if (previous) {
        this.#flash(row, Math.sign(quote.price - previous.price));
      }
      if (row.sparkline.add([{ id: quote.historyId, price: quote.price }])) {
        row.sparkline.draw();
      }
    }
  }

  #flash(row, direction) {
    const kind = direction > 0 ? 'up' : direction < 0 ? 'down' : 'same';
    row.parity = 1 - row.parity;
    row.price.classList.remove(...FLASH_CLASSES);
    row.price.classList.add(`flash-${kind}-${row.parity}`);
  }

  #createRow(symbol) {
    const tr = document.createElement('tr');
    tr.dataset.symbol = symbol;
    const cell = (tag, className) => {
      const element = document.createElement(tag);
      if (className) {
        element.className = className;
      }
      tr.append(element);
      return element;
    };
    const head = cell('th');
    head.scope = 'row';
    const symbolButton = document.createElement('button');
    symbolButton.type = 'button';
    symbolButton.className = 'symbol';
    symbolButton.textContent = symbol;
    symbolButton.title = `Chart ${symbol}`;
    symbolButton.setAttribute('aria-pressed', 'false');
    symbolButton.addEventListener('click', () => this.#handlers.onSelect(symbol));
    symbolButton.addEventListener('keydown', (event) => this.#navigate(event, symbol));
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    head.append(symbolButton, badge);
    const company = cell('td', 'col-company waiting');
    company.textContent = 'waiting for a price';
    const price = cell('td', 'num price waiting');
    price.textContent = format.DASH;
    const change = cell('td', 'num change flat');
    change.textContent = format.DASH;
    const sparkline = new Sparkline();
    cell('td', 'col-spark').append(sparkline.element);
    const volume = cell('td', 'num col-volume');
    volume.textContent = format.DASH;
    const provider = cell('td', 'col-provider');
    const time = document.createElement('time');
    cell('td', 'col-time').append(time);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove ${symbol}`);
    remove.addEventListener('click', () => this.#handlers.onRemove(symbol));
    cell('td').append(remove);
    return { tr, symbolButton, badge, company, price, change, sparkline, volume, provider, time,
      quote: null, parity: 0 };
  }

  /** Arrow keys, Home and End move between the symbols of the list. */
  #navigate(event, symbol) {
    const symbols = this.symbols;
    const index = symbols.indexOf(symbol);
    const target = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: symbols.length - 1,
    }[event.key];
    if (target === undefined || target < 0 || target >= symbols.length) {
      return;
    }
    event.preventDefault();
    this.focus(symbols[target]);
  }
}

const FLASH_CLASSES = ['up', 'down', 'same'].flatMap((k) => [`flash-${k}-0`, `flash-${k}-1`]);
