"""Configuration parameter rules, public and administrative."""

from trove_datastore.policies import base

PREFIX = 'configuration-parameter:%s'
INDEX = PREFIX % 'index'
SHOW = PREFIX % 'show'
INDEX_BY_VERSION = PREFIX % 'index_by_version'
SHOW_BY_VERSION = PREFIX % 'show_by_version'
MGMT_INDEX = PREFIX % 'mgmt_index'
MGMT_SHOW = PREFIX % 'mgmt_show'
CREATE = PREFIX % 'create'
UPDATE = PREFIX % 'update'
DELETE = PREFIX % 'delete'


# (name, check string, description); the operations that check a rule
# are derived from the API's declarations (base.documented).
RULES = [
    (INDEX, base.ADMIN_OR_OWNER,
     'List the parameters of a version.'),
    (SHOW, base.ADMIN_OR_OWNER,
     'Show a parameter of a version.'),
    (INDEX_BY_VERSION, base.ADMIN_OR_OWNER,
     'List the parameters of a version given by id.'),
    (SHOW_BY_VERSION, base.ADMIN_OR_OWNER,
     'Show a parameter of a version given by id.'),
    (MGMT_INDEX, base.ADMIN,
     'List parameters with admin field names.'),
    (MGMT_SHOW, base.ADMIN,
     'Show a parameter with admin field names.'),
    (CREATE, base.ADMIN,
     'Add a parameter rule to a version.'),
    (UPDATE, base.ADMIN,
     'Replace a parameter rule of a version.'),
    (DELETE, base.ADMIN,
     'Remove a parameter rule from a version.'),
]


def list_rules():
    return [base.documented(*rule) for rule in RULES]
