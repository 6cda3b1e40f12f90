"""A loopback stand-in service for the scripts: answers every GET with the HTTP status
written in CODE_FILE (200 when no file is given). Usage: stand-in.py PORT [CODE_FILE]"""
import http.server
import sys

port = int(sys.argv[1])
code_file = sys.argv[2] if len(sys.argv) > 2 else None


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code = int(open(code_file).read()) if code_file else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
