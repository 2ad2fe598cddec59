"""Runs a SELECT and a CONSTRUCT against a running Bouwblokken SPARQL endpoint with SPARQLWrapper.

Usage: sparqlwrapper_query.py ENDPOINT_URL
Prints one JSON object with the SELECT rows (GET, SPARQL JSON), the same SELECT sent with POST, and the
CONSTRUCT result both as Turtle parsed by rdflib and as the rdflib graph that SPARQLWrapper builds
from RDF/XML.
"""
import json
import sys

import loopback_only  # noqa: F401 (installs the loopback-only urllib opener)

from rdflib import Graph
from SPARQLWrapper import JSON, POST, RDFXML, TURTLE, SPARQLWrapper

SELECT = """
PREFIX bb: <https://w3id.org/bouwblokken/def#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?block ?title WHERE { ?block a bb:BuildingBlock ; dct:title ?title FILTER(lang(?title) = "nl") }
ORDER BY ?block
"""

CONSTRUCT = """
PREFIX bb: <https://w3id.org/bouwblokken/def#>
CONSTRUCT { ?block bb:usesBlock ?other } WHERE { ?block bb:usesBlock ?other }
"""


def select_rows(endpoint: str, post: bool) -> list:
    client = SPARQLWrapper(endpoint)
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    if post:
        client.setMethod(POST)
    result = client.query().convert()
    return [[row["block"]["value"], row["title"]["value"]] for row in result["results"]["bindings"]]


def construct_triples(endpoint: str) -> dict:
    turtle_client = SPARQLWrapper(endpoint)
    turtle_client.setQuery(CONSTRUCT)
    turtle_client.setReturnFormat(TURTLE)
    turtle = Graph().parse(data=turtle_client.query().convert(), format="turtle")

    xml_client = SPARQLWrapper(endpoint)
    xml_client.setQuery(CONSTRUCT)
    xml_client.setReturnFormat(RDFXML)
    xml_graph = xml_client.query().convert()
    return {
        "turtle": sorted(f"{s} {o}" for s, _, o in turtle),
        "rdfXml": sorted(f"{s} {o}" for s, _, o in xml_graph),
    }


def main() -> None:
    endpoint = sys.argv[1]
    print(json.dumps({
        "selectGet": select_rows(endpoint, post=False),
        "selectPost": select_rows(endpoint, post=True),
        "construct": construct_triples(endpoint),
    }))


if __name__ == "__main__":
    main()
