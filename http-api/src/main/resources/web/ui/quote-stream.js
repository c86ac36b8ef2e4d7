// Live quotes over the WebSocket protocol of API.md, written to double as an example of it:
//
//   client → {"action":"subscribe","symbols":["AAPL"],"maxFrequency":4,"id":"s1"}
//   server → {"type":"subscribed","symbols":["AAPL"]}
//            {"type":"quote","snapshot":true,"quote":{…}}     once per symbol that has a price
//            {"type":"quote","snapshot":false,"quote":{…},"skipped":3}   per update
//            {"type":"heartbeat","serverTime":"…"}             after 5 s without other messages
//            {"type":"error","code":"invalid_symbol","message":"…","id":"s1"}
//   client → {"action":"unsubscribe","symbols":["AAPL"]}
//
// The connection comes back by itself: exponential backoff with jitter after a drop (the longest
// interval while the browser says it is offline), at once when the browser comes back online,
// and then the whole watchlist is subscribed again. A watchlist
// wants the latest price, so a resubscription takes the snapshot rather than resuming with "since"
// (which replays every missed update: what a consumer needing each price would use).

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15000;
// Three missed heartbeats (one every 5 s of silence) and the connection is taken for dead.
const SILENCE_LIMIT_MS = 16000;

/**
 * Events: "status" {state: connecting|connected|reconnecting|offline, attempt, retryInMs},
 * "quote" {quote, snapshot, skipped}, "subscribed" {symbols}, "protocol-error" {code, message, id}.
 */
export class QuoteStream extends EventTarget {
  #url;
  #maxFrequency;
  #symbols = new Set();
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #watchdog = null;
  #lastMessageAt = 0;
  #nextId = 1;
  #state = 'connecting';
  #stopped = true;

  constructor({ url, maxFrequency }) {
    super();
    this.#url = url;
    this.#maxFrequency = maxFrequency;
    window.addEventListener('online', () => this.#reconnectNow());
    window.addEventListener('offline', () => this.#goOffline());
  }

  get state() {
    return this.#state;
  }

  /** Connects (again) to `url`, e.g. after the read token changed. */
  start(url = this.#url) {
    this.#url = url;
    this.#stopped = false;
    this.#drop();
    this.#attempt = 0;
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    this.#drop();
  }

  /** Follows `symbols` from now on; returns the request id the server echoes in errors. */
  subscribe(symbols) {
    symbols.forEach((s) => this.#symbols.add(s));
    return this.#send({ action: 'subscribe', symbols, maxFrequency: this.#maxFrequency });
  }

  unsubscribe(symbols) {
    symbols.forEach((s) => this.#symbols.delete(s));
    this.#send({ action: 'unsubscribe', symbols });
  }

  #send(message) {
    const id = `r${this.#nextId++}`;
    if (this.#socket && this.#socket.readyState === WebSocket.OPEN && message.symbols.length > 0) {
      this.#socket.send(JSON.stringify({ ...message, id }));
    }
    // Not connected: the subscription goes out with the rest when the connection opens.
    return id;
  }

  #connect() {
    if (this.#stopped) {
      return;
    }
    if (this.#attempt === 0) {
      this.#setState('connecting');
    }
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#lastMessageAt = Date.now();
      this.#setState('connected');
      if (this.#symbols.size > 0) {
        this.#send({ action: 'subscribe', symbols: [...this.#symbols],
          maxFrequency: this.#maxFrequency });
      }
      this.#watchdog = setInterval(() => this.#checkSilence(), 2000);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => {
      if (socket === this.#socket) {
        this.#drop();
        this.#scheduleRetry();
      }
    };
  }

  #receive(data) {
    this.#lastMessageAt = Date.now();
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (message.type) {
      case 'quote':
        this.#emit('quote', { quote: message.quote, snapshot: message.snapshot === true,
          skipped: message.skipped || 0 });
        break;
      case 'subscribed':
        this.#emit('subscribed', { symbols: message.symbols, id: message.id });
        break;
      case 'error':
        this.#emit('protocol-error', { code: message.code, message: message.message,
          id: message.id });
        break;
      default: // heartbeat, pong, unsubscribed: proof of life is all they carry here
    }
  }

  #checkSilence() {
    if (Date.now() - this.#lastMessageAt > SILENCE_LIMIT_MS) {
      // A dead peer may never finish a close handshake: give up on this socket now.
      this.#drop();
      this.#scheduleRetry();
    }
  }

  #scheduleRetry() {
    if (this.#stopped) {
      return;
    }
    // Offline, retries slow down to the longest interval ("online" brings an immediate one); they
    // do not stop, since browsers misjudge connectivity (an engine on localhost needs no network).
    const offline = !navigator.onLine;
    const backoff = offline
      ? MAX_RETRY_MS
      : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#attempt);
    const delay = Math.round(backoff * (0.75 + Math.random() * 0.5));
    this.#attempt += 1;
    this.#setState(offline ? 'offline' : 'reconnecting',
      { attempt: this.#attempt, retryInMs: delay });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #reconnectNow() {
    if (!this.#stopped && this.#state !== 'connected') {
      this.#drop();
      this.#attempt = 0;
      this.#connect();
    }
  }

  #goOffline() {
    if (!this.#stopped && this.#state !== 'connected') {
      this.#drop();
      this.#scheduleRetry();
    }
  }

  /** Forgets the current socket and timers without scheduling anything. */
  #drop() {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#watchdog);
    this.#retryTimer = null;
    this.#watchdog = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
        socket.close();
      }
    }
  }

  #setState(state, detail = {}) {
    this.#state = state;
    this.#emit('status', { state, ...detail });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
