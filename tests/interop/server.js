/* server.js: the far end of the interop test, a real Socket.IO 4.8 server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Script (one client at a time):
 *  1. a fresh connection gets the listening events of socket-events.txt in the seed's order,
 *     except account-terminated, which makes a client stop for good: it comes last (5.);
 *  2. the server records typing-started, typing-stopped and messages-read from the client
 *     and counts the Engine.IO pongs it answers;
 *  3. once the 3 events arrived and >= 3 pongs were answered, it emits "interop-status",
 *     forces a recoverable disconnect ("forced close") and, while the client is away,
 *     broadcasts 3 events to room "user";
 *  4. on reconnect it emits "interop-done" {"recovered": true, "missed": 3} when the
 *     connection state was recovered, {"recovered": false} otherwise;
 *  5. then it emits the seed's account-terminated.
 *
 * stdout carries only "PORT <n>"; everything else goes to stderr.
 * Environment: PING_INTERVAL_MS, PING_TIMEOUT_MS (default 300 each), HEARTH_SEED_EVENTS
 * (default ../data/socket-events.txt), INTEROP_TOKEN (default interop-token).
 */

'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Server } = require('socket.io');

const TOKEN = process.env.INTEROP_TOKEN || 'interop-token';
const PING_INTERVAL = parseInt(process.env.PING_INTERVAL_MS || '300', 10);
const PING_TIMEOUT = parseInt(process.env.PING_TIMEOUT_MS || '300', 10);
const SEED = process.env.HEARTH_SEED_EVENTS ||
  path.join(__dirname, '..', 'data', 'socket-events.txt');
const CLIENT_EVENTS = ['typing-started', 'typing-stopped', 'messages-read'];
const MIN_PONGS = 3;

function log (...args)
{
  console.error('[interop-server]', ...args);
}

/* Returns the text of each balanced {...} starting at `{ "event"` in @text. */
function extractSamples (text)
{
  const samples = [];
  const re = /\{\s*"event"\s*:/g;
  let m;

  while ((m = re.exec(text)) !== null)
    {
      let depth = 0;
      let inString = false;
      let end = -1;

      for (let i = m.index; i < text.length; i++)
        {
          const c = text[i];

          if (inString)
            {
              if (c === '\\')
                i++;
              else if (c === '"')
                inString = false;
              continue;
            }
          if (c === '"')
            inString = true;
          else if (c === '{')
            depth++;
          else if (c === '}' && --depth === 0)
            {
              end = i + 1;
              break;
            }
        }
      if (end < 0)
        throw new Error(`unbalanced sample at offset ${m.index}`);
      samples.push(text.slice(m.index, end));
      re.lastIndex = end;
    }
  return samples;
}

/* The seed prints optional keys as `"admin?"`: a real backend sends `"admin"`. */
function stripOptionalMarks (value)
{
  if (Array.isArray(value))
    return value.map(stripOptionalMarks);
  if (value !== null && typeof value === 'object')
    {
      const out = {};
      for (const [k, v] of Object.entries(value))
        out[k.endsWith('?') ? k.slice(0, -1) : k] = stripOptionalMarks(v);
      return out;
    }
  return value;
}

function parseSample (text)
{
  /* The seed has trailing commas before closing braces/brackets. */
  const json = text.replace(/,(\s*[}\]])/g, '$1');
  const sample = stripOptionalMarks(JSON.parse(json));

  if (typeof sample.event !== 'string' || !('data' in sample))
    throw new Error(`bad sample: ${text.slice(0, 60)}`);
  return sample;
}

function loadListeningEvents (file)
{
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('Socket Events for Listening');
  const stop = text.indexOf('Socket Events for Emitting');

  if (start < 0 || stop < start)
    throw new Error(`${file}: section headings not found`);

  const samples = extractSamples(text.slice(start, stop)).map(parseSample);
  if (samples.length !== 14)
    throw new Error(`${file}: expected 14 listening events, found ${samples.length}`);
  return samples;
}

function findSample (samples, name)
{
  const s = samples.find((x) => x.event === name);
  if (!s)
    throw new Error(`no seed sample for ${name}`);
  return s;
}

function tokenOk (handshake)
{
  const presented = [];
  const auth = handshake.auth || {};
  const header = handshake.headers.authorization;

  if (typeof auth.token === 'string')
    presented.push(auth.token);
  if (typeof header === 'string')
    {
      const m = /^Bearer\s+(.+)$/i.exec(header.trim());
      presented.push(m ? m[1] : header);
    }
  /* Everything presented must be the right token, and something must be. */
  return presented.length > 0 && presented.every((t) => t === TOKEN);
}

const samples = loadListeningEvents(SEED);
const terminated = findSample(samples, 'account-terminated');
const opening = samples.filter((s) => s !== terminated);
const missedEvents = [
  findSample(samples, 'user-offline'),
  findSample(samples, 'typing-stopped'),
  { event: 'chat-created', data: { chat: '6a1f00c0ffee00000000beef' } },
];

const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, {
  pingInterval: PING_INTERVAL,
  pingTimeout: PING_TIMEOUT,
  transports: ['websocket'],
  connectionStateRecovery: {
    maxDisconnectionDuration: 120000,
    skipMiddlewares: true,
  },
});

io.use((socket, next) => {
  if (tokenOk(socket.handshake))
    {
      next();
      return;
    }
  log('rejecting a connection: bad token');
  next(new Error('authorization-failed'));
});

/* 'fresh' -> 'awaiting-recovery' (after the forced close) -> 'done' */
let phase = 'fresh';
let missedCount = 0;

function startScript (socket)
{
  const emitted = [];
  let pongs = 0;
  let finished = false;

  function maybeFinish ()
  {
    const names = new Set(emitted.map((e) => e.event));

    if (finished || pongs < MIN_PONGS || !CLIENT_EVENTS.every((n) => names.has(n)))
      return;
    finished = true;

    log(`got ${emitted.length} client events and ${pongs} pongs: forcing a disconnect`);
    socket.emit('interop-status', { emitted, pongs });
    phase = 'awaiting-recovery';
    /* Let the status frame go out before the close; the engine waits for its write
     * buffer to drain, then closes the transport with reason "forced close". */
    socket.conn.close();
  }

  for (const name of CLIENT_EVENTS)
    {
      socket.on(name, (data) => {
        log(`client emitted ${name}`);
        emitted.push({ event: name, data });
        maybeFinish();
      });
    }

  socket.conn.on('packet', (packet) => {
    if (packet.type === 'pong')
      {
        pongs++;
        maybeFinish();
      }
  });

  socket.on('disconnect', (reason) => {
    log(`disconnected: ${reason}`);
    if (phase !== 'awaiting-recovery' || missedCount > 0)
      return;
    /* The session is persisted before "disconnect" fires, so these are stored
     * for the absent client and replayed on recovery. */
    for (const e of missedEvents)
      {
        io.to('user').emit(e.event, e.data);
        missedCount++;
      }
    log(`broadcast ${missedCount} events while the client is away`);
  });

  for (const s of opening)
    socket.emit(s.event, s.data);
  log(`sent ${opening.length} seed events`);
}

io.on('connection', (socket) => {
  log(`connection ${socket.id} recovered=${socket.recovered} phase=${phase}`);
  socket.join('user');

  if (phase === 'fresh')
    {
      startScript(socket);
      return;
    }

  if (phase === 'awaiting-recovery')
    {
      phase = 'done';
      if (socket.recovered)
        socket.emit('interop-done', { recovered: true, missed: missedCount });
      else
        socket.emit('interop-done', { recovered: false });
      socket.emit(terminated.event, terminated.data);
      return;
    }

  log('unexpected extra connection');
});

function shutdown (why)
{
  log(`exiting: ${why}`);
  io.close();
  process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.stdin.on('end', () => shutdown('stdin closed'));
process.stdin.on('close', () => shutdown('stdin closed'));
process.stdin.on('error', () => shutdown('stdin error'));
process.stdin.resume();

httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${httpServer.address().port}\n`);
  log(`listening on 127.0.0.1:${httpServer.address().port}`);
});
