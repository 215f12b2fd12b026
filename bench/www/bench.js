// The benchmark workloads in plain JavaScript: the baseline every other column is compared to.

const WORKLOADS = {
  "pingpong": { path: "/bench-echo", count: 2000, expected: 2000, text: "x".repeat(32) },
  "pipelined-text": { path: "/bench-echo", count: 20000, expected: 20000, text: "y".repeat(64) },
  "pipelined-binary": { path: "/bench-echo", count: 2000, expected: 2000, bytes: 64 * 1024 },
  "flood": { path: "/flood?count=50000&size=64&binary=1", count: 0, expected: 50000 },
  "big": { path: "/bench-echo", count: 1, expected: 1, bytes: 16 << 20 },
  "json": { path: "/flood?count=20000&quotes=1", count: 0, expected: 20000, json: true },
  "json-browser": { path: "/flood?count=20000&quotes=1", count: 0, expected: 20000, json: true },
};

export function runJs(name, base) {
  const w = WORKLOADS[name];
  return new Promise((resolve, reject) => {
    const startFlood = performance.now();
    const ws = new WebSocket(base + w.path);
    ws.binaryType = "arraybuffer";
    const payload = w.text !== undefined ? w.text : new Uint8Array(w.bytes || 0).fill(7);
    const pingPong = name === "pingpong";
    let received = 0;
    let start = 0;
    let prices = 0;
    ws.onmessage = (event) => {
      if (w.json) prices += JSON.parse(event.data).price; // what the Rust columns decode
      received += 1;
      if (received === w.expected) {
        const elapsed = performance.now() - start;
        ws.close();
        resolve(prices >= 0 ? elapsed : NaN);
      } else if (pingPong) {
        ws.send(payload);
      }
    };
    ws.onerror = () => reject(new Error("connection failed"));
    ws.onopen = () => {
      start = w.count === 0 ? startFlood : performance.now(); // the server sends from the start
      const sends = pingPong ? 1 : w.count;
      for (let i = 0; i < sends; i++) ws.send(payload);
    };
  });
}
