// A row's sparkline: the last prices of a symbol (history first, then live updates), ordered by
// history id so a late history answer and live quotes interleave correctly.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 88;
const HEIGHT = 24;
export const SPARKLINE_POINTS = 40;

export class Sparkline {
  #points = []; // [{id, price}] ascending by history id, at most SPARKLINE_POINTS
  #svg;
  #line;

  constructor() {
    this.#svg = document.createElementNS(SVG, 'svg');
    this.#svg.setAttribute('class', 'sparkline flat');
    this.#svg.setAttribute('width', WIDTH);
    this.#svg.setAttribute('height', HEIGHT);
    this.#svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
    this.#svg.setAttribute('aria-hidden', 'true');
    this.#line = document.createElementNS(SVG, 'polyline');
    this.#svg.append(this.#line);
  }

  get element() {
    return this.#svg;
  }

  /** Adds prices [{id, price}]; returns true when the line changed. */
  add(points) {
    const known = new Set(this.#points.map((p) => p.id));
    const fresh = points.filter((p) => p.id != null && p.price != null && !known.has(p.id));
    if (fresh.length === 0) {
      return false;
    }
    this.#points = [...this.#points, ...fresh]
      .sort((a, b) => a.id - b.id)
      .slice(-SPARKLINE_POINTS);
    return true;
  }

  draw() {
    const prices = this.#points.map((p) => p.price);
    if (prices.length < 2) {
      this.#line.setAttribute('points', '');
      return;
    }
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const span = high - low || 1;
    const step = WIDTH / (SPARKLINE_POINTS - 1);
    const offset = (SPARKLINE_POINTS - prices.length) * step;
    const coordinates = prices.map((price, i) => {
      const x = offset + i * step;
      const y = HEIGHT - 2 - ((price - low) / span) * (HEIGHT - 4);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    });
    this.#line.setAttribute('points', coordinates.join(' '));
    const first = prices[0];
    const last = prices[prices.length - 1];
    const trend = last > first ? 'up' : last < first ? 'down' : 'flat';
    this.#svg.setAttribute('class', `sparkline ${trend}`);
  }
}
