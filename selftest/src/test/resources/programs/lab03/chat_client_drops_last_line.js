// Bug: splits stdin into lines by hand on each 'data' chunk and keeps the unfinished rest for
// the next chunk, but forgets it at 'end': a last line ended by Ctrl-D (no newline) is never sent.
const net = require('net');

const [host, port] = [process.argv[2], Number(process.argv[3])];
let leaving = false;
let connected = false;

const socket = net.connect({ host, port }, () => {
  connected = true;
  let typed = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    typed += chunk;
    let newline;
    while ((newline = typed.indexOf('\n')) >= 0) {
      socket.write(typed.slice(0, newline) + '\n');
      typed = typed.slice(newline + 1);
    }
  });
  process.stdin.on('end', () => {
    leaving = true;
    socket.end(() => process.exit(0));
  });
});

let pending = '';
socket.setEncoding('utf8');
socket.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    process.stdout.write(pending.slice(0, newline).replace(/\r$/, '') + '\n');
    pending = pending.slice(newline + 1);
  }
});
socket.on('error', (error) => {
  if (!connected) {
    console.error(`Could not connect to ${host}:${port}: ${error.message}`);
    process.exit(1);
  }
});
socket.on('close', () => {
  if (!leaving) {
    process.stdout.write('Disconnected from server.\n', () => process.exit(0));
  }
});
