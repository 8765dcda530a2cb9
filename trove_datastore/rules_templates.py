"""The validation rules shipped with the package.

Each directory of ``trove_datastore/templates`` that holds a
``validation-rules.json`` is a template, named by the directory:
``mariadb``, ``postgresql``, ``mysql-5.7``, ``mysql-8.0``, ``mysql-8.4``.
``trove-manage db_load_datastore_config_parameters ... --template NAME``
loads one, and ``trove-manage rules_templates`` lists them.
"""

import json
import os

from trove_datastore import exception

DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         'templates')
FILE_NAME = 'validation-rules.json'


class UnknownTemplate(exception.NotFound):
    """No shipped template of that name."""


def names():
    """The template names, sorted."""
    try:
        entries = os.listdir(DIRECTORY)
    except FileNotFoundError:
        return []
    return sorted(entry for entry in entries
                  if os.path.isfile(os.path.join(DIRECTORY, entry,
                                                 FILE_NAME)))


def path(name):
    """The file of template ``name``; UnknownTemplate (saying which exist)
    when there is none."""
    if name in names():
        return os.path.join(DIRECTORY, name, FILE_NAME)
    raise UnknownTemplate('No rules template named %r; the package ships: '
                          '%s.' % (name, ', '.join(names()) or 'none'))


def describe(name):
    """One line about a template: its name, where its rules come from,
    and how many parameters it offers."""
    with open(path(name), encoding='utf-8') as template:
        document = json.load(template)
    source = document.get('source') or {}
    return '%-12s %-10s %-8s %4d parameters  %s' % (
        name, source.get('manager', '?'), source.get('version', '?'),
        len(document.get('configuration-parameters') or ()), path(name))
