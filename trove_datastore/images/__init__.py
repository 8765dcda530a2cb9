"""Where guest images are resolved: Glance, or a local JSON catalog.

A source answers two questions, with the same rules everywhere: does this
image id exist, and which is the newest *active* image carrying *all* of
these tags.
"""

import abc

from trove_datastore.conf import CONF
from trove_datastore import exception

_SOURCE = None


class ImageSource(metaclass=abc.ABCMeta):

    @abc.abstractmethod
    def get(self, image_id):
        """The image (a dict with at least ``id``), or ImageNotFound."""

    @abc.abstractmethod
    def find_by_tags(self, tags):
        """The newest active image carrying every tag, or None."""

    def check(self, image_id=None, tags=None):
        """Validate what a version names: the id if given, else the tags.

        Returns the id of the image that would be used now.
        """
        if image_id:
            image = self.get(image_id)
            # Like the tags, an id names an image a guest can boot now.
            if image.get('status', 'active') != 'active':
                raise exception.ImageNotActive(uuid=image_id,
                                               status=image.get('status'))
            return image['id']
        if tags:
            image = self.find_by_tags(tags)
            if image is None:
                raise exception.ImageNotFoundByTags(tags=list(tags))
            return image['id']
        raise exception.ImageRequired()


def newest_with_tags(images, tags):
    """Pick the newest active image carrying all ``tags`` from dicts."""
    wanted = set(tags)
    matches = [image for image in images
               if image.get('status') == 'active'
               and wanted.issubset(image.get('tags') or ())]
    if not matches:
        return None
    # created_at is ISO 8601, so text order is time order; the id breaks
    # ties deterministically.
    return max(matches, key=lambda i: (i.get('created_at') or '', i['id']))


def get_source():
    global _SOURCE
    if _SOURCE is None:
        if CONF.image.source == 'glance':
            from trove_datastore.images import glance
            _SOURCE = glance.GlanceImageSource(CONF)
        else:
            from trove_datastore.images import file as file_source
            _SOURCE = file_source.FileImageSource(CONF.image.catalog_file)
    return _SOURCE


def set_source(source):
    """Replace the source (tests and tools); ``None`` rebuilds from config."""
    global _SOURCE
    _SOURCE = source
