#!/usr/bin/env node
// original-client.mjs — an unchanged socket.io-client (as the NestJS system's clients use it)
// against Parley's Socket.IO endpoint on a running gateway.
//
//   node original-client.mjs --url http://127.0.0.1:3000 [--ping-ms 1000] [--only REGEX] [--client latest|4.7.5]
//
// Every scenario registers its users over REST, creates and joins its rooms over REST, and
// then talks Socket.IO (and once Parley's own /ws, with the `ws` package). One line per
// scenario; the first failure ends the run with its reason and exit code 1; a total timeout
// ends a hang. --ping-ms is the gateway's configured parley.socketio.ping-interval (the
// handshake must say the same); without it the handshake's value is used, and the ping
// scenarios take about 3 intervals plus one interval and timeout.

import WebSocket from 'ws';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { restClient } from './lib.mjs';

const STEP_MS = 10_000; // one ack or event; the gateway answers in milliseconds
const PRESENCE_MS = 30_000; // presence is updated asynchronously; it promises seconds at most
const QUIET_MS = 2_000; // "nothing happens" checks only (no reconnect, no message after leaving)

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'ping-ms': { type: 'string' },
    only: { type: 'string' },
    // 4.7.5: the bundle the original gateway's page loaded (an npm alias of that exact version)
    client: { type: 'string', default: 'latest' },
  },
});
const CLIENT_PACKAGES = { latest: 'socket.io-client', '4.7.5': 'socket.io-client-475' };
const clientPackage = CLIENT_PACKAGES[args.client];
if (!clientPackage) {
  console.error(`--client must be one of ${Object.keys(CLIENT_PACKAGES).join(', ')}, not "${args.client}"`);
  process.exit(2);
}
const { io } = await import(clientPackage);
if (!args.url) {
  console.error('usage: node original-client.mjs --url http://127.0.0.1:PORT [--ping-ms MS] [--only REGEX] [--client latest|4.7.5]');
  process.exit(2);
}
const baseUrl = args.url.replace(/\/+$/, '');
const wsBase = baseUrl.replace(/^http/, 'ws');
const expectedPingMs = args['ping-ms'] === undefined ? undefined : Number(args['ping-ms']);
if (expectedPingMs !== undefined && !(expectedPingMs > 0)) {
  console.error(`--ping-ms must be a positive number of milliseconds, not "${args['ping-ms']}"`);
  process.exit(2);
}
const only = args.only ? new RegExp(args.only) : null;
const rest = restClient(baseUrl, STEP_MS);

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const line = (text) => console.log(`[${seconds()}] ${text}`);

// ---------------------------------------------------------------- clients and what they saw

/** Everything a client received, and waits on it that end as soon as it is there. */
class Recorder {
  constructor(label) {
    this.label = label;
    this.events = [];
    this.waiters = new Set();
  }

  push(name, args) {
    this.events.push({ name, args });
    for (const check of [...this.waiters]) check();
  }

  /** First arguments of every `name` event, in arrival order. */
  of(name) {
    return this.events.filter((e) => e.name === name).map((e) => e.args[0]);
  }

  summary() {
    const names = this.events.map((e) => (e.name === 'disconnect' ? `disconnect(${e.args[0]})` : e.name));
    return names.length ? names.slice(-25).join(', ') : 'nothing';
  }

  /** Resolves with what `test` returns once it is truthy; rejects after `ms`, naming `what`. */
  until(test, what, ms = STEP_MS) {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value;
        try {
          value = test(this);
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: expected ${what} within ${ms} ms; it received: ${this.summary()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

const openClients = new Set(); // closed after every scenario
let current = 'starting'; // the scenario running, for the total timeout's message

/** A socket.io-client socket of its own (never multiplexed) with a recorder of all it got. */
function sio(label, options = {}, url = baseUrl) {
  const socket = io(url, { forceNew: true, ...options });
  const rec = new Recorder(label);
  socket.onAny((event, ...a) => rec.push(event, a));
  for (const event of ['connect', 'disconnect', 'connect_error']) socket.on(event, (...a) => rec.push(event, a));
  socket.io.on('reconnect_attempt', (...a) => rec.push('reconnect_attempt', a));
  socket.io.on('ping', () => rec.push('ping', []));
  const firstTransport = socket.io.engine?.transport?.name;
  socket.io.engine?.on('upgrade', (t) => rec.push('upgrade', [t.name]));
  const client = { label, socket, rec, firstTransport, close: () => socket.disconnect() };
  openClients.add(client);
  return client;
}

/** Waits for `connect`; a connect_error or disconnect first is the failure, with its reason. */
async function connected(client) {
  const first = await client.rec.until(
    (r) => r.events.find((e) => ['connect', 'connect_error', 'disconnect'].includes(e.name)),
    '`connect`',
  );
  if (first.name === 'connect_error') throw new Error(`${client.label}: connect_error "${first.args[0]?.message}" instead of connect`);
  if (first.name === 'disconnect') throw new Error(`${client.label}: disconnect (${first.args[0]}) instead of connect`);
  return client;
}

async function ack(client, event, ...payload) {
  try {
    return await client.socket.timeout(STEP_MS).emitWithAck(event, ...payload);
  } catch (error) {
    throw new Error(`${client.label}: no ack to ${event} ${JSON.stringify(payload)} within ${STEP_MS} ms (${error.message}); it received: ${client.rec.summary()}`);
  }
}

async function joinOk(client, roomId, extra = {}) {
  const reply = await ack(client, 'joinRoom', { roomId, ...extra });
  assert.equal(reply?.success, true, `${client.label}: joinRoom ${roomId} answered ${JSON.stringify(reply)}, expected {success:true}`);
}

/** Sends a TEXT message and expects ACCEPTED echoing the clientMsgId, with a messageId. */
async function say(client, roomId, content, clientMsgId = randomUUID()) {
  const reply = await ack(client, 'sendMessage', { roomId, clientMsgId, type: 'TEXT', content });
  assert.equal(reply?.status, 'ACCEPTED', `${client.label}: sendMessage answered ${JSON.stringify(reply)}, expected status ACCEPTED`);
  assert.equal(reply.clientMsgId, clientMsgId, `${client.label}: the ack's clientMsgId ${JSON.stringify(reply.clientMsgId)} is not the one sent (${clientMsgId})`);
  assert.ok(typeof reply.messageId === 'string' && reply.messageId.length > 0, `${client.label}: the ack has no messageId: ${JSON.stringify(reply)}`);
  return reply;
}

const messagesIn = (client, roomId) => client.rec.of('newMessage').filter((m) => m?.roomId === roomId);

function untilMessages(client, roomId, count, ms = STEP_MS) {
  return client.rec.until((r) => {
    const got = r.of('newMessage').filter((m) => m?.roomId === roomId);
    return got.length >= count && got;
  }, `${count} newMessage event(s) for room ${roomId}`, ms);
}

/** Parley's own /ws client (JSON frames, see docs/PROTOCOL.md) with the same recorder. */
async function parleyWs(label, token) {
  const socket = new WebSocket(`${wsBase}/ws?token=${encodeURIComponent(token)}`);
  const rec = new Recorder(label);
  let nextId = 0;
  socket.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      frame = { type: 'unreadable', raw: data.toString() };
    }
    rec.push(frame.type === 'newMessage' ? 'newMessage' : `ws:${frame.type}`, [frame.type === 'newMessage' ? frame.message : frame]);
  });
  socket.on('close', (code, reason) => rec.push('close', [code, reason.toString()]));
  const client = {
    label,
    rec,
    close: () => socket.terminate(),
    /** Sends a frame with a fresh id and resolves with the reply or ack that echoes it. */
    async request(frame) {
      const id = String(++nextId);
      socket.send(JSON.stringify({ ...frame, id }));
      const reply = await rec.until((r) => r.events.find((e) => e.name.startsWith('ws:') && e.args[0]?.id === id), `a reply to ${frame.type} (id ${id})`);
      return reply.args[0];
    },
  };
  openClients.add(client);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: /ws did not open within ${STEP_MS} ms`)), STEP_MS);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('unexpected-response', (_, res) => {
      clearTimeout(timer);
      reject(new Error(`${label}: /ws upgrade refused with HTTP ${res.statusCode}`));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: /ws failed: ${error.message}`));
    });
  });
  return client;
}

/**
 * A TCP proxy in front of the gateway. `stopServerToClient()` drops whatever the gateway sends
 * from then on and keeps the client's side of the connection open even when the gateway closes
 * its side: to the client, the server has simply gone silent.
 */
async function tcpProxy(host, port) {
  const pairs = new Set();
  let silent = false;
  const server = net.createServer((downstream) => {
    const upstream = net.connect(port, host);
    const pair = { downstream, upstream };
    pairs.add(pair);
    downstream.on('data', (d) => upstream.writable && upstream.write(d));
    upstream.on('data', (d) => !silent && downstream.writable && downstream.write(d));
    upstream.on('close', () => !silent && downstream.destroy());
    downstream.on('close', () => upstream.destroy());
    downstream.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = {
    url: `http://127.0.0.1:${server.address().port}`,
    connections: () => pairs.size,
    stopServerToClient() {
      silent = true;
    },
    close() {
      for (const { downstream, upstream } of pairs) {
        downstream.destroy();
        upstream.destroy();
      }
      server.close();
    },
  };
  openClients.add(proxy);
  return proxy;
}

const quiet = (ms = QUIET_MS) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- scenarios

const scenarios = [];
const scenario = (name, fn) => scenarios.push({ name, fn });
let handshake; // the Engine.IO handshake's settings, read by the first scenario

scenario('Engine.IO handshake over polling answers with a sid, the websocket upgrade and the ping settings', async () => {
  const path = '/socket.io/?EIO=4&transport=polling';
  const r = await rest.call('GET', path);
  assert.equal(r.status, 200, `GET ${path}: HTTP ${r.status} ${r.raw.slice(0, 200)} (is Socket.IO served at /socket.io/?)`);
  const open = r.raw.split('\x1e')[0];
  assert.ok(open.startsWith('0{'), `GET ${path}: expected an Engine.IO open packet 0{…}, got ${JSON.stringify(r.raw.slice(0, 200))}`);
  handshake = JSON.parse(open.slice(1));
  assert.ok(typeof handshake.sid === 'string' && handshake.sid, `the open packet has no sid: ${open}`);
  assert.deepEqual(handshake.upgrades, ['websocket'], `the open packet's upgrades: ${open}`);
  assert.ok(handshake.pingInterval > 0 && handshake.pingTimeout > 0, `the open packet's ping settings: ${open}`);
  if (expectedPingMs !== undefined) {
    assert.equal(handshake.pingInterval, expectedPingMs, `pingInterval ${handshake.pingInterval} ms, but --ping-ms says the gateway was started with ${expectedPingMs} ms`);
  }
  // close that session (an Engine.IO close packet) rather than leave it to the connect timeout
  await fetch(`${baseUrl}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(handshake.sid)}`, {
    method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: '1', signal: AbortSignal.timeout(STEP_MS),
  }).catch(() => {});
});

let alice;
let bob;
let room; // alice created it, bob joined it over REST
let aliceOnly; // alice created it; bob never joined

scenario('setup over REST: two users, a room both are members of, a room only one is', async () => {
  [alice, bob] = await Promise.all([rest.user('Alice'), rest.user('Bob')]);
  room = await rest.room(alice, 'sio-main');
  await rest.join(bob, room);
  aliceOnly = await rest.room(alice, 'sio-alice-only');
});

scenario('io(url, {auth:{token}}) with default transports connects', async () => {
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  assert.ok(c.socket.connected && typeof c.socket.id === 'string', `alice: connected=${c.socket.connected}, id=${c.socket.id}`);
});

async function refusedWithoutReconnect(label, options) {
  const c = sio(label, { ...options, reconnectionDelay: 200, reconnectionDelayMax: 200 });
  await connected(c); // the original connects, then disconnects at once
  const [reason] = (await c.rec.until((r) => r.events.find((e) => e.name === 'disconnect'), '`disconnect` after `connect`')).args;
  assert.equal(reason, 'io server disconnect', `${label}: disconnect reason`);
  await quiet(); // nothing may happen now
  assert.equal(c.socket.active, false, `${label}: socket.active after the server's disconnect (true means it will reconnect)`);
  const connects = c.rec.of('connect').length;
  const attempts = c.rec.events.filter((e) => e.name === 'reconnect_attempt').length;
  assert.ok(connects === 1 && attempts === 0, `${label}: within ${QUIET_MS} ms after the disconnect it reconnected (${connects} connects, ${attempts} reconnect attempts): ${c.rec.summary()}`);
}

scenario('an invalid token: connect, then disconnect "io server disconnect", no reconnect within 2 s', async () => {
  const tampered = alice.token.slice(0, -4) + (alice.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  await refusedWithoutReconnect('tampered token', { auth: { token: tampered } });
});

scenario('a missing token: connect, then disconnect "io server disconnect", no reconnect within 2 s', async () => {
  await refusedWithoutReconnect('no token', {});
});

scenario('an invalid token over websocket only (as the original page): the same', async () => {
  await refusedWithoutReconnect('garbage token, websocket', { auth: { token: 'not-a-jwt' }, transports: ['websocket'] });
});

scenario('joinRoom as a member → {success:true}', async () => {
  const c = await connected(sio('bob', { auth: { token: bob.token } }));
  await joinOk(c, room);
});

scenario('joinRoom as a non-member → success:false with a string error and NOT_A_MEMBER', async () => {
  const c = await connected(sio('bob', { auth: { token: bob.token } }));
  const reply = await ack(c, 'joinRoom', { roomId: aliceOnly });
  assert.equal(reply?.success, false, `bob: joinRoom of a room he is no member of answered ${JSON.stringify(reply)}`);
  assert.ok(typeof reply.error === 'string' && reply.error.length > 0, `bob: the refusal's error is not a string: ${JSON.stringify(reply)}`);
  assert.equal(reply.code, 'NOT_A_MEMBER', `bob: the refusal's code: ${JSON.stringify(reply)}`);
});

scenario('sendMessage → ACCEPTED echoing clientMsgId, with a messageId', async () => {
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  await joinOk(c, room);
  await say(c, room, 'hello over socket.io');
});

scenario('the same clientMsgId twice → both ACCEPTED with one messageId, and history holds it once', async () => {
  const dedupeRoom = await rest.room(alice, 'sio-dedupe');
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  await joinOk(c, dedupeRoom);
  const clientMsgId = randomUUID();
  const first = await say(c, dedupeRoom, 'said twice', clientMsgId);
  const second = await say(c, dedupeRoom, 'said twice', clientMsgId);
  assert.equal(second.messageId, first.messageId, 'the second send of one clientMsgId got another messageId');
  // a later message of the same room is persisted after any duplicate would have been
  const marker = await say(c, dedupeRoom, 'marker after the duplicate');
  await untilMessages(c, dedupeRoom, 2);
  let history;
  await pollUntil(async () => (history = await rest.history(alice, dedupeRoom)).some((m) => m.id === marker.messageId),
    'the marker message in GET /rooms/{id}/messages', STEP_MS);
  const copies = history.filter((m) => m.clientMsgId === clientMsgId);
  assert.equal(copies.length, 1, `history holds the message sent twice ${copies.length} times: ${JSON.stringify(history)}`);
  assert.equal(copies[0].id, first.messageId, 'the history message has another id than the ack');
  const echoed = messagesIn(c, dedupeRoom).filter((m) => m.clientMsgId === clientMsgId).length;
  assert.equal(echoed, 1, `newMessage for the message sent twice came ${echoed} times`);
});

scenario('sendMessage without content → FAILED with a string error and a code', async () => {
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  await joinOk(c, room);
  const reply = await ack(c, 'sendMessage', { roomId: room, clientMsgId: randomUUID(), type: 'TEXT' });
  assert.equal(reply?.status, 'FAILED', `sendMessage without content answered ${JSON.stringify(reply)}`);
  assert.ok(typeof reply.error === 'string' && reply.error.length > 0, `the FAILED ack's error is not a string: ${JSON.stringify(reply)}`);
  assert.ok(typeof reply.code === 'string' && reply.code.length > 0, `the FAILED ack has no code: ${JSON.stringify(reply)}`);
});

scenario("emitWithAck('heartbeat') and emitWithAck('heartbeat', {}) → {success:true}", async () => {
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  assert.deepEqual(await ack(c, 'heartbeat'), { success: true }, 'heartbeat without a payload');
  assert.deepEqual(await ack(c, 'heartbeat', {}), { success: true }, 'heartbeat with {}');
});

scenario('an unknown event with an ack → success:false, UNKNOWN_TYPE', async () => {
  const c = await connected(sio('alice', { auth: { token: alice.token } }));
  const reply = await ack(c, 'noSuchEvent', {});
  assert.equal(reply?.success, false, `noSuchEvent answered ${JSON.stringify(reply)}`);
  assert.ok(typeof reply.error === 'string', `noSuchEvent: error is not a string: ${JSON.stringify(reply)}`);
  assert.equal(reply.code, 'UNKNOWN_TYPE', `noSuchEvent: ${JSON.stringify(reply)}`);
});

scenario('default transports start on polling and upgrade to websocket; chat works after the upgrade', async () => {
  const c = sio('alice', { auth: { token: alice.token } });
  assert.equal(c.firstTransport, 'polling', 'the default first transport');
  await connected(c);
  await c.rec.until((r) => r.of('upgrade').length > 0, 'the upgrade to websocket');
  assert.equal(c.socket.io.engine.transport.name, 'websocket', 'the transport after the upgrade');
  await joinOk(c, room);
  const sent = await say(c, room, 'after the upgrade');
  await c.rec.until((r) => r.of('newMessage').some((m) => m?.id === sent.messageId), 'its own message back as newMessage');
});

scenario("transports:['polling'] only: chat works both ways and it stays on polling", async () => {
  const polling = await connected(sio('alice (polling)', { auth: { token: alice.token }, transports: ['polling'] }));
  const other = await connected(sio('bob (websocket)', { auth: { token: bob.token }, transports: ['websocket'] }));
  await joinOk(polling, room);
  await joinOk(other, room);
  const mine = await say(polling, room, 'sent over polling');
  const theirs = await say(other, room, 'to be received over polling');
  await polling.rec.until((r) => r.of('newMessage').some((m) => m?.id === theirs.messageId), "bob's message as newMessage");
  await other.rec.until((r) => r.of('newMessage').some((m) => m?.id === mine.messageId), "alice's message as newMessage");
  assert.equal(polling.socket.io.engine.transport.name, 'polling', 'the transport of a polling-only client');
  assert.equal(polling.rec.of('upgrade').length, 0, 'a polling-only client upgraded');
});

scenario("transports:['websocket'] only: connects on websocket and chats", async () => {
  const c = sio('alice (websocket)', { auth: { token: alice.token }, transports: ['websocket'] });
  assert.equal(c.firstTransport, 'websocket', 'the first transport of a websocket-only client');
  await connected(c);
  await joinOk(c, room);
  const sent = await say(c, room, 'sent over websocket only');
  await c.rec.until((r) => r.of('newMessage').some((m) => m?.id === sent.messageId), 'its own message back as newMessage');
});

scenario('the token in extraHeaders Authorization: Bearer (no auth) connects and joins', async () => {
  const c = await connected(sio('bob (header)', { extraHeaders: { Authorization: `Bearer ${bob.token}` } }));
  await joinOk(c, room);
  assert.equal(c.rec.of('disconnect').length, 0, `bob (header) was disconnected: ${c.rec.summary()}`);
});

scenario('the token as ?token= in the handshake URL (no auth) connects and joins', async () => {
  const c = await connected(sio('bob (query)', { query: { token: bob.token } }));
  await joinOk(c, room);
  assert.equal(c.rec.of('disconnect').length, 0, `bob (query) was disconnected: ${c.rec.summary()}`);
});

scenario('a second client gets newMessage with exactly id, roomId, senderId, clientMsgId, type, content, createdAt, seq', async () => {
  const a = await connected(sio('alice', { auth: { token: alice.token } }));
  const b = await connected(sio('bob', { auth: { token: bob.token } }));
  await joinOk(a, room);
  await joinOk(b, room);
  const clientMsgId = randomUUID();
  const content = `fields check ${clientMsgId}`;
  const sent = await say(a, room, content, clientMsgId);
  const got = (await b.rec.until((r) => r.of('newMessage').find((m) => m?.clientMsgId === clientMsgId), "alice's message at bob"));
  assert.deepEqual(Object.keys(got).sort(), ['clientMsgId', 'content', 'createdAt', 'id', 'roomId', 'senderId', 'seq', 'type'], `newMessage's fields: ${JSON.stringify(got)}`);
  assert.equal(got.id, sent.messageId, 'newMessage id is not the ack\'s messageId');
  assert.equal(got.roomId, room);
  assert.equal(got.senderId, alice.id);
  assert.equal(got.type, 'TEXT');
  assert.equal(got.content, content);
  assert.ok(Number.isInteger(got.seq) && got.seq >= 1, `seq: ${JSON.stringify(got.seq)}`);
  assert.ok(typeof got.createdAt === 'string' && !Number.isNaN(Date.parse(got.createdAt)), `createdAt: ${JSON.stringify(got.createdAt)}`);
});

scenario('a Socket.IO client and a /ws client in one room: 20 interleaved messages, the same messages in the same order on both', async () => {
  const mixedRoom = await rest.room(alice, 'sio-and-ws');
  await rest.join(bob, mixedRoom);
  const s = await connected(sio('alice (socket.io)', { auth: { token: alice.token } }));
  const w = await parleyWs('bob (/ws)', bob.token);
  await joinOk(s, mixedRoom);
  const joined = await w.request({ type: 'joinRoom', roomId: mixedRoom });
  assert.equal(joined.ok, true, `bob (/ws): joinRoom answered ${JSON.stringify(joined)}`);
  const sent = [];
  for (let i = 0; i < 20; i++) {
    const clientMsgId = randomUUID();
    if (i % 2 === 0) {
      sent.push((await say(s, mixedRoom, `#${i} from socket.io`, clientMsgId)).messageId);
    } else {
      const reply = await w.request({ type: 'sendMessage', roomId: mixedRoom, clientMsgId, content: `#${i} from /ws` });
      assert.ok(reply.type === 'ack' && reply.status === 'ACCEPTED' && reply.clientMsgId === clientMsgId && reply.messageId,
        `bob (/ws): sendMessage answered ${JSON.stringify(reply)}`);
      sent.push(reply.messageId);
    }
  }
  const onSio = await untilMessages(s, mixedRoom, 20);
  const onWs = await untilMessages(w, mixedRoom, 20);
  assert.deepEqual(onSio.map((m) => m.id), sent, 'socket.io: the messages, in order, are not the ones sent one after another');
  assert.deepEqual(onWs.map((m) => m.id), sent, '/ws: the messages, in order, are not the ones sent one after another');
  assert.deepEqual(onSio, onWs, 'socket.io and /ws received different message objects');
  const seqs = onSio.map((m) => m.seq);
  assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i), `seqs are not consecutive: ${seqs}`);
});

scenario('joinRoom with lastSeenSeq of the first of 3 messages gets seqs 2 and 3 in order, then live ones', async () => {
  const catchUpRoom = await rest.room(alice, 'sio-catch-up');
  await rest.join(bob, catchUpRoom);
  const a = await connected(sio('alice', { auth: { token: alice.token } }));
  await joinOk(a, catchUpRoom);
  for (const text of ['one', 'two', 'three']) await say(a, catchUpRoom, text);
  const three = await untilMessages(a, catchUpRoom, 3);
  const [s1, s2, s3] = three.map((m) => m.seq);
  assert.deepEqual([s1, s2, s3], [1, 2, 3], `alice: the seqs of the first 3 messages of a new room: ${JSON.stringify(three)}`);
  // the catch-up reads what is persisted: every message reached a socket, so it is persisted
  const b = await connected(sio('bob', { auth: { token: bob.token } }));
  await joinOk(b, catchUpRoom, { lastSeenSeq: s1 });
  await untilMessages(b, catchUpRoom, 2);
  const live = await say(a, catchUpRoom, 'four, live');
  const got = await b.rec.until((r) => {
    const m = r.of('newMessage').filter((x) => x?.roomId === catchUpRoom);
    return m.some((x) => x.id === live.messageId) && m;
  }, 'the live message after the catch-up');
  assert.deepEqual(got.map((m) => m.seq), [2, 3, 4], `bob got seqs ${JSON.stringify(got.map((m) => m.seq))}, expected exactly 2, 3 (catch-up) then 4 (live)`);
  assert.deepEqual(got.slice(0, 2).map((m) => m.id), three.slice(1).map((m) => m.id), 'the caught-up messages are not the ones alice saw');
});

scenario("io(url + '/admin') → connect_error \"Invalid namespace\"", async () => {
  const c = sio('alice (/admin)', { auth: { token: alice.token } }, `${baseUrl}/admin`);
  const first = await c.rec.until((r) => r.events.find((e) => ['connect', 'connect_error'].includes(e.name)), 'connect_error');
  assert.equal(first.name, 'connect_error', `/admin: got ${first.name} instead of connect_error`);
  assert.equal(first.args[0]?.message, 'Invalid namespace', '/admin: the connect_error message');
});

scenario('presence: online in GET /rooms/{id}/members after connect + heartbeat, offline after disconnect()', async () => {
  const dave = await rest.user('Dave');
  const presenceRoom = await rest.room(alice, 'sio-presence');
  await rest.join(dave, presenceRoom);
  const watcher = await connected(sio('alice (watcher)', { auth: { token: alice.token } }));
  await joinOk(watcher, presenceRoom);
  const daveOnline = async () => (await rest.members(alice, presenceRoom)).find((m) => m.userId === dave.id)?.online;
  assert.equal(await daveOnline(), false, 'Dave is online in the member list before he ever connected');

  const d = await connected(sio('dave', { auth: { token: dave.token } }));
  assert.deepEqual(await ack(d, 'heartbeat', {}), { success: true }, 'dave: heartbeat');
  await pollUntil(async () => (await daveOnline()) === true, 'Dave online:true in GET /rooms/{id}/members', PRESENCE_MS);
  await watcher.rec.until((r) => r.of('presence').some((p) => p?.userId === dave.id && p.online === true), 'presence {online:true} for Dave', PRESENCE_MS);

  d.socket.disconnect();
  await pollUntil(async () => (await daveOnline()) === false, 'Dave online:false in GET /rooms/{id}/members after disconnect()', PRESENCE_MS);
  await watcher.rec.until((r) => r.of('presence').some((p) => p?.userId === dave.id && p.online === false), 'presence {online:false} for Dave', PRESENCE_MS);
});

/** For state only REST shows: asks every 200 ms until `test` holds, at most `ms`. */
async function pollUntil(test, what, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await test()) return;
    if (Date.now() > deadline) throw new Error(`expected ${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

scenario('typing reaches the other client as typing {roomId, userId}, not the typist', async () => {
  const a = await connected(sio('alice', { auth: { token: alice.token } }));
  const b = await connected(sio('bob', { auth: { token: bob.token } }));
  await joinOk(a, room);
  await joinOk(b, room);
  b.socket.emit('typing', { roomId: room });
  const seen = await a.rec.until((r) => r.of('typing').find((t) => t?.userId === bob.id), "bob's typing");
  assert.deepEqual(seen, { roomId: room, userId: bob.id }, 'the typing event');
  assert.deepEqual(await ack(b, 'typing', { roomId: room }), { success: true }, 'typing with an ack');
  await a.rec.until((r) => r.of('typing').filter((t) => t?.userId === bob.id).length >= 2, "bob's second typing");
  assert.equal(b.rec.of('typing').filter((t) => t?.userId === bob.id).length, 0, 'the typist got his own typing event');
});

scenario('leaveRoom → {success:true}, and no newMessage for that room afterwards', async () => {
  const a = await connected(sio('alice', { auth: { token: alice.token } }));
  const b = await connected(sio('bob', { auth: { token: bob.token } }));
  await joinOk(a, room);
  await joinOk(b, room);
  const before = await say(a, room, 'before bob leaves');
  await b.rec.until((r) => r.of('newMessage').some((m) => m?.id === before.messageId), 'the message before leaving');
  assert.deepEqual(await ack(b, 'leaveRoom', { roomId: room }), { success: true }, 'bob: leaveRoom');
  const countAtLeave = messagesIn(b, room).length;
  const after = await say(a, room, 'after bob left');
  await a.rec.until((r) => r.of('newMessage').some((m) => m?.id === after.messageId), 'alice: her own message after bob left');
  await quiet(); // it reached alice's socket; bob's would have come by now
  const late = messagesIn(b, room).slice(countAtLeave);
  assert.equal(late.length, 0, `bob got newMessage for a room he left: ${JSON.stringify(late)}`);
});

scenario('a client stays connected across at least 3 ping intervals (polling only, and upgraded to websocket)', async () => {
  const clients = [
    await connected(sio('alice (polling)', { auth: { token: alice.token }, transports: ['polling'] })),
    await connected(sio('alice (default)', { auth: { token: alice.token } })),
  ];
  const bound = 5 * 4 * handshake.pingInterval + STEP_MS;
  for (const c of clients) {
    await c.rec.until((r) => {
      const gone = r.events.find((e) => e.name === 'disconnect');
      if (gone) throw new Error(`${c.label}: disconnected (${gone.args[0]}) after ${r.of('ping').length} pings`);
      return r.of('ping').length >= 4;
    }, `4 pings (pingInterval ${handshake.pingInterval} ms) without a disconnect`, bound);
  }
  for (const c of clients) {
    assert.ok(c.socket.connected, `${c.label}: not connected after 4 pings`);
    assert.deepEqual(await ack(c, 'heartbeat'), { success: true }, `${c.label}: heartbeat after the pings`);
  }
  assert.equal(clients[1].socket.io.engine.transport.name, 'websocket', 'alice (default): the transport after the pings');
});

scenario('a client whose server stops pinging disconnects with "ping timeout"', async () => {
  const target = new URL(baseUrl);
  const proxy = await tcpProxy(target.hostname, Number(target.port || 80));
  const c = await connected(sio('alice (via proxy)', { auth: { token: alice.token }, transports: ['websocket'], reconnection: false }, proxy.url));
  await c.rec.until((r) => r.of('ping').length >= 1, 'a first ping through the proxy', 5 * handshake.pingInterval + STEP_MS);
  assert.deepEqual(await ack(c, 'heartbeat'), { success: true }, 'heartbeat through the proxy');
  proxy.stopServerToClient(); // the TCP connection stays open; the server's pings no longer arrive
  const bound = Math.max(10_000, 5 * (handshake.pingInterval + handshake.pingTimeout));
  const gone = await c.rec.until((r) => r.events.find((e) => e.name === 'disconnect'), '`disconnect` once the server went silent', bound);
  assert.equal(gone.args[0], 'ping timeout', `alice (via proxy): disconnect reason (${c.rec.summary()})`);
});

// ---------------------------------------------------------------- the run

async function closeAll() {
  for (const client of openClients) {
    try {
      client.close();
    } catch {
      // closing is best effort; the next scenario uses new clients
    }
  }
  openClients.clear();
}

async function run() {
  const { version } = JSON.parse(readFileSync(new URL(`./node_modules/${clientPackage}/package.json`, import.meta.url), 'utf8'));
  line(`gateway ${baseUrl}, socket.io-client ${version}${expectedPingMs ? `, pingInterval ${expectedPingMs} ms expected` : ''}`);
  for (const { name, fn } of scenarios) {
    if (only && !only.test(name) && !name.startsWith('Engine.IO handshake') && !name.startsWith('setup')) continue;
    current = name;
    const t0 = Date.now();
    try {
      await fn();
    } catch (error) {
      throw Object.assign(error, { scenario: name });
    } finally {
      await closeAll();
    }
    line(`ok  ${name} (${Date.now() - t0} ms)`);
  }
}

const BASE_TOTAL_MS = 150_000;
/** What the two ping scenarios may take at most, known once the handshake told the settings. */
const pingAllowance = () => (handshake
  ? 5 * 4 * handshake.pingInterval + Math.max(10_000, 5 * (handshake.pingInterval + handshake.pingTimeout)) + 5 * handshake.pingInterval + 3 * STEP_MS
  : 0);

async function main() {
  let timer;
  const timeout = new Promise((_, reject) => {
    const tick = () => {
      const left = BASE_TOTAL_MS + pingAllowance() - (Date.now() - started);
      if (left > 0) {
        timer = setTimeout(tick, left);
        return;
      }
      reject(new Error(`the run did not finish within ${Math.round((Date.now() - started) / 1000)} s (a hang)`));
    };
    timer = setTimeout(tick, BASE_TOTAL_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    line('PASSED');
    process.exitCode = 0;
  } catch (error) {
    const lines = String(error.message).split('\n');
    const reason = lines.length > 40 ? [...lines.slice(0, 40), `  … (${lines.length - 40} more lines)`] : lines;
    console.error(`\nFAILED: ${error.scenario ?? current}\n  ${reason.join('\n  ')}`);
    if (process.env.SIO_E2E_STACK) console.error(error.stack);
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
    await closeAll();
  }
  process.exit(process.exitCode);
}

main();
