"""The images of datastore versions, for the API and trove-manage alike.

Every write checks what a version names before its transaction opens, so
no transaction waits on the image service; every read that shows which
image a version would get now resolves it here.
"""

from trove_datastore import exception
from trove_datastore import images


def check(image_id=None, tags=None):
    """Refuse (400) what a version would name: an image id must name an
    active image (tags are then not looked at), else some active image
    must carry all the tags; neither is ImageRequired. An unreachable
    image service is a 503."""
    images.get_source().check(image_id=image_id, tags=tags)


def check_changes(image_id=None, tags=None):
    """Check what an update names, if anything: a new image id, else new
    tags. Whether the version still has an image at all is the update's
    own check, made on the row."""
    if image_id or tags:
        check(image_id=image_id, tags=tags)


def resolve(versions):
    """``{version id: image id}``: the image each version's instances
    would get now, its image id, else the newest active image carrying
    all its tags (None when none does, or the image service cannot
    answer). One look-up per distinct tag set."""
    source = None
    by_tags = {}
    resolved = {}
    for version in versions:
        tags = tuple(version.image_tags or ())
        if version.image_id or not tags:
            resolved[version.id] = version.image_id or None
            continue
        if tags not in by_tags:
            source = source or images.get_source()
            by_tags[tags] = _newest_with(source, tags)
        resolved[version.id] = by_tags[tags]
    return resolved


def _newest_with(source, tags):
    try:
        found = source.find_by_tags(tags)
    except exception.ServiceUnavailable:
        return None
    return found['id'] if found else None
