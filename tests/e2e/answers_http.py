# answers_http.py - a SerpApi-shaped server for tests/e2e/answers.sh that
# gives the provider's non-answers (an empty object, a search still
# "Processing", a bare {"message": ...}) with HTTP 200. The first path
# segment picks the answer; an engine's base_url points at it. /ok/ ranks
# austin-plumbing-pros.com #8; /idn/ ranks xn--bcher-kva.de #3, /idnu/ ranks
# www.bücher.de #5 behind a backslash URL at #1 that browsers open at
# evil.io (tests/e2e/idn.sh). Prints "listening on 127.0.0.1:PORT" once ready.
import http.server, json, socketserver
def ok():
    org = [{"position": i, "title": "Result %d" % i, "link": "https://site%d.example.com/" % i}
           for i in range(1, 11)]
    org[7] = {"position": 8, "title": "Austin Plumbing Pros", "link": "https://austin-plumbing-pros.com/"}
    return {"search_metadata": {"status": "Success"}, "search_information": {"total_results": 1000},
            "organic_results": org}
def idn(pos, link, extra=None):
    a = ok()
    a["organic_results"][7] = {"position": 8, "title": "Other", "link": "https://other.example.com/"}
    a["organic_results"][pos - 1] = {"position": pos, "title": "B\u00fccher", "link": link}
    if extra:
        a["organic_results"][0] = {"position": 1, "title": "Evil", "link": extra}
    return a
ANSWERS = {
    "idn": idn(3, "https://xn--bcher-kva.de/"),
    "idnu": idn(5, "https://www.b\u00fccher.de/buch", "https://evil.io\\@xn--bcher-kva.de/"),
    "ok": ok(),
    "empty": {},
    "processing": {"search_metadata": {"status": "Processing"}},
    "message": {"message": "Internal server error"},
    "noresults": {"search_metadata": {"status": "Success"},
                  "search_information": {"organic_results_state": "Fully empty"}},
}
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        a = ANSWERS.get(self.path.split("/")[1])
        body = json.dumps(a).encode() if a is not None else b""
        self.send_response(200 if a is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("listening on 127.0.0.1:%d" % s.server_address[1], flush=True)
s.serve_forever()
