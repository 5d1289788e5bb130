// A correct lab 03 chat server in Node.js: one thread, events, and the extra credit. Writing
// to a member never blocks (Node buffers it); when more than 1 MiB waits for a member, the
// sender stops being read until that member catches up, for at most 1 s: then the member has
// stopped reading, and is disconnected.
const net = require('net');

const WELCOME = 'Welcome to this chatroom!\n';
const MAX_WAITING = 1024 * 1024;
const STALL_MS = 1000;
const members = new Set();

// Stops reading `sender` until `member` has room again, or is dropped after STALL_MS.
function holdBack(sender, member) {
  if (!member.held) {
    member.held = new Set();
    const release = () => {
      if (!member.held) return;
      clearTimeout(timer);
      const senders = member.held;
      member.held = null;
      for (const s of senders) {
        s.holds -= 1;
        if (s.holds === 0) s.resume();
      }
    };
    const timer = setTimeout(() => {
      members.delete(member);
      member.destroy();
      release();
    }, STALL_MS);
    member.once('drain', release);
    member.once('close', release);
  }
  if (!member.held.has(sender)) {
    member.held.add(sender);
    sender.holds = (sender.holds || 0) + 1;
    sender.pause();
  }
}

function broadcast(sender, address, line) {
  const message = Buffer.concat([Buffer.from(`[${address}] `), line, Buffer.from('\n')]);
  for (const member of members) {
    if (member === sender || member.destroyed) continue;
    member.write(message);
    if (member.writableLength > MAX_WAITING) holdBack(sender, member);
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const address = `${socket.remoteAddress}:${socket.remotePort}`;
  socket.write(WELCOME);
  members.add(socket);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    let newline;
    while ((newline = pending.indexOf(0x0a)) >= 0) {
      let line = pending.subarray(0, newline);
      pending = pending.subarray(newline + 1);
      if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      if (line.length > 0) broadcast(socket, address, line);
    }
  });
  socket.on('end', () => {
    members.delete(socket);
    socket.end();
  });
  socket.on('error', (error) => {
    members.delete(socket);
    console.error(`member ${address} failed: ${error.message}`);
  });
  socket.on('close', () => members.delete(socket));
});
server.listen({ port: Number(process.argv[2]), host: '127.0.0.1', backlog: 200 });
