// The test kit's fake `WebSocket` (feature `testing`, src/testing/mod.rs).
//
// While a mock server listens, `globalThis.WebSocket` is the class below: a URL some server claims
// gets a fake socket wired to that server's scripted peer; any other URL gets the browser's own
// `WebSocket`. The fake follows the WHATWG WebSockets Standard: the constructor's URL and protocol
// checks, `send` and `close` throwing the same DOMExceptions, every event dispatched in a task of
// its own, in order, as a real `Event`, `MessageEvent` or `CloseEvent`.

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

// The browser's `WebSocket` while the fake is installed.
let Real = null;
// The listening servers, newest last: `{ matches, connect, sent, closed, sockets }`.
const servers = [];

// One queue of tasks for every fake socket: each event in a task of its own, first in first out,
// as the network's task source does (a `MessageChannel` is neither clamped nor throttled).
const tasks = [];
let channel = null;
function later(task) {
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => tasks.shift()();
  }
  tasks.push(task);
  channel.port2.postMessage(undefined);
}

function syntaxError(message) {
  return new DOMException(message, "SyntaxError");
}

// The constructor's URL steps (parse against the API base URL, http(s) to ws(s), no fragment), or
// null where the standard throws: then the real `WebSocket` throws its own error.
function parseUrl(url) {
  const base = globalThis.document ? globalThis.document.baseURI : globalThis.location.href;
  let parsed;
  try {
    parsed = new URL(String(url), base);
  } catch {
    return null;
  }
  if (parsed.protocol === "http:") parsed.protocol = "ws:";
  else if (parsed.protocol === "https:") parsed.protocol = "wss:";
  const fragment = String(url).includes("#");
  return (parsed.protocol === "ws:" || parsed.protocol === "wss:") && !fragment ? parsed.href : null;
}

// RFC 7230's token: what a subprotocol name may be.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function parseProtocols(protocols) {
  const list = protocols === undefined ? [] : typeof protocols === "string" ? [protocols] : Array.from(protocols, String);
  for (const [i, protocol] of list.entries()) {
    if (!TOKEN.test(protocol)) throw syntaxError(`The subprotocol '${protocol}' is invalid.`);
    if (list.indexOf(protocol) !== i) throw syntaxError(`The subprotocol '${protocol}' is duplicated.`);
  }
  return list;
}

function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

class WebSocket extends EventTarget {
  static CONNECTING = CONNECTING;
  static OPEN = OPEN;
  static CLOSING = CLOSING;
  static CLOSED = CLOSED;

  // Real sockets made while the fake is installed are still `instanceof WebSocket`.
  static [Symbol.hasInstance](value) {
    return (Real !== null && value instanceof Real) || Object.prototype.isPrototypeOf.call(WebSocket.prototype, value);
  }

  #server;
  #id = 0;
  #url;
  #state = CONNECTING;
  #protocol = "";
  #binaryType = "blob";
  #buffered = 0;
  // Sends and the close frame reach the peer in order, after any Blob among them is read.
  #outgoing = Promise.resolve();
  #handlers = { open: null, message: null, error: null, close: null };
  #listening = { open: false, message: false, error: false, close: false };

  constructor(url, ...rest) {
    const href = parseUrl(url);
    const server = href === null ? undefined : servers.findLast((server) => server.matches(href));
    if (server === undefined) return new Real(url, ...rest);
    const protocols = parseProtocols(rest[0]);
    super();
    this.#server = server;
    this.#url = href;
    server.sockets.add(this);
    this.#id = server.connect(this, href, protocols);
  }

  get url() { return this.#url; }
  get readyState() { return this.#state; }
  get protocol() { return this.#protocol; }
  get extensions() { return ""; }
  get bufferedAmount() { return this.#buffered; }
  get binaryType() { return this.#binaryType; }
  set binaryType(value) {
    // An enumeration attribute ignores values outside it.
    if (value === "blob" || value === "arraybuffer") this.#binaryType = value;
  }

  get onopen() { return this.#handlers.open; }
  set onopen(handler) { this.#setHandler("open", handler); }
  get onmessage() { return this.#handlers.message; }
  set onmessage(handler) { this.#setHandler("message", handler); }
  get onerror() { return this.#handlers.error; }
  set onerror(handler) { this.#setHandler("error", handler); }
  get onclose() { return this.#handlers.close; }
  set onclose(handler) { this.#setHandler("close", handler); }

  // An event handler attribute: one listener, added when first set, that calls whatever handler
  // is set when the event comes.
  #setHandler(type, handler) {
    this.#handlers[type] = typeof handler === "function" || (typeof handler === "object" && handler !== null) ? handler : null;
    if (this.#handlers[type] !== null && !this.#listening[type]) {
      this.#listening[type] = true;
      this.addEventListener(type, (event) => {
        const current = this.#handlers[type];
        if (typeof current === "function") current.call(this, event);
      });
    }
  }

  send(data) {
    if (this.#state === CONNECTING) {
      throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", "InvalidStateError");
    }
    let payload;
    let size;
    if (data instanceof Blob) {
      payload = data;
      size = data.size;
    } else if (data instanceof ArrayBuffer) {
      payload = new Uint8Array(data.slice(0));
      size = payload.length;
    } else if (ArrayBuffer.isView(data)) {
      payload = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      size = payload.length;
    } else {
      payload = String(data);
      size = utf8Length(payload);
    }
    // Closing or closed: the data counts as buffered and is never sent.
    this.#buffered += size;
    if (this.#state !== OPEN) return;
    this.#toPeer(async () => {
      const message = payload instanceof Blob ? new Uint8Array(await payload.arrayBuffer()) : payload;
      this.#buffered -= size;
      this.#tell("sent", message);
    });
  }

  close(code, reason) {
    if (code !== undefined) {
      // WebIDL's [Clamp] unsigned short.
      code = Math.min(Math.max(Math.round(Number(code)) || 0, 0), 0xffff);
      if (code !== 1000 && (code < 3000 || code > 4999)) {
        throw new DOMException(`The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, "InvalidAccessError");
      }
    }
    if (reason !== undefined) {
      reason = String(reason);
      if (utf8Length(reason) > 123) throw syntaxError("The close reason must not be greater than 123 UTF-8 bytes.");
    }
    if (this.#state === CLOSING || this.#state === CLOSED) return;
    if (this.#state === CONNECTING) {
      // The standard fails the connection: error, then 1006.
      this.#state = CLOSING;
      this.#tell("closed", 1006, "", false);
      later(() => this.#fail());
      return;
    }
    this.#state = CLOSING;
    const sentCode = code === undefined ? 1005 : code;
    const sentReason = reason === undefined ? "" : reason;
    // The peer answers with the same close, as servers do; then the connection is closed cleanly.
    this.#toPeer(() => {
      this.#tell("closed", sentCode, sentReason, true);
      later(() => this.#finish(sentCode, sentReason, true));
    });
  }

  // After the sends before it.
  #toPeer(step) {
    this.#outgoing = this.#outgoing.then(step);
  }

  // Calls the server's `sent` or `closed`, unless it has stopped (its functions are gone).
  #tell(what, ...args) {
    if (this.#server.listening) this.#server[what](this.#id, ...args);
  }

  #finish(code, reason, wasClean) {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#server.sockets.delete(this);
    this.dispatchEvent(new CloseEvent("close", { code, reason, wasClean }));
  }

  #fail() {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#server.sockets.delete(this);
    this.dispatchEvent(new Event("error"));
    this.dispatchEvent(new CloseEvent("close", { code: 1006, reason: "", wasClean: false }));
  }

  // What the scripted peer does, through the functions exported below.
  static accept(socket, protocol) {
    later(() => {
      if (socket.#state !== CONNECTING) return;
      socket.#protocol = protocol;
      socket.#state = OPEN;
      socket.dispatchEvent(new Event("open"));
    });
  }

  static refuse(socket) {
    later(() => {
      if (socket.#state === CONNECTING) socket.#fail();
    });
  }

  static deliver(socket, data) {
    later(() => {
      if (socket.#state !== OPEN) return;
      let payload = data;
      if (typeof data !== "string") {
        payload = socket.#binaryType === "blob" ? new Blob([data]) : data.buffer;
      }
      socket.dispatchEvent(new MessageEvent("message", { data: payload, origin: new URL(socket.#url).origin }));
    });
  }

  static close(socket, code, reason, clean) {
    later(() => {
      if (socket.#state === CLOSED) return;
      if (!clean) {
        socket.#finish(1006, "", false);
        return;
      }
      if (socket.#state === OPEN) {
        // The browser answers a close with the same code, and the peer sees that answer.
        socket.#state = CLOSING;
        socket.#tell("closed", code, reason, true);
      }
      socket.#finish(code, reason, true);
    });
  }
}

// Constants on instances too, as on the real prototype.
for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSING, CLOSED })) {
  Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
}

/// Starts a server: from now on `new WebSocket(url)` asks `matches(url)`, the newest server first.
export function listen(matches, connect, sent, closed) {
  if (Real === null) {
    Real = globalThis.WebSocket;
    globalThis.WebSocket = WebSocket;
  }
  const server = { matches, connect, sent, closed, listening: true, sockets: new Set() };
  servers.push(server);
  return server;
}

/// Stops a server: its open sockets drop (1006); the last one to stop restores the real class.
export function unlisten(server) {
  server.listening = false;
  servers.splice(servers.indexOf(server), 1);
  for (const socket of server.sockets) WebSocket.close(socket, 1006, "", false);
  if (servers.length === 0) {
    globalThis.WebSocket = Real;
    Real = null;
  }
}

export function accept(socket, protocol) { WebSocket.accept(socket, protocol); }
export function refuse(socket) { WebSocket.refuse(socket); }
// `data` is a string or a view of the wasm memory, copied now (the memory may grow before the task).
export function deliver(socket, data) { WebSocket.deliver(socket, typeof data === "string" ? data : data.slice()); }
export function close(socket, code, reason, clean) { WebSocket.close(socket, code, reason, clean); }
