"""trove-manage rules_audit: the unsafe rules already loaded.

Rules loaded before this release (or with ``--allow-unsafe``) may offer
users parameters that rules_safety lists as unsafe. The command prints
one line per such rule and exits 1 when there are any, 0 when there are
none, and 2 when its arguments are wrong (an unknown datastore or
version included). Other errors (the database does not answer) exit 1
with one ERROR line on standard error and nothing on standard output.
"""

import sys

from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.manager import unsafe_rules

FIX = ('Remove them with "trove-manage db_remove_datastore_config_parameters '
       'DATASTORE VERSION" and reload a rules file without them, or keep '
       'them by reloading with --allow-unsafe NAME[,NAME].')


def audit(args):
    try:
        findings = unsafe_rules.audit(td_context.get_admin_context(),
                                      args.datastore, args.datastore_version)
    except (exception.NotFound, exception.BadRequest) as error:
        # A datastore or version that does not exist (or is ambiguous) is
        # a usage error: 1 stays "unsafe rules found".
        print('ERROR: %s' % error, file=sys.stderr)
        return 2
    if not findings:
        print('No unsafe rules are loaded%s.'
              % (' for datastore %s' % args.datastore if args.datastore
                 else ''))
        return 0
    for found in findings:
        print('%s %s [%s] %s: %s' % (found.datastore, found.version,
                                     found.version_id, found.parameter,
                                     found.reason))
    print('%d unsafe rule(s) are loaded. %s' % (len(findings), FIX))
    return 1


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'rules_audit',
        help='List the loaded configuration parameter rules that are unsafe '
             'to offer to users (datastore, version, version id, parameter, '
             'reason), one per line. Exit 1 when there are any, 0 when '
             'there are none.')
    parser.add_argument('datastore', nargs='?',
                        help='Only this datastore (name or id).')
    parser.add_argument('datastore_version', nargs='?',
                        help='Only this version of the datastore (name or '
                             'id).')
    parser.set_defaults(func=audit)
