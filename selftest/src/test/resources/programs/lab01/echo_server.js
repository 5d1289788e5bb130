// A correct echo server in Node.js: every client at once, framed by newline across chunks.
const net = require('net');

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let pending = Buffer.alloc(0);
  const echo = (line) => {
    const text = line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
    socket.write(Buffer.concat([text, Buffer.from('\n')]));
  };
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    let newline;
    while ((newline = pending.indexOf(0x0a)) >= 0) {
      echo(pending.subarray(0, newline));
      pending = pending.subarray(newline + 1);
    }
  });
  socket.on('end', () => {
    if (pending.length > 0) {
      echo(pending);
    }
    socket.end();
  });
  socket.on('error', (error) => console.error('client failed:', error.message));
});
server.listen(Number(process.argv[2]), '127.0.0.1');
