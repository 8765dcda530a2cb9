from trove_datastore.policies import base

PREFIX = 'datastore:%s'
INDEX = PREFIX % 'index'
SHOW = PREFIX % 'show'
DELETE = PREFIX % 'delete'
VERSION_INDEX = PREFIX % 'version_index'
VERSION_SHOW = PREFIX % 'version_show'
VERSION_SHOW_BY_UUID = PREFIX % 'version_show_by_uuid'

# (name, check string, description); the operations that check a rule
# are derived from the API's declarations (base.documented).
RULES = [
    (INDEX, base.ANYONE,
     'List datastores and their versions.'),
    (SHOW, base.ANYONE,
     'Show a datastore.'),
    (DELETE, base.ADMIN,
     'Delete a datastore that has no versions.'),
    (VERSION_INDEX, base.ANYONE,
     'List the versions of a datastore.'),
    (VERSION_SHOW, base.ANYONE,
     'Show a version of a datastore.'),
    (VERSION_SHOW_BY_UUID, base.ANYONE,
     'Show a version by its id.'),
]


def list_rules():
    return [base.documented(*rule) for rule in RULES]
