"""Parses one resource of a running Bouwblokken server with rdflib, in Turtle and in JSON-LD.

Usage: rdflib_parse.py URL SUBJECT_IRI
Prints one JSON object with, per format, the triple count and the titles of SUBJECT_IRI (or the error
that rdflib raised), and whether the two graphs are isomorphic. rdflib fetches the URL itself and sends
its own Accept header.
"""
import json
import sys

import loopback_only  # noqa: F401 (installs the loopback-only urllib opener)

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS


def parse(url: str, rdf_format: str, subject: URIRef):
    graph = Graph()
    try:
        graph.parse(url, format=rdf_format)
    except Exception as error:  # reported to the mocha test, which fails with this message
        return None, {"error": f"{type(error).__name__}: {error}"}
    titles = sorted(f"{title}@{title.language}" for title in graph.objects(subject, DCTERMS.title))
    return graph, {"triples": len(graph), "titles": titles}


def main() -> None:
    url, subject = sys.argv[1], URIRef(sys.argv[2])
    turtle_graph, turtle = parse(url, "turtle", subject)
    json_ld_graph, json_ld = parse(url, "json-ld", subject)
    same = turtle_graph is not None and json_ld_graph is not None and isomorphic(turtle_graph, json_ld_graph)
    print(json.dumps({"turtle": turtle, "jsonLd": json_ld, "isomorphic": same}))


if __name__ == "__main__":
    main()
