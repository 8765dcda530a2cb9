"""Benchmark suite of trove-datastore: seed, serve, load, report.

``tools/bench/run --help`` describes the command line.
"""
