// The watchlist: the symbols the user follows, kept in localStorage so they survive a reload.
// A first visit (nothing stored) starts with a few well-known large caps.

const STORAGE_KEY = 'price-engine.watchlist';
export const DEFAULT_SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'JPM'];
// Below the WebSocket's 1000 symbols per connection and two bulk-quote requests.
export const MAX_SYMBOLS = 500;
// API.md: 1-10 characters A-Z 0-9 . - starting with a letter, upper-cased on input.
const SYMBOL = /^[A-Z][A-Z0-9.-]{0,9}$/;

/** The symbol as the API spells it, or null when the API would reject it. */
export function normalizeSymbol(raw) {
  const symbol = String(raw || '').trim().toUpperCase();
  return SYMBOL.test(symbol) ? symbol : null;
}

export class Watchlist {
  #symbols;
  #storage;

  constructor(storage) {
    this.#storage = storage;
    this.#symbols = Watchlist.#read(storage);
  }

  get symbols() {
    return [...this.#symbols];
  }

  has(symbol) {
    return this.#symbols.includes(symbol);
  }

  get full() {
    return this.#symbols.length >= MAX_SYMBOLS;
  }

  add(symbol) {
    if (this.has(symbol) || this.full) {
      return false;
    }
    this.#symbols.push(symbol);
    this.#save();
    return true;
  }

  remove(symbol) {
    const before = this.#symbols.length;
    this.#symbols = this.#symbols.filter((s) => s !== symbol);
    this.#save();
    return this.#symbols.length < before;
  }

  #save() {
    try {
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(this.#symbols));
    } catch (e) {
      // Storage full or disabled (private mode): the list still works for this visit.
    }
  }

  static #read(storage) {
    let stored = null;
    try {
      stored = JSON.parse(storage.getItem(STORAGE_KEY));
    } catch (e) {
      stored = null;
    }
    if (!Array.isArray(stored)) {
      return [...DEFAULT_SYMBOLS];
    }
    const valid = stored.map(normalizeSymbol).filter((s) => s !== null);
    return [...new Set(valid)].slice(0, MAX_SYMBOLS);
  }
}
