"""Datastore and datastore-version documents."""

from trove_datastore.api import views


def version(row, project_id, is_admin, with_datastore=True):
    document = {
        'id': row.id,
        'name': row.name,
        'version': row.version,
        'links': views.links('datastores/versions', row.id, project_id),
    }
    if with_datastore:
        document['datastore'] = row.datastore_id
    if is_admin:
        document.update({
            'active': row.active,
            # Trove's comma-joined text; '' when none, as Trove shows a
            # version its client created.
            'packages': ','.join(row.packages),
            'image': row.image_id,
            'image_tags': row.image_tags,
            'registry_ext': row.registry_ext,
            'repl_strategy': row.repl_strategy,
        })
    return document


def datastore(row, versions, project_id, is_admin):
    document = {
        'id': row.id,
        'name': row.name,
        'links': views.links('datastores', row.id, project_id),
        'versions': [version(v, project_id, is_admin, with_datastore=False)
                     for v in versions],
    }
    if row.default_version_id:
        document['default_version'] = row.default_version_id
    return document


def mgmt_version(row, datastore_name, is_default, resolved_image=None):
    return {
        'id': row.id,
        'name': row.name,
        'version': row.version,
        'datastore_id': row.datastore_id,
        'datastore_name': datastore_name,
        'datastore_manager': row.manager,
        'image': row.image_id,
        'image_tags': row.image_tags,
        'packages': row.packages,
        'active': row.active,
        'registry_ext': row.registry_ext,
        'repl_strategy': row.repl_strategy,
        'default': is_default,
        # Which image a new instance would get now (tags re-resolved).
        'resolved_image': resolved_image,
        'created': views.timestamp(row.created_at),
        'updated': views.timestamp(row.updated_at),
    }
