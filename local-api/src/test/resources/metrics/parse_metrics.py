"""Reads Prometheus text exposition from stdin with the official Python client's parser
(prometheus_client.parser.text_string_to_metric_families, Debian's python3-prometheus-client) and
prints one JSON object: family name -> {type, samples: [[name, labels, value], ...]}. A text the
parser rejects exits 2 with the parser's error, so MetricsTest fails naming it."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = sys.stdin.read()
    families = {}
    try:
        for family in text_string_to_metric_families(text):
            if family.name in families:
                raise ValueError("family %s appears twice" % family.name)
            families[family.name] = {
                "type": family.type,
                "samples": [[s.name, s.labels, None if math.isnan(s.value) else s.value]
                            for s in family.samples],
            }
    except Exception as e:  # the parser raises ValueError and others on a bad line
        print("parse error: %r" % (e,), file=sys.stderr)
        sys.exit(2)
    json.dump(families, sys.stdout)


main()
