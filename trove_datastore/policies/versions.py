"""Administrative datastore-version operations (/mgmt/datastore-versions)."""

from trove_datastore.policies import base

PREFIX = 'datastore_version:%s'
INDEX = PREFIX % 'index'
SHOW = PREFIX % 'show'
CREATE = PREFIX % 'create'
UPDATE = PREFIX % 'update'
DELETE = PREFIX % 'delete'

# (name, check string, description); the operations that check a rule
# are derived from the API's declarations (base.documented).
RULES = [
    (INDEX, base.ADMIN,
     'List every datastore version with admin fields.'),
    (SHOW, base.ADMIN,
     'Show a datastore version with admin fields.'),
    (CREATE, base.ADMIN,
     'Create a datastore version (and its datastore when missing).'),
    (UPDATE, base.ADMIN,
     'Update a datastore version.'),
    (DELETE, base.ADMIN,
     'Delete a datastore version.'),
]


def list_rules():
    return [base.documented(*rule) for rule in RULES]
