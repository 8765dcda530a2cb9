"""Foreign-key refusals as the contract's 409s.

A foreign key refuses a write only when a concurrent call won a race the
manager's locks do not cover (or on paths that take no lock): the row a
new row refers to was deleted meanwhile, or a row being deleted gained a
referrer. Either way the caller gets a 409 naming what vanished or what
is in use, never a 500 (api/fault.py and trove-manage use this).
"""

from trove_datastore import exception

# Constraint name -> (the referred-to resource, the referring resource).
RESOURCES = {
    'fk_datastore_versions_datastore': ('datastore', 'datastore versions'),
    'fk_configurations_version': ('datastore version',
                                  'configuration groups'),
    'fk_configuration_rules_version': ('datastore version',
                                       'configuration parameters'),
    'fk_configuration_values_configuration': ('configuration group',
                                              'configuration values'),
}

# How each engine words a refused delete of a referred-to row (the other
# direction, a new row whose reference is missing, is the default).
_IN_USE_WORDS = ('a parent row', 'still referenced from')


def as_conflict(error):
    """The Conflict for an oslo.db DBReferenceError."""
    if error.constraint not in RESOURCES:
        # SQLite names neither the constraint nor the direction.
        return exception.Conflict(
            'The request refers to a resource that a concurrent request '
            'deleted, or deletes one still in use.')
    resource, user = RESOURCES[error.constraint]
    text = str(error.inner_exception or error)
    if any(words in text for words in _IN_USE_WORDS):
        if resource == 'datastore version' and user.startswith('config'):
            return exception.DatastoreVersionInUse(resource='configuration')
        return exception.ReferenceInUse(resource=resource, user=user)
    return exception.ReferenceGone(resource=resource)
