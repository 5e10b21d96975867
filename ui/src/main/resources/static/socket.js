// socket.js — the one WebSocket to the gateway. Connects, keeps it alive with heartbeats,
// reconnects with exponential back-off and matches replies to requests by frame id. A 4401
// close (token expired, session ended) asks the app whether to connect again.
// It speaks frames; what a frame means for rooms and messages is the app's business.

const HEARTBEAT_MS = 20_000;
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const CLOSE_BAD_TOKEN = 4401;

/** States reported through onState: 'connecting' | 'online' | 'reconnecting' | 'offline'. */
export class ChatSocket {
  /**
   * @param {object} o
   * @param {() => string} o.url         builds the URL (called per attempt, so a fresh token is used)
   * @param {(frame) => void} o.onFrame  every frame received
   * @param {(state) => void} o.onState
   * @param {(isReconnect: boolean) => void} o.onOpen
   * @param {(reason: string) => Promise<boolean>} o.onAuthRejected  the server closed with 4401
   *                                        (token expired, session ended); resolves with whether
   *                                        to connect again (after a refresh) or stop
   * @param {() => void} o.onConnectFailed  an attempt failed before opening (maybe a bad token:
   *                                        the server refuses those with HTTP 401, which a
   *                                        browser cannot tell apart from a network failure)
   */
  constructor({ url, onFrame, onState, onOpen, onAuthRejected, onConnectFailed }) {
    Object.assign(this, { url, onFrame, onState, onOpen, onAuthRejected, onConnectFailed });
    this.ws = null;
    this.state = 'offline';
    this.attempt = 0;
    this.everOpened = false;
    this.stopped = true;
    this.nextId = 1;
    this.pending = new Map(); // frame id → {resolve, reject, timer}
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.awaitingHeartbeat = false;
    this.authPending = false; // a 4401 is being answered (a refresh): no reconnect until it is
    this.onBrowserOnline = () => this.retryNow();
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onBrowserOnline);
    this.connect();
  }

  /** Close for good (log out): no reconnect. */
  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onBrowserOnline);
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close(1000, 'bye');
      this.ws = null;
    }
    this.failPending('Disconnected');
    this.setState('offline');
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  newId() {
    return `c${this.nextId++}`;
  }

  /** Fire and forget. Returns false when the socket is not open (the caller keeps the frame for later). */
  send(frame) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Send a frame with an id and resolve with its reply (reply/ack), reject on error or timeout. */
  request(frame, timeoutMs = REQUEST_TIMEOUT_MS) {
    const id = frame.id ?? this.newId();
    return new Promise((resolve, reject) => {
      if (!this.send({ ...frame, id })) return reject(new Error('Not connected'));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('No reply from the server'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  // ---- internals --------------------------------------------------------------------------

  connect() {
    clearTimeout(this.retryTimer);
    this.setState(this.everOpened || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let opened = false;
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch {
      return this.scheduleReconnect();
    }
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      const isReconnect = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setState('online');
      this.startHeartbeat();
      this.onOpen(isReconnect);
    };
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopHeartbeat();
      this.failPending('Connection lost');
      if (event.code === CLOSE_BAD_TOKEN) return this.authRejected(event.reason);
      // 1008 (policy: flooding / not reading) and network drops alike: back off and retry.
      if (!opened) this.onConnectFailed();
      this.scheduleReconnect();
    };
  }

  async authRejected(reason) {
    this.setState('reconnecting');
    this.authPending = true;
    let again = false;
    try {
      again = await this.onAuthRejected(reason);
    } catch {
      again = false;
    } finally {
      this.authPending = false;
    }
    if (this.stopped) return;
    if (!again) return this.stop();
    this.attempt = 0;
    this.connect();
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // not ours to fix; the server only sends JSON
    }
    if (frame?.id != null && this.pending.has(frame.id)) {
      const { resolve, reject, timer } = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      clearTimeout(timer);
      if (frame.type === 'error' || frame.ok === false || frame.status === 'FAILED') reject(Object.assign(new Error(frame.error?.message ?? 'Request failed'), { code: frame.error?.code, frame }));
      else resolve(frame);
    }
    if (frame?.type === 'reply' && frame.id === this.heartbeatId) this.awaitingHeartbeat = false;
    this.onFrame(frame);
  }

  scheduleReconnect() {
    if (this.stopped) return;
    this.setState('reconnecting');
    // Exponential back-off with jitter so a restarted gateway is not hit by every client at once.
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** this.attempt);
    const delay = Math.min(BACKOFF_MAX_MS, Math.round(base * (0.8 + Math.random() * 0.4)));
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** The browser says the network is back: skip the rest of the back-off wait. */
  retryNow() {
    if (this.stopped || this.ws || this.authPending) return;
    this.attempt = 0;
    this.connect();
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      // A heartbeat left unanswered for a whole period means a dead link the browser has not
      // noticed yet; closing it starts the reconnect instead of waiting for TCP to give up.
      if (this.awaitingHeartbeat) return this.dropDeadLink();
      this.heartbeatId = this.newId();
      this.awaitingHeartbeat = this.send({ type: 'heartbeat', id: this.heartbeatId });
    }, HEARTBEAT_MS);
  }

  dropDeadLink() {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(4000, 'heartbeat timeout');
    }
    this.stopHeartbeat();
    this.failPending('Connection lost');
    this.scheduleReconnect();
  }

  stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.awaitingHeartbeat = false;
  }

  failPending(reason) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(reason));
    }
    this.pending.clear();
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }
}
