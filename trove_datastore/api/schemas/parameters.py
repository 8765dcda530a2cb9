"""Bodies of /mgmt/datastores/versions/{id}/parameters.

A body holds a rule in the shape rule_schema.py declares for rules files
too, with the names troveclient sends where they differ; the body is
turned into a rule here, so the manager never reads it.
"""

import copy

from trove_datastore import exception
from trove_datastore import rule_schema
from trove_datastore import rules
from trove_datastore import schema as json_schema

# troveclient's names of the rule's fields. ``max``/``min`` are taken
# too; ``max_size``/``min_size`` win when both are given.
WIRE_NAMES = {'data_type': 'type', 'max_size': 'max', 'min_size': 'min'}


def _fields():
    fields = {wire: rule_schema.FIELDS[name]
              for wire, name in WIRE_NAMES.items()}
    fields.update((name, field) for name, field in rule_schema.FIELDS.items()
                  if name != 'type')
    return copy.deepcopy(fields)


def _document(required):
    wire = {name: wire for wire, name in WIRE_NAMES.items()}
    return {
        'type': 'object',
        'properties': {
            'configuration-parameter': {
                'type': 'object',
                'properties': _fields(),
                'required': [wire.get(name, name) for name in required],
                'additionalProperties': False,
            },
        },
        'required': ['configuration-parameter'],
        'additionalProperties': False,
    }


CREATE = _document(rule_schema.REQUIRED)
# The path names the parameter; a name in the body is accepted and ignored.
UPDATE = _document([name for name in rule_schema.REQUIRED
                    if name != 'name'])

# The path's name of an update is held to what a body's name must be.
_PATH_NAME = {'type': 'object', 'properties': {
    'name': rule_schema.FIELDS['name']}}


def rule(fields, name=None):
    """The Rule of a body's ``configuration-parameter`` (``name``: the
    path's, for an update); 400 saying what does not hold. Bounds of
    non-numeric types are dropped, as Trove drops them."""
    entry = {key: value for key, value in fields.items()
             if key not in WIRE_NAMES}
    for wire, key in WIRE_NAMES.items():
        if fields.get(wire) is not None:
            entry[key] = fields[wire]
    if name is not None:
        entry['name'] = name
        problems = json_schema.problems(_PATH_NAME, entry)
        if problems:
            raise exception.BadRequest('Invalid parameter definition: %s'
                                       % ' '.join(problems))
    try:
        return rules.rule_from_entry(entry, ('min_size', 'max_size'))
    except rules.BoundsOutOfOrder:
        raise exception.BadRequest(
            'max_size must be greater than or equal to min_size.')
    except ValueError as error:
        raise exception.BadRequest('Invalid parameter definition: %s.'
                                   % error)
