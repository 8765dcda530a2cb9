"""trove-manage commands for configuration parameter rules: load a rules
file into a datastore version, remove a version's rules, and generate a
rules file from a running database server."""

import json
import os
import sys

from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.manager import parameters as manager
from trove_datastore.manager import unsafe_rules
from trove_datastore import rules
from trove_datastore import rules_generator
from trove_datastore import rules_templates


def _names(names, limit=5):
    shown = ', '.join(names[:limit])
    if len(names) > limit:
        shown += ' and %d more' % (len(names) - limit)
    return shown


def _summary_line(summary, parsed, dry_run):
    counts = '%d added, %d updated, %d unchanged' % (
        len(summary.added), len(summary.updated), len(summary.unchanged))
    if summary.removed:
        counts += ', %d removed' % len(summary.removed)
    line = ('%s configuration parameters for datastore %s version %s(%s) '
            '[%s]: %s.' % ('Would load' if dry_run else 'Loaded',
                           summary.datastore.name, summary.version.name,
                           summary.version.version, summary.version.id,
                           counts))
    if parsed.duplicates:
        line += (' %d name(s) appear more than once in the file, the last '
                 'entry wins: %s.' % (len(parsed.duplicates),
                                      _names(parsed.duplicates)))
    if summary.unsafe:
        line += (' Unsafe parameter(s) %s, as --allow-unsafe names them.'
                 % ', '.join(summary.unsafe))
    if dry_run:
        line += ' Dry run: nothing was written.'
    return line


def _refused(error):
    """Exit 1 naming every configuration group the change would hurt,
    one line each."""
    print('ERROR: %s; nothing was changed (--force does it anyway):'
          % error.change, file=sys.stderr)
    for line in error.problems:
        print('  %s' % line, file=sys.stderr)
    return 1


def _affected(lines, header, stream):
    if lines:
        print(header % len(lines), file=stream)
        for line in lines:
            print('  %s' % line, file=stream)


def _usage_problem(args):
    """Why the arguments name no single rules file, or None: the path or
    --template NAME, exactly one of the two."""
    if args.config_file_location and args.template:
        return ('give the path of a rules file or --template %s, not both'
                % args.template)
    if not args.config_file_location and not args.template:
        return ('give the path of a validation-rules file, or --template '
                'NAME to load rules the package ships (%s; trove-manage '
                'rules_templates lists them)'
                % ', '.join(rules_templates.names()))
    return None


def load_parameters(args):
    problem = _usage_problem(args)
    if problem:
        print('ERROR: db_load_datastore_config_parameters: %s.' % problem,
              file=sys.stderr)
        return 2
    parsed = rules.load_file(rules_templates.path(args.template)
                             if args.template else
                             args.config_file_location)
    try:
        summary = manager.load_rules(
            td_context.get_admin_context(), args.datastore,
            args.datastore_version_name, parsed,
            version_number=args.version, prune=args.prune,
            dry_run=args.dry_run, force=args.force,
            allow_unsafe=unsafe_rules.parse_allowed(args.allow_unsafe))
    except exception.ConfigurationGroupsAffected as error:
        return _refused(error)
    print(_summary_line(summary, parsed, args.dry_run))
    if args.dry_run:
        _affected(summary.invalidated,
                  '%%d configuration group value(s) would become invalid%s:'
                  % ('' if args.force else
                     ' (the load is refused without --force)'), sys.stdout)
    else:
        _affected(summary.invalidated, 'WARNING: loaded with --force; %d '
                  'configuration group value(s) are now invalid:',
                  sys.stderr)
    return 0


def remove_parameters(args):
    try:
        datastore, version, count, in_use = manager.remove_rules(
            td_context.get_admin_context(), args.datastore,
            args.datastore_version_name, version_number=args.version,
            force=args.force)
    except exception.ConfigurationGroupsAffected as error:
        return _refused(error)
    print('Removed %d configuration parameters of datastore %s version '
          '%s(%s) [%s].' % (count, datastore.name, version.name,
                            version.version, version.id))
    _affected(in_use, 'WARNING: removed with --force; %d configuration '
              'group(s) keep values no rule accepts:', sys.stderr)
    return 0


def generate_rules(args):
    document = rules_generator.generate(args.connection)
    text = json.dumps(document, indent=2, sort_keys=False) + '\n'
    source = document['source']
    count = len(document[rules.DOCUMENT_KEY])
    left_out = ('; left out %d unsafe parameters (see trove_datastore/'
                'rules_safety.py)' % source['unsafe_left_out'])
    if args.output:
        directory = os.path.dirname(os.path.abspath(args.output))
        os.makedirs(directory, exist_ok=True)
        with open(args.output, 'w', encoding='utf-8') as output:
            output.write(text)
        print('Wrote %d rules for %s %s to %s%s.'
              % (count, source['manager'], source['version'], args.output,
                 left_out))
    else:
        sys.stdout.write(text)
        print('Generated %d rules for %s %s%s.'
              % (count, source['manager'], source['version'], left_out),
              file=sys.stderr)
    return 0


def list_templates(args):
    for name in rules_templates.names():
        print(rules_templates.describe(name))
    return 0


def _version_option(parser):
    parser.add_argument('--version', help='Version number, when the '
                                          'version name is ambiguous.')


def add_parsers(subparsers):
    parser = subparsers.add_parser(
        'db_load_datastore_config_parameters',
        help='Load a validation-rules file into a datastore version: the '
             'whole file or nothing, upserting by parameter name.')
    parser.add_argument('datastore')
    parser.add_argument('datastore_version_name')
    parser.add_argument('config_file_location', nargs='?',
                        help='Path of a validation-rules.json file (or '
                             'give --template instead).')
    parser.add_argument('--template', metavar='NAME',
                        help='Load the rules the package ships under this '
                             'name instead of a file: %s (trove-manage '
                             'rules_templates lists them with their '
                             'paths).' % ', '.join(rules_templates.names()))
    _version_option(parser)
    parser.add_argument('--dry-run', action='store_true',
                        help='Report what would change and write nothing.')
    parser.add_argument('--prune', action='store_true',
                        help='Also remove parameters absent from the file.')
    parser.add_argument('--allow-unsafe', metavar='NAME[,NAME]',
                        help='Load these parameters although they are '
                             'unsafe to offer to users (they run commands, '
                             'load code, name host files or weaken '
                             'authentication or TLS). Without it a file '
                             'holding any is refused (exit 1) naming them.')
    parser.add_argument('--force', action='store_true',
                        help='Load even when configuration groups of the '
                             'version have values the new rules reject or '
                             'values of pruned parameters; those values '
                             'are listed as a warning. Without it such a '
                             'load is refused (exit 1) and lists them.')
    parser.set_defaults(func=load_parameters)

    parser = subparsers.add_parser(
        'db_remove_datastore_config_parameters',
        help='Remove every configuration parameter of a datastore version. '
             'Refused (exit 1, naming the groups) while configuration '
             'groups have values for them, unless --force.')
    parser.add_argument('datastore')
    parser.add_argument('datastore_version_name')
    _version_option(parser)
    parser.add_argument('--force', action='store_true',
                        help='Remove the parameters even though '
                             'configuration groups use them; the groups '
                             'are listed as a warning.')
    parser.set_defaults(func=remove_parameters)

    parser = subparsers.add_parser(
        'generate_validation_rules',
        help='Write a validation-rules file from a running PostgreSQL, '
             'MariaDB or MySQL server (its exact version).')
    parser.add_argument('--connection', required=True,
                        help='SQLAlchemy URL of the server, e.g. '
                             'postgresql://postgres@127.0.0.1/postgres or '
                             'mysql://root@127.0.0.1:3306/.')
    parser.add_argument('--output', help='File to write (default: standard '
                                         'output).')
    parser.set_defaults(func=generate_rules)

    parser = subparsers.add_parser(
        'rules_templates',
        help='List the validation rules the package ships (name, manager, '
             'version, parameters, path), for '
             'db_load_datastore_config_parameters --template NAME.')
    parser.set_defaults(func=list_templates)
