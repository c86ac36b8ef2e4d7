// The candle chart of the selected symbol on a canvas: candles from the candles endpoint (SQL,
// written by the projection), extended by the live quotes of the symbol as they arrive, so the
// last candle moves with the market between two loads of the endpoint.

const INTERVAL_MS = { '1m': 60e3, '5m': 300e3, '15m': 900e3, '1h': 3600e3, '1d': 86400e3 };
const LOADED_CANDLES = 150; // candles asked for per load; the endpoint allows up to 1000
const MAX_CANDLES = 1000;
const PRICE_AXIS = 68;
const TIME_AXIS = 20;
const MIN_SLOT = 4;
const MAX_SLOT = 16;

const clock = new Intl.DateTimeFormat(undefined,
  { hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat(undefined,
  { month: 'short', day: 'numeric', timeZone: 'UTC' });
const axisPrice = new Intl.NumberFormat('en-US',
  { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const gridPrice = new Intl.NumberFormat('en-US',
  { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export class CandleChart {
  #canvas;
  #symbol = null;
  #interval = '1m';
  #candles = [];
  #message = '';
  #lastQuote = null;
  #dayVolume = null; // largest cumulative volume seen live on #volumeDay (see #apply)
  #volumeDay = null;
  #frame = 0;

  constructor(canvas) {
    this.#canvas = canvas;
    new ResizeObserver(() => this.#schedule()).observe(canvas);
  }

  get symbol() {
    return this.#symbol;
  }

  get interval() {
    return this.#interval;
  }

  /** Where a load of `interval` candles starts. */
  static loadFrom(interval, now = Date.now()) {
    return new Date(now - INTERVAL_MS[interval] * LOADED_CANDLES);
  }

  /** Shows `symbol` with `candles` (API format, oldest first) plus the live quote seen last. */
  show(symbol, interval, candles) {
    if (symbol !== this.#symbol) {
      this.#lastQuote = null;
      this.#dayVolume = null;
    }
    this.#symbol = symbol;
    this.#interval = interval;
    this.#message = '';
    this.#candles = candles.map((c) => ({ ...c, start: Date.parse(c.start) }));
    if (this.#lastQuote) {
      this.#apply(this.#lastQuote, 0, false);
    }
    this.#schedule();
  }

  /** Shows `message` instead of candles, e.g. while the first load runs or after it failed. */
  showMessage(symbol, interval, message) {
    this.#symbol = symbol;
    this.#interval = interval;
    this.#candles = [];
    this.#message = message;
    this.#schedule();
  }

  addQuote(quote, skipped = 0) {
    if (quote.symbol !== this.#symbol) {
      return;
    }
    this.#lastQuote = quote;
    this.#apply(quote, skipped, true);
    this.#schedule();
  }

  #apply(quote, skipped, counts) {
    const width = INTERVAL_MS[this.#interval];
    const start = Math.floor(Date.parse(quote.sourceTimestamp) / width) * width;
    // A tick's volume is the day's cumulative volume; a candle holds what it grew by (as the
    // endpoint computes it), which live is the excess over the largest volume seen so far.
    let traded = 0;
    const utcDay = Math.floor(Date.parse(quote.sourceTimestamp) / INTERVAL_MS['1d']);
    if (utcDay !== this.#volumeDay) {
      this.#volumeDay = utcDay;
      this.#dayVolume = null;
    }
    if (counts && quote.volume != null) {
      if (this.#dayVolume != null && quote.volume > this.#dayVolume) {
        traded = quote.volume - this.#dayVolume;
      }
      this.#dayVolume = Math.max(this.#dayVolume ?? 0, quote.volume);
    }
    const last = this.#candles[this.#candles.length - 1];
    const price = quote.price;
    if (!last || start > last.start) {
      this.#candles.push({ start, open: price, high: price, low: price, close: price,
        volume: traded, ticks: 1 + skipped });
      if (this.#candles.length > MAX_CANDLES) {
        this.#candles.shift();
      }
    } else if (start === last.start) {
      last.high = Math.max(last.high, price);
      last.low = Math.min(last.low, price);
      last.close = price;
      if (counts) {
        last.volume = (last.volume ?? 0) + traded;
        last.ticks += 1 + skipped;
      }
    }
    // An older candle: the next load of the endpoint has it.
  }

  #schedule() {
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#draw();
      });
    }
  }

  #draw() {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    if (width === 0 || height === 0) {
      return;
    }
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const css = getComputedStyle(document.documentElement);
    const color = (name) => css.getPropertyValue(name).trim();
    g.font = '11px system-ui, sans-serif';
    const name = this.#symbol ? `${this.#symbol} ${this.#interval}` : '';

    canvas.dataset.symbol = this.#symbol || '';
    canvas.dataset.interval = this.#interval;
    canvas.dataset.candles = String(this.#candles.length);
    if (this.#candles.length === 0) {
      const none = this.#symbol
        ? `No ${this.#interval} candles for ${this.#symbol} yet`
        : 'Choose a symbol';
      const text = this.#message || none;
      g.fillStyle = color('--muted');
      g.textAlign = 'center';
      g.fillText(text, width / 2, height / 2);
      canvas.setAttribute('aria-label', `${name} chart: ${text}`);
      delete canvas.dataset.lastClose;
      return;
    }

    const plotWidth = width - PRICE_AXIS;
    const plotHeight = height - TIME_AXIS;
    const volumeHeight = Math.round(plotHeight * 0.16);
    const priceHeight = plotHeight - volumeHeight - 6;
    const slot = Math.max(MIN_SLOT, Math.min(MAX_SLOT, plotWidth / this.#candles.length));
    const visible = this.#candles.slice(-Math.floor(plotWidth / slot));
    const left = plotWidth - visible.length * slot;
    let low = Math.min(...visible.map((c) => c.low));
    let high = Math.max(...visible.map((c) => c.high));
    const pad = (high - low) * 0.08 || Math.abs(high) * 0.001 || 1;
    low -= pad;
    high += pad;
    const y = (price) => 10 + ((high - price) / (high - low)) * (priceHeight - 10);
    const x = (i) => left + i * slot + slot / 2;

    // Price grid and axis.
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const price = low + ((high - low) * i) / 4;
      const py = Math.round(y(price)) + 0.5;
      g.strokeStyle = color('--grid');
      g.beginPath();
      g.moveTo(0, py);
      g.lineTo(plotWidth, py);
      g.stroke();
      g.fillStyle = color('--muted');
      // Grid lines sit at arbitrary prices: cents are enough for them, unless the range is tiny.
      g.fillText((high - low > 0.5 ? gridPrice : axisPrice).format(price), plotWidth + 6, py);
    }

    // Candles and volume.
    const maxVolume = Math.max(1, ...visible.map((c) => c.volume || 0));
    const body = Math.max(1, Math.floor(slot * 0.7));
    visible.forEach((c, i) => {
      const cx = Math.round(x(i)) + 0.5;
      const rising = c.close >= c.open;
      g.strokeStyle = g.fillStyle = rising ? color('--up') : color('--down');
      g.beginPath();
      g.moveTo(cx, y(c.high));
      g.lineTo(cx, y(c.low));
      g.stroke();
      const top = y(Math.max(c.open, c.close));
      const bottom = y(Math.min(c.open, c.close));
      g.fillRect(Math.round(cx - body / 2), top, body, Math.max(1, bottom - top));
      if (c.volume) {
        const h = (c.volume / maxVolume) * volumeHeight;
        g.globalAlpha = 0.45;
        g.fillRect(Math.round(cx - body / 2), plotHeight - h, body, h);
        g.globalAlpha = 1;
      }
    });

    // Time axis: about one label per 90 px.
    g.fillStyle = color('--muted');
    g.textAlign = 'center';
    g.textBaseline = 'alphabetic';
    const every = Math.max(1, Math.ceil(90 / slot));
    const label = this.#interval === '1d' ? day : clock;
    for (let i = visible.length - 1; i >= 0; i -= every) {
      const text = label.format(new Date(visible[i].start));
      if (x(i) - g.measureText(text).width / 2 >= 0) {
        g.fillText(text, x(i), height - 5);
      }
    }

    // Last price marker.
    const last = visible[visible.length - 1];
    const ly = Math.round(y(last.close)) + 0.5;
    const lastColor = last.close >= last.open ? color('--up') : color('--down');
    g.setLineDash([3, 3]);
    g.strokeStyle = lastColor;
    g.beginPath();
    g.moveTo(0, ly);
    g.lineTo(plotWidth, ly);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = lastColor;
    g.fillRect(plotWidth + 2, ly - 9, PRICE_AXIS - 4, 18);
    g.fillStyle = color('--bg');
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillText(axisPrice.format(last.close), plotWidth + 6, ly);

    canvas.dataset.lastClose = String(last.close);
    canvas.setAttribute('aria-label',
      `${name} candle chart, ${visible.length} candles; last ${axisPrice.format(last.close)}, ` +
      `range ${axisPrice.format(Math.min(...visible.map((c) => c.low)))} to ` +
      `${axisPrice.format(Math.max(...visible.map((c) => c.high)))}`);
  }
}
