// A correct lab 03 chat client in Node.js: events instead of threads. Lines from the server
// are printed as they come, typed lines are sent as they come.
const net = require('net');
const readline = require('readline');

const [host, port] = [process.argv[2], Number(process.argv[3])];
let leaving = false;
let connected = false;

const socket = net.connect({ host, port }, () => {
  connected = true;
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
