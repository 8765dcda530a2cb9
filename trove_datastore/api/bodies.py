"""Request bodies as the manager's plain arguments: the wire's field names
(Trove's, as troveclient sends them) are translated here, once, so the
manager never reads a request body."""

# Wire name -> the manager's name, where they differ.
_VERSION_NAMES = {'datastore_manager': 'manager', 'image': 'image_id'}


def version_fields(body):
    """A version's create or PATCH body as keyword arguments of
    manager.versions.create_version / update_version: only the fields the
    body holds."""
    return {_VERSION_NAMES.get(name, name): value
            for name, value in body.items()}
