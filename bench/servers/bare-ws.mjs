// Baseline for idle WebSockets: a bare `ws` server on node:http that accepts every upgrade and
// holds the socket, with no authentication and no per-socket state of its own.
import { createServer } from 'node:http';
import process from 'node:process';
import { WebSocketServer } from 'ws';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('ok');
});
const sockets = new WebSocketServer({ server });
sockets.on('connection', (socket) => {
  socket.on('error', () => socket.terminate());
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
process.on('SIGTERM', () => {
  for (const socket of sockets.clients) socket.terminate();
  server.close(() => process.exit(0));
});
