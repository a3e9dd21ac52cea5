// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Hearth developers
//
// ingest.js: the Node baseline of the ingest benchmark. Connects to hearth-server --flood N
// with socket.io-client (Socket.IO v4, WebSocket transport), counts messages-received events
// until the "bench-done" marker and prints one line:
//   RESULT client=node framing=socket.io events=N expected=N invalid=0 seconds=S rate=R max_rss_kb=K
// The time runs from the first event to the marker. Run by build-aux/bench.
//
// Usage: node ingest.js URL TOKEN

'use strict';

const fs = require('fs');
const { io } = require('socket.io-client');

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node ingest.js URL TOKEN');
  process.exit(2);
}

const TIMEOUT_MS = 300000;

// Peak RSS in KiB: VmHWM (maxRSS also counts what the parent had when it forked).
function peakRssKb() {
  try {
    const match = /\nVmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match)
      return Number(match[1]);
  } catch (e) {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
let count = 0;
let invalid = 0;
let first = 0n;

const socket = io(url, {
  transports: ['websocket'],
  auth: { token },
  reconnection: false,
});

const timer = setTimeout(() => {
  console.error(`ingest.js: no marker after ${TIMEOUT_MS / 1000} s (${count} events)`);
  process.exit(1);
}, TIMEOUT_MS);

socket.on('connect_error', (err) => {
  console.error(`ingest.js: connect error: ${err.message}`);
  process.exit(1);
});

socket.on('disconnect', (reason) => {
  if (reason !== 'io client disconnect') {
    console.error(`ingest.js: disconnected: ${reason} (${count} events)`);
    process.exit(1);
  }
});

socket.on('messages-received', (data) => {
  if (count === 0)
    first = process.hrtime.bigint();
  // What a client does at the least: look at the message.
  if (!data || !data.message || typeof data.message._id !== 'string')
    invalid++;
  count++;
});

socket.on('bench-done', (data) => {
  const seconds = count > 0 ? Number(process.hrtime.bigint() - first) / 1e9 : 0;
  clearTimeout(timer);
  socket.disconnect();
  const expected = data && typeof data.count === 'number' ? data.count : -1;
  console.log(`RESULT client=node framing=socket.io events=${count} expected=${expected} ` +
              `invalid=${invalid} seconds=${seconds.toFixed(3)} ` +
              `rate=${(seconds > 0 ? count / seconds : 0).toFixed(0)} ` +
              `max_rss_kb=${peakRssKb()}`);
  process.exitCode = count === expected && invalid === 0 ? 0 : 1;
  process.exit();
});
