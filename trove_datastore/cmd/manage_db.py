"""trove-manage db_sync, db_upgrade, db_version."""

from trove_datastore.db import api as db_api
from trove_datastore.db import migration


def db_sync(args):
    return _upgrade('head')


def db_upgrade(args):
    return _upgrade(args.version or 'head')


def _upgrade(revision):
    engine = db_api.get_engine()
    migration.upgrade(engine, revision)
    print('Database upgraded to %s.' % (migration.version(engine) or 'base'))
    return 0


def db_version(args):
    current = migration.version(db_api.get_engine())
    print(current or 'None (empty database: run db_sync)')
    return 0


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'db_sync', help='Create or upgrade the schema to the latest revision.')
    parser.set_defaults(func=db_sync)

    parser = subparsers.add_parser(
        'db_upgrade', help='Upgrade the schema to a revision (default head).')
    parser.add_argument('--version', help='Alembic revision to upgrade to.')
    parser.set_defaults(func=db_upgrade)

    parser = subparsers.add_parser(
        'db_version', help='Print the schema revision of the database.')
    parser.set_defaults(func=db_version)
