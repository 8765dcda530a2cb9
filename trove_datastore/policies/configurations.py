"""Configuration groups, owned by a project."""

from trove_datastore.policies import base

PREFIX = 'configuration:%s'
INDEX = PREFIX % 'index'
CREATE = PREFIX % 'create'
SHOW = PREFIX % 'show'
INSTANCES = PREFIX % 'instances'
UPDATE = PREFIX % 'update'
EDIT = PREFIX % 'edit'
DELETE = PREFIX % 'delete'
CHECK = PREFIX % 'check'

# (name, check string, description); the operations that check a rule
# are derived from the API's declarations (base.documented).
RULES = [
    (INDEX, base.ADMIN_OR_OWNER,
     'List configuration groups (administrators see every project\'s).'),
    (CREATE, base.ADMIN_OR_OWNER,
     'Create a configuration group.'),
    (SHOW, base.ADMIN_OR_OWNER,
     'Show a configuration group.'),
    (INSTANCES, base.ADMIN_OR_OWNER,
     'List the instances of a group (not served: instances are managed '
     'elsewhere).'),
    (UPDATE, base.ADMIN_OR_OWNER,
     'Replace the values, name or description of a group.'),
    (EDIT, base.ADMIN_OR_OWNER,
     'Merge values into a group.'),
    (DELETE, base.ADMIN_OR_OWNER,
     'Delete a configuration group.'),
    (CHECK, base.ADMIN_OR_OWNER,
     'Check whether a group\'s values are valid on another datastore '
     'version (an extension of Trove\'s API).'),
]


def list_rules():
    return [base.documented(*rule) for rule in RULES]
