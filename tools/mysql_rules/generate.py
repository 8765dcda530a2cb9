#!/usr/bin/env python3
"""Write the shipped MySQL validation rules from tools/mysql_rules/table.py.

One file per MySQL series, trove_datastore/templates/mysql-<series>/
validation-rules.json, so that the three stay consistent: a variable is
described once, with what differs between series. The variables that
trove_datastore/rules_safety.py lists as unsafe for the ``mysql`` manager
are left out, and each file's ``source`` names them.

Usage: tools/mysql_rules/generate.py [--check] [--output DIR]
(--check: exit 1 when a shipped file differs from what would be written.)
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)
sys.path.insert(0, HERE)

import table  # noqa: E402

from trove_datastore import rules_safety  # noqa: E402

TEMPLATES = os.path.join(REPO, 'trove_datastore', 'templates')
MANAGER = 'mysql'


def _entry(var, series):
    fields = dict(type=var.type, dynamic=var.dynamic, lo=var.lo, hi=var.hi,
                  values=var.values)
    fields.update(var.per_series.get(series, {}))
    entry = {'name': var.name, 'restart_required': not fields['dynamic'],
             'type': fields['type']}
    if fields['lo'] is not None:
        entry['min'] = fields['lo']
    if fields['hi'] is not None:
        entry['max'] = fields['hi']
    if fields['values'] is not None:
        entry['allowed_values'] = list(fields['values'])
    entry['dynamic'] = fields['dynamic']
    if var.description:
        entry['description'] = var.description
    return entry


def document(series):
    """The rules document of one MySQL series."""
    offered = [var for var in table.VARIABLES if series in var.series]
    unsafe = sorted(entry.name for entry in rules_safety.find(
        MANAGER, [var.name for var in offered]))
    parameters = [_entry(var, series)
                  for var in sorted(offered, key=lambda var: var.name)
                  if var.name not in unsafe]
    return {
        'source': {
            'manager': MANAGER,
            'version': series,
            'generated_by': 'tools/mysql_rules/generate.py from the MySQL '
                            '%s Reference Manual' % series,
            'unsafe_left_out': len(unsafe),
            'unsafe_names': unsafe,
        },
        'configuration-parameters': parameters,
    }


def render(series):
    return json.dumps(document(series), indent=2) + '\n'


def path(series, output=TEMPLATES):
    return os.path.join(output, 'mysql-%s' % series, 'validation-rules.json')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true',
                        help='Only compare with the files on disk.')
    parser.add_argument('--output', default=TEMPLATES,
                        help='Templates directory (default: the package\'s).')
    args = parser.parse_args(argv)
    stale = []
    for series in table.SERIES:
        target = path(series, args.output)
        text = render(series)
        if args.check:
            try:
                with open(target) as current:
                    if current.read() != text:
                        stale.append(target)
            except FileNotFoundError:
                stale.append(target)
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w') as out:
            out.write(text)
        print('%s: %d parameters, %d unsafe left out'
              % (target, len(document(series)['configuration-parameters']),
                 document(series)['source']['unsafe_left_out']))
    if stale:
        print('out of date (run tools/mysql_rules/generate.py): %s'
              % ', '.join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
