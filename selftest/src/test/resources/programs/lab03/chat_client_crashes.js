// Bug: no handler for the socket's 'error' event. It chats correctly, but when no server
// listens, Node throws the error and prints a stack trace (exit status 1).
const net = require('net');
const readline = require('readline');

const [host, port] = [process.argv[2], Number(process.argv[3])];
let leaving = false;

const socket = net.connect({ host, port }, () => {
  const keyboard = readline.createInterface({ input: process.stdin });
  keyboard.on('line', (line) => socket.write(line + '\n'));
  keyboard.on('close', () => {
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
socket.on('close', () => {
  if (!leaving) {
    process.stdout.write('Disconnected from server.\n', () => process.exit(0));
  }
});
