"""trove-manage datastore_update and datastore_version_update."""

import argparse

from trove_datastore import context as td_context
from trove_datastore.db import models
from trove_datastore.manager import datastores as ds_manager
from trove_datastore.manager import versions as versions_manager
from trove_datastore import names

# As the API's names (api/schemas/common.py) and their columns.
NAME_LENGTH = 255


def datastore_update(args):
    context = td_context.get_admin_context()
    datastore, version = ds_manager.update_default_version(
        context, args.datastore_name, args.default_version)
    if version is None:
        print("Datastore '%s' updated: no default version." % datastore.name)
    else:
        print("Datastore '%s' updated: default version %s (%s)."
              % (datastore.name, version.name, version.id))
    return 0


def _name(value):
    """A name as the API takes it: a usage error otherwise."""
    problem = names.unstorable(value) or names.problem(value)
    if problem is None and len(value) > NAME_LENGTH:
        problem = 'is longer than %d characters' % NAME_LENGTH
    if problem:
        raise argparse.ArgumentTypeError('%r %s' % (value, problem))
    return value


def _active(value):
    if value not in ('0', '1'):
        raise ValueError()
    return value == '1'


def datastore_version_update(args):
    context = td_context.get_admin_context()
    version, created = versions_manager.upsert_version(
        context, args.datastore, args.version_name, args.manager,
        args.image_id or None, args.packages, args.active,
        image_tags=args.image_tags,
        registry_ext=args.registry_ext, repl_strategy=args.repl_strategy,
        version=args.version)
    print("Datastore version '%s(%s)' %s (%s)."
          % (version.name, version.version,
             'created' if created else 'updated', version.id))
    return 0


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'datastore_update',
        help='Create a datastore if missing and set its default version '
             '(\'\' clears it).')
    parser.add_argument('datastore_name', type=_name,
                        help='Name of the datastore (created if missing).')
    parser.add_argument('default_version',
                        help='Version name or id; an empty string clears '
                             'the default.')
    parser.set_defaults(func=datastore_update)

    parser = subparsers.add_parser(
        'datastore_version_update',
        help='Create or update a datastore version, by (datastore, name, '
             'version number).')
    parser.add_argument('datastore', type=_name,
                        help='Datastore name or id.')
    parser.add_argument('version_name', type=_name,
                        help='Name of the version.')
    parser.add_argument('manager',
                        help='Datastore manager (mysql, postgresql, ...).')
    parser.add_argument('image_id', help='Glance image id, or \'\' to use '
                                         '--image-tags.')
    parser.add_argument('packages', type=models.split_names,
                        help='Comma-separated packages, or \'\'.')
    parser.add_argument('active', type=_active, metavar='{0,1}',
                        help='1 to make the version usable, 0 to hide it.')
    parser.add_argument('--image-tags', type=models.split_names, default=[],
                        help='Comma-separated image tags.')
    parser.add_argument('--registry-ext',
                        help='Guest-agent manager class (default: the '
                             'manager\'s known one, if any).')
    parser.add_argument('--repl-strategy',
                        help='Replication strategy class (default: the '
                             'manager\'s known one, if any).')
    parser.add_argument('--version', type=_name,
                        help='Version number (default: the version name).')
    parser.set_defaults(func=datastore_version_update)
