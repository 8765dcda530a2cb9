from oslo_policy import policy

from trove_datastore.policies import base

PREFIX = 'datastore:%s'
INDEX = PREFIX % 'index'
SHOW = PREFIX % 'show'
DELETE = PREFIX % 'delete'
VERSION_INDEX = PREFIX % 'version_index'
VERSION_SHOW = PREFIX % 'version_show'
VERSION_SHOW_BY_UUID = PREFIX % 'version_show_by_uuid'

_BASE = '/v1.0/{project_id}/datastores'

rules = [
    policy.DocumentedRuleDefault(
        INDEX, base.ANYONE, 'List datastores and their versions.',
        [{'method': 'GET', 'path': _BASE}]),
    policy.DocumentedRuleDefault(
        SHOW, base.ANYONE, 'Show a datastore.',
        [{'method': 'GET', 'path': _BASE + '/{datastore}'}]),
    policy.DocumentedRuleDefault(
        DELETE, base.ADMIN, 'Delete a datastore that has no versions.',
        [{'method': 'DELETE', 'path': _BASE + '/{datastore}'}]),
    policy.DocumentedRuleDefault(
        VERSION_INDEX, base.ANYONE, 'List the versions of a datastore.',
        [{'method': 'GET', 'path': _BASE + '/{datastore}/versions'}]),
    policy.DocumentedRuleDefault(
        VERSION_SHOW, base.ANYONE, 'Show a version of a datastore.',
        [{'method': 'GET',
          'path': _BASE + '/{datastore}/versions/{version}'}]),
    policy.DocumentedRuleDefault(
        VERSION_SHOW_BY_UUID, base.ANYONE, 'Show a version by its id.',
        [{'method': 'GET', 'path': _BASE + '/versions/{version_id}'}]),
]


def list_rules():
    return rules
