"""Stops urllib from reaching any host but the loopback test server.

Importing this module installs a global urllib opener that rejects every request to a host other than
127.0.0.1 or ::1. rdflib and SPARQLWrapper both fetch through urllib, so a document that names a remote
JSON-LD context fails with a message that names the URL instead of going to the network.
"""
import urllib.request
from urllib.error import URLError

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "[::1]", "localhost"}


class LoopbackOnly(urllib.request.BaseHandler):
    handler_order = 100

    def http_request(self, request):
        host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host.split("]")[0] + "]"
        if host not in LOOPBACK_HOSTS:
            raise URLError(f"rejected fetch of {request.full_url}: the interoperability test may only reach the loopback test server")
        return request

    https_request = http_request


urllib.request.install_opener(urllib.request.build_opener(LoopbackOnly()))
