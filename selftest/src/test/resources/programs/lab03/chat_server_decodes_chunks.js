// Bug: the lab 03 Node.js chat server, correct but for one thing: it decodes each 'data' chunk
// on its own (chunk.toString()), so a character split between two chunks becomes U+FFFD, and
// the damaged text is what it relays.
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
    // the bug: decoding each chunk alone breaks a character cut between two chunks
    pending = Buffer.concat([pending, Buffer.from(chunk.toString('utf8'), 'utf8')]);
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
