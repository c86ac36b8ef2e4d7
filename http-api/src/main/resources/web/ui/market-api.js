// REST reads of the API (API.md): bulk quotes, candles, history. A read token, when the engine
// needs one, goes in the Authorization header here and in ?token= for the WebSocket, which a
// browser cannot give headers.

const BASE = '/api/v1/market-data';
const MAX_SYMBOLS_PER_REQUEST = 500; // API.md: a bulk quote takes at most 500 symbols

/** An error answer of the API: its HTTP status and {"error":{"code","message"}}. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  get unauthorized() {
    return this.status === 401 || this.status === 403;
  }
}

export class MarketApi {
  #token;

  constructor(token) {
    this.#token = token || '';
  }

  setToken(token) {
    this.#token = token || '';
  }

  get hasToken() {
    return this.#token !== '';
  }

  /** Current quotes in request order and the symbols without one: {quotes, missing}. */
  async quotes(symbols) {
    const result = { quotes: [], missing: [] };
    for (let i = 0; i < symbols.length; i += MAX_SYMBOLS_PER_REQUEST) {
      const chunk = symbols.slice(i, i + MAX_SYMBOLS_PER_REQUEST);
      const list = chunk.map(encodeURIComponent).join(',');
      const page = await this.#get(`${BASE}/prices?symbols=${list}`);
      result.quotes.push(...page.quotes);
      result.missing.push(...page.missing);
    }
    return result;
  }

  /** Candles oldest first, {start, open, high, low, close, volume, ticks}. */
  async candles(symbol, interval, from) {
    const query = new URLSearchParams({ interval, from: from.toISOString() });
    const page = await this.#get(`${BASE}/prices/${encodeURIComponent(symbol)}/candles?${query}`);
    return page.candles;
  }

  /** The newest prices of a symbol, newest first. */
  async history(symbol, limit) {
    const page = await this.#get(
      `${BASE}/prices/${encodeURIComponent(symbol)}/history?limit=${limit}`);
    return page.items;
  }

  /** The WebSocket address of the live quotes, on this page's host. */
  streamUrl() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const token = this.#token ? `?token=${encodeURIComponent(this.#token)}` : '';
    return `${scheme}://${location.host}${BASE}/ws${token}`;
  }

  async #get(path) {
    const headers = { Accept: 'application/json' };
    if (this.#token) {
      headers.Authorization = `Bearer ${this.#token}`;
    }
    const response = await fetch(path, { headers, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body && body.error ? body.error : {};
      throw new ApiError(response.status, error.code || 'http_' + response.status,
        error.message || response.statusText);
    }
    return body;
  }
}
