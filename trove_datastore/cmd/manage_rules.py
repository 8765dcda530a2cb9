"""trove-manage commands for configuration parameter rules (filled in by
the configuration work)."""


def add_parsers(subparsers):
    pass
