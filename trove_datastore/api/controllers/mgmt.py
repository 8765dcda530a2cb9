"""``/mgmt/datastore-versions``: administrative datastore-version
operations (the mgmt parameter operations are in ``parameters``)."""

from trove_datastore.api import audit
from trove_datastore.api import bodies
from trove_datastore.api import method
from trove_datastore.api.schemas import responses
from trove_datastore.api.schemas import versions as schemas
from trove_datastore.api import views as common_views
from trove_datastore.api.views import datastores as views
from trove_datastore.manager import images as image_manager
from trove_datastore.manager import versions as manager
from trove_datastore.policies import versions as policies

VERSIONS = '/mgmt/datastore-versions'
VERSION = VERSIONS + '/{version_id}'


@method.operation('GET', VERSIONS, policies.INDEX, paged=True,
                  response=responses.MGMT_VERSIONS,
                  operation_id='mgmtListVersions', live=True,
                  summary='List every datastore version with admin fields.')
def list_versions(context, page):
    rows, marker = manager.list_versions(context, page=page)
    resolved = image_manager.resolve(v for v, _ in rows)
    return common_views.paged('versions', [
        views.mgmt_version(v, v.datastore_name, is_default, resolved[v.id])
        for v, is_default in rows], marker)


@method.operation('POST', VERSIONS, policies.CREATE, status=202,
                  schema=schemas.CREATE, operation_id='mgmtCreateVersion',
                  summary='Create a datastore version (and its datastore).')
def create_version(context, body):
    row = manager.create_version(
        context, **bodies.version_fields(body['version']))
    audit.created(row.id)


@method.operation('GET', VERSION, policies.SHOW,
                  response=responses.MGMT_VERSION,
                  operation_id='mgmtShowVersion', live=True,
                  summary='Show a datastore version with admin fields.')
def show_version(context, version_id):
    version, datastore = manager.get_version(context, version_id)
    return {'version': views.mgmt_version(
        version, datastore.name,
        datastore.default_version_id == version.id,
        image_manager.resolve([version])[version.id])}


@method.operation('PATCH', VERSION, policies.UPDATE, status=202,
                  schema=schemas.UPDATE, operation_id='mgmtUpdateVersion',
                  summary='Update a datastore version.')
def update_version(context, version_id, body):
    manager.update_version(context, version_id,
                           **bodies.version_fields(body))


@method.operation('DELETE', VERSION, policies.DELETE, status=202,
                  operation_id='mgmtDeleteVersion',
                  summary='Delete a datastore version.')
def delete_version(context, version_id):
    manager.delete_version(context, version_id)
