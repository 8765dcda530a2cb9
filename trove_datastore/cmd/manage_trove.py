"""trove-manage import_from_trove and publish_to_trove: move the catalog
between trove-datastore and an OpenStack Trove 26 database."""

from trove_datastore import context as td_context
from trove_datastore.interop import trove_import
from trove_datastore.interop import trove_publish


def _print(report, dry_run):
    for line in report.lines(dry_run):
        print(line)
    return 0


def import_from_trove(args):
    report = trove_import.import_from_trove(
        td_context.get_admin_context(), args.connection,
        dry_run=args.dry_run, allow_unsafe=args.allow_unsafe or ())
    return _print(report, args.dry_run)


def publish_to_trove(args):
    report = trove_publish.publish_to_trove(
        td_context.get_admin_context(), args.connection,
        dry_run=args.dry_run)
    return _print(report, args.dry_run)


def _connection(parser):
    parser.add_argument('--connection', required=True,
                        help='SQLAlchemy URL of the Trove database, e.g. '
                             'mysql+pymysql://trove:secret@db/trove')
    parser.add_argument('--dry-run', action='store_true',
                        help='Print what would change without writing.')


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'import_from_trove',
        help='Import datastores, versions, rules and configuration groups '
             'from a Trove 26 database (read only), keeping their ids.')
    _connection(parser)
    parser.add_argument('--allow-unsafe', action='append', metavar='NAME',
                        help='Import this unsafe parameter rule anyway '
                             '(repeat for several). Unsafe rules are '
                             'otherwise skipped and reported.')
    parser.set_defaults(func=import_from_trove)

    parser = subparsers.add_parser(
        'publish_to_trove',
        help='Write the catalog into a Trove 26 database, keeping ids, in '
             'one transaction there.')
    _connection(parser)
    parser.set_defaults(func=publish_to_trove)
