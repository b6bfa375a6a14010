'use strict';
/*
 * Preloaded into every Node CLI under test (NODE_OPTIONS=--require <this file>).
 * Refuses any outgoing connection that is not to loopback, before a DNS query or a
 * packet leaves the process, and logs each refusal as one JSON line to the file
 * named by ISC_NETGUARD_LOG. Never writes to stdout or stderr.
 *
 * Everything TCP (http, https, tls, http2, undici/fetch) funnels through
 * net.Socket.prototype.connect, the one choke point; the net.connect wrappers only label
 * the attempt, and TLS sockets are recognised by name. DNS and UDP are patched too.
 */
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');
const fs = require('node:fs');

const GUARD_FLAG = Symbol.for('image-skill-conformance.network-guard');
if (!globalThis[GUARD_FLAG]) {
  globalThis[GUARD_FLAG] = true;
  install();
}

function install() {
  const logPath = process.env.ISC_NETGUARD_LOG || null;
  let pendingApi = null;

  function isLoopbackHost(host) {
    if (typeof host !== 'string' || host === '') return false;
    let h = host.toLowerCase();
    if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
    if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    if (h.startsWith('::ffff:')) h = h.slice(7);
    return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
  }

  function record(host, port, api) {
    if (!logPath) return;
    const line = JSON.stringify({ host: String(host), port: Number(port) || 0, api, pid: process.pid, time: new Date().toISOString() }) + '\n';
    try {
      // Append without O_CREAT first: the harness pre-creates the file, and this
      // works even when the CLI runs as another uid in a sticky directory.
      const fd = fs.openSync(logPath, fs.constants.O_WRONLY | fs.constants.O_APPEND);
      try {
        fs.writeSync(fd, line);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      try {
        fs.appendFileSync(logPath, line);
      } catch {
        // Logging must never change the CLI's behaviour.
      }
    }
  }

  function blockedError(host, port, syscall) {
    const err = new Error(`blocked by image-skill-conformance network guard: ${host}:${port}`);
    err.code = 'ENETUNREACH';
    err.errno = -101;
    err.syscall = syscall;
    err.address = host;
    err.port = port;
    return err;
  }

  function apiLabel(socket) {
    const stack = new Error().stack || '';
    // Checked by name so the guard never loads node:tls itself (it costs ~10 ms per start).
    const secure = Boolean(socket && socket.constructor && socket.constructor.name === 'TLSSocket');
    if (stack.includes('undici')) return 'fetch';
    if (stack.includes('_http_agent') || stack.includes('_http_client')) return secure ? 'https' : 'http';
    if (stack.includes('internal/http2')) return 'http2';
    if (pendingApi) return pendingApi;
    if (stack.includes('_tls_wrap')) return 'tls.connect';
    return secure ? 'tls.connect' : 'net.Socket.connect';
  }

  /** Host and port from any of the connect() call shapes; null for IPC paths. */
  function target(args) {
    let first = args[0];
    // net.connect() hands the socket an already-normalized [options, cb] array.
    if (Array.isArray(first)) first = first[0];
    if (first !== null && typeof first === 'object') {
      if (typeof first.path === 'string' && first.path !== '') return null;
      return { host: first.host || first.hostname || 'localhost', port: first.port };
    }
    if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // unix socket path
    const host = typeof args[1] === 'string' ? args[1] : 'localhost';
    return { host, port: first };
  }

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const t = target(args);
    if (t === null || isLoopbackHost(t.host)) return originalConnect.apply(this, args);
    const api = apiLabel(this);
    record(t.host, t.port, api);
    const err = blockedError(t.host, t.port, 'connect');
    // Look like a socket that is still connecting (so pending reads wait, as for a
    // real attempt) and then fail the way a refused connection does.
    this.connecting = true;
    process.nextTick(() => this.destroy(err));
    return this;
  };

  function labelled(api, fn) {
    return function guardedEntry(...args) {
      const outer = pendingApi;
      pendingApi = outer || api;
      try {
        return fn.apply(this, args);
      } finally {
        pendingApi = outer;
      }
    };
  }
  net.connect = labelled('net.connect', net.connect);
  net.createConnection = labelled('net.createConnection', net.createConnection);

  function refuseLater(callback, err) {
    if (typeof callback === 'function') process.nextTick(() => callback(err));
  }

  function guardLookup(original, api) {
    return function guardedLookup(hostname, ...rest) {
      if (isLoopbackHost(hostname)) return original.call(this, hostname, ...rest);
      record(hostname, 0, api);
      refuseLater(rest[rest.length - 1], blockedError(hostname, 0, 'getaddrinfo'));
      return {};
    };
  }
  dns.lookup = guardLookup(dns.lookup, 'dns.lookup');
  dns.lookupService = function guardedLookupService(address, port, callback) {
    record(address, port, 'dns.lookupService');
    refuseLater(callback, blockedError(address, port, 'getnameinfo'));
  };

  // Every resolve* call sends a query to a name server, so all of them are refused.
  const RESOLVE_METHODS = [
    'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr',
    'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
  ];
  function refuseResolve(api) {
    return function guardedResolve(hostname, ...rest) {
      record(hostname, 53, api);
      refuseLater(rest[rest.length - 1], blockedError(hostname, 53, 'queryA'));
      return {};
    };
  }
  function refuseResolvePromise(api) {
    return async function guardedResolvePromise(hostname) {
      record(hostname, 53, api);
      throw blockedError(hostname, 53, 'queryA');
    };
  }
  for (const name of RESOLVE_METHODS) {
    if (typeof dns[name] === 'function') dns[name] = refuseResolve(`dns.${name}`);
    if (dns.Resolver && typeof dns.Resolver.prototype[name] === 'function') dns.Resolver.prototype[name] = refuseResolve(`dns.Resolver.${name}`);
    const p = dns.promises;
    if (p && typeof p[name] === 'function') p[name] = refuseResolvePromise(`dns.promises.${name}`);
    if (p && p.Resolver && typeof p.Resolver.prototype[name] === 'function') p.Resolver.prototype[name] = refuseResolvePromise(`dns.promises.Resolver.${name}`);
  }
  if (dns.promises) {
    const originalPromiseLookup = dns.promises.lookup;
    dns.promises.lookup = async function guardedPromiseLookup(hostname, options) {
      if (isLoopbackHost(hostname)) return originalPromiseLookup.call(this, hostname, options);
      record(hostname, 0, 'dns.promises.lookup');
      throw blockedError(hostname, 0, 'getaddrinfo');
    };
  }

  function udpDestination(socket, args) {
    // send(msg[, offset, length][, port][, address][, callback])
    let rest = args.slice(1);
    if (typeof rest[0] === 'number' && typeof rest[1] === 'number' && typeof rest[2] === 'number') rest = rest.slice(2);
    if (typeof rest[0] === 'number' || typeof rest[0] === 'string') {
      const address = typeof rest[1] === 'string' ? rest[1] : socket.type === 'udp6' ? '::1' : '127.0.0.1';
      return { host: address, port: Number(rest[0]) };
    }
    try {
      const remote = socket.remoteAddress();
      return { host: remote.address, port: remote.port };
    } catch {
      return { host: 'unknown', port: 0 };
    }
  }
  const originalSend = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(...args) {
    const dest = udpDestination(this, args);
    if (isLoopbackHost(dest.host)) return originalSend.apply(this, args);
    record(dest.host, dest.port, 'dgram.send');
    const callback = args[args.length - 1];
    const err = blockedError(dest.host, dest.port, 'send');
    if (typeof callback === 'function') refuseLater(callback, err);
    else process.nextTick(() => this.emit('error', err));
  };
  const originalUdpConnect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function guardedUdpConnect(port, address, callback) {
    const host = typeof address === 'string' ? address : this.type === 'udp6' ? '::1' : '127.0.0.1';
    if (isLoopbackHost(host)) return originalUdpConnect.apply(this, arguments);
    record(host, port, 'dgram.connect');
    const err = blockedError(host, port, 'connect');
    process.nextTick(() => this.emit('error', err));
  };
}
