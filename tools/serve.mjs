// A small static file server for build/web (used by ./build.sh serve and the browser tests).
// Usage: node tools/serve.mjs FOLDER PORT [HOST]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export function startServer(folder, port, host = '127.0.0.1') {
  const root = resolve(folder);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
                                'Content-Length': body.length, 'Cache-Control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => resolveListen(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [folder, port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  startServer(folder, Number(port), host)
    .then(() => console.log(`Serving ${folder} on http://${host}:${port}/`))
    .catch((error) => {
      console.error(error.code === 'EADDRINUSE' ? `port ${port} is in use: try ./build.sh serve ${Number(port) + 1}` : error.message);
      process.exit(1);
    });
}
