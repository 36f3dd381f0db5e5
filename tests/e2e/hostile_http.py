# hostile_http.py - a misbehaving web server for tests/e2e/hostile.sh (the
# simulator plays a well-behaved engine; this one plays a hostile one). The
# first path segment picks the misbehaviour; an engine's base_url points at
# it. Prints "listening on 127.0.0.1:PORT" once ready.
import gzip, http.server, socketserver, sys, time, zlib
BOMB = []
def bomb():  # 128 MB of zeros, gzip-compressed once (~130 KB)
    if not BOMB:
        co = zlib.compressobj(6, zlib.DEFLATED, 31)
        BOMB.append(b"".join(co.compress(b"\0" * (1 << 20)) for _ in range(128)) + co.flush())
    return BOMB[0]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def head(self, code=200, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        for k, v in extra: self.send_header(k, v)
    def do_GET(self):
        p = self.path
        try:
            if p.startswith("/big/") or p.startswith("/bigstream/"):  # 50 MB body
                n = 50 * 1024 * 1024
                # /big/ announces its length, /bigstream/ does not: the cap
                # must hold while the body streams in as well.
                hdr = [("Content-Length", str(n))] if p.startswith("/big/") else [("Connection", "close")]
                self.head(200, hdr); self.end_headers()
                chunk = b"<p>" + b"x" * 65533
                sent = 0
                while sent < n:
                    self.wfile.write(chunk); sent += len(chunk)
            elif p.startswith("/bomb/"):       # 128 MB of zeros, gzipped
                z = bomb()
                self.head(200, [("Content-Length", str(len(z))), ("Content-Encoding", "gzip")]); self.end_headers()
                self.wfile.write(z)
            elif p.startswith("/slow/"):       # endless, one byte a quarter second
                self.head(200, [("Connection", "close")]); self.end_headers()
                while True:
                    self.wfile.write(b" "); self.wfile.flush(); time.sleep(0.25)
            elif p.startswith("/file/"):
                self.head(302, [("Location", "file:///etc/passwd"), ("Content-Length", "0")]); self.end_headers()
            elif p.startswith("/gopher/"):
                self.head(302, [("Location", "gopher://127.0.0.1:70/x"), ("Content-Length", "0")]); self.end_headers()
            elif p.startswith("/loop/"):
                self.head(302, [("Location", p), ("Content-Length", "0")]); self.end_headers()
            elif p.startswith("/other/"):      # to another host that is not there
                self.head(302, [("Location", "http://127.0.0.2:9/search?q=x"), ("Content-Length", "0")]); self.end_headers()
            else:
                self.head(404, [("Content-Length", "0")]); self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
bomb()
s = S(("127.0.0.1", 0), H)
print("listening on 127.0.0.1:%d" % s.server_address[1], flush=True)
s.serve_forever()
