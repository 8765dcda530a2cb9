"""``/datastores``: what users may deploy.

``/datastores/versions/{version_id}`` is matched before any datastore
name (a datastore literally named "versions" is shadowed, as in Trove).
"""

from trove_datastore.api import method
from trove_datastore.api.schemas import responses
from trove_datastore.api import views as common_views
from trove_datastore.api.views import datastores as views
from trove_datastore.manager import datastores as manager
from trove_datastore.manager import versions as versions_manager
from trove_datastore.policies import datastores as policies

DATASTORES = '/datastores'
DATASTORE = DATASTORES + '/{datastore}'
VERSION = DATASTORE + '/versions/{version}'
VERSION_BY_ID = DATASTORES + '/versions/{version_id}'


@method.operation('GET', DATASTORES, policies.INDEX, paged=True,
                  response=responses.DATASTORES,
                  operation_id='listDatastores',
                  summary='List datastores with their versions.')
def list_datastores(context, page):
    rows, marker = manager.list_datastores(
        context, include_hidden=context.is_admin, page=page)
    return common_views.paged('datastores', [
        views.datastore(ds, versions, context.project_id, context.is_admin)
        for ds, versions in rows], marker)


@method.operation('GET', DATASTORE, policies.SHOW,
                  response=responses.DATASTORE,
                  operation_id='showDatastore', summary='Show a datastore.')
def show_datastore(context, datastore):
    row, versions = manager.get_datastore(
        context, datastore, include_hidden=context.is_admin)
    return {'datastore': views.datastore(
        row, versions, context.project_id, context.is_admin)}


@method.operation('DELETE', DATASTORE, policies.DELETE, status=202,
                  operation_id='deleteDatastore',
                  summary='Delete a datastore that has no versions.')
def delete_datastore(context, datastore):
    manager.delete_datastore(context, datastore)


@method.operation('GET', DATASTORE + '/versions', policies.VERSION_INDEX,
                  paged=True, response=responses.VERSIONS,
                  operation_id='listDatastoreVersions',
                  summary='List the versions of a datastore.')
def list_versions(context, datastore, page):
    _, rows, marker = versions_manager.list_versions_of(
        context, datastore, include_hidden=context.is_admin, page=page)
    return common_views.paged('versions', [
        views.version(v, context.project_id, context.is_admin)
        for v in rows], marker)


@method.operation('GET', VERSION, policies.VERSION_SHOW,
                  response=responses.VERSION,
                  operation_id='showDatastoreVersion',
                  summary='Show a version of a datastore by name or id.')
def show_version(context, datastore, version):
    row, _ = versions_manager.get_version_in(context, datastore, version)
    return {'version': views.version(row, context.project_id,
                                     context.is_admin)}


@method.operation('GET', VERSION_BY_ID, policies.VERSION_SHOW_BY_UUID,
                  response=responses.VERSION,
                  operation_id='showDatastoreVersionById',
                  summary='Show a datastore version by id.')
def show_version_by_id(context, version_id):
    row, _ = versions_manager.get_version(context, version_id)
    return {'version': views.version(row, context.project_id,
                                     context.is_admin)}
