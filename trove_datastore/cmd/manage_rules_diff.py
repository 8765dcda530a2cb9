"""trove-manage rules_diff: how the loaded rules of two versions of a
datastore differ, before configuration groups are moved from one to the
other.

Exit status follows diff(1), so that a script can tell the cases apart:
0 the rules are identical, 1 they differ, 2 trouble (bad usage, unknown
datastore or version).
"""

from trove_datastore import context as td_context
from trove_datastore.manager import rule_changes as manager

DIFFERENT = 1
TROUBLE = 2


def _version(row):
    return '%s(%s)' % (row.name, row.version)


def rules_diff(args):
    diff = manager.diff_rules(
        td_context.get_admin_context(), args.datastore, args.from_version,
        args.to_version, old_number=args.from_number,
        new_number=args.to_number)
    for row in diff.added:
        print('added    %s: %s' % (row.name, manager.describe(row)))
    for row in diff.removed:
        print('removed  %s: %s' % (row.name, manager.describe(row)))
    for old, new, changes in diff.changed:
        name = new.name if new.name == old.name else '%s (was %s)' % (
            new.name, old.name)
        print('changed  %s: %s' % (name, manager.change_text(changes)))
    print('Datastore %s, version %s -> %s: %d added, %d removed, %d changed, '
          '%d unchanged.%s' % (
              diff.datastore.name, _version(diff.old_version),
              _version(diff.new_version), len(diff.added),
              len(diff.removed), len(diff.changed), diff.unchanged,
              ' The rules are identical.' if diff.identical else ''))
    return 0 if diff.identical else DIFFERENT


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'rules_diff',
        help='Show the configuration parameters added, removed and changed '
             '(type, min, max, restart_required, allowed_values) between '
             'the loaded rules of two versions of a datastore, one line '
             'each, then a summary line. Exit status as diff(1): 0 '
             'identical, 1 different, 2 trouble.')
    parser.add_argument('datastore', metavar='DATASTORE',
                        help='Datastore name or id.')
    parser.add_argument('from_version', metavar='FROM_VERSION',
                        help='The version groups are moved from (name or '
                             'id).')
    parser.add_argument('to_version', metavar='TO_VERSION',
                        help='The version groups are moved to (name or '
                             'id).')
    parser.add_argument('--from-number', dest='from_number',
                        metavar='NUMBER',
                        help='Version number of FROM_VERSION, when its name '
                             'is ambiguous.')
    parser.add_argument('--to-number', dest='to_number', metavar='NUMBER',
                        help='Version number of TO_VERSION, when its name '
                             'is ambiguous.')
    parser.set_defaults(func=rules_diff, error_exit=TROUBLE)
