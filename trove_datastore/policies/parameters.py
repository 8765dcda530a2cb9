"""Configuration parameter rules, public and administrative."""

from oslo_policy import policy

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

_PUBLIC = '/v1.0/{project_id}/datastores'
_MGMT = '/v1.0/{project_id}/mgmt/datastores/versions/{version_id}/parameters'

rules = [
    policy.DocumentedRuleDefault(
        INDEX, base.ADMIN_OR_OWNER, 'List the parameters of a version.',
        [{'method': 'GET',
          'path': _PUBLIC + '/{datastore}/versions/{version}/parameters'}]),
    policy.DocumentedRuleDefault(
        SHOW, base.ADMIN_OR_OWNER, 'Show a parameter of a version.',
        [{'method': 'GET', 'path': _PUBLIC +
          '/{datastore}/versions/{version}/parameters/{name}'}]),
    policy.DocumentedRuleDefault(
        INDEX_BY_VERSION, base.ADMIN_OR_OWNER,
        'List the parameters of a version given by id.',
        [{'method': 'GET',
          'path': _PUBLIC + '/versions/{version_id}/parameters'}]),
    policy.DocumentedRuleDefault(
        SHOW_BY_VERSION, base.ADMIN_OR_OWNER,
        'Show a parameter of a version given by id.',
        [{'method': 'GET',
          'path': _PUBLIC + '/versions/{version_id}/parameters/{name}'}]),
    policy.DocumentedRuleDefault(
        MGMT_INDEX, base.ADMIN, 'List parameters with admin field names.',
        [{'method': 'GET', 'path': _MGMT}]),
    policy.DocumentedRuleDefault(
        MGMT_SHOW, base.ADMIN, 'Show a parameter with admin field names.',
        [{'method': 'GET', 'path': _MGMT + '/{name}'}]),
    policy.DocumentedRuleDefault(
        CREATE, base.ADMIN, 'Add a parameter rule to a version.',
        [{'method': 'POST', 'path': _MGMT}]),
    policy.DocumentedRuleDefault(
        UPDATE, base.ADMIN, 'Replace a parameter rule of a version.',
        [{'method': 'PUT', 'path': _MGMT + '/{name}'}]),
    policy.DocumentedRuleDefault(
        DELETE, base.ADMIN, 'Remove a parameter rule from a version.',
        [{'method': 'DELETE', 'path': _MGMT + '/{name}'}]),
]


def list_rules():
    return rules
