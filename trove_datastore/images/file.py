"""A local image catalog in the shape of Glance's ``GET /v2/images``."""

import json
import os
import threading

from oslo_log import log as logging

from trove_datastore import exception
from trove_datastore import images

LOG = logging.getLogger(__name__)


class FileImageSource(images.ImageSource):
    """Reads ``{"images": [{"id", "name", "tags", "status", "created_at"}]}``.

    The file is read again whenever it changes, so adding an image to the
    catalog is picked up without a restart.
    """

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self._stamp = None
        self._images = []

    def _load(self):
        try:
            stat = os.stat(self.path)
        except OSError as error:
            raise exception.ImageServiceUnavailable(
                reason='image catalog %s cannot be read (%s)'
                       % (self.path, error.strerror))
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if stamp != self._stamp:
                try:
                    with open(self.path, encoding='utf-8') as catalog:
                        document = json.load(catalog)
                    loaded = [i for i in document['images']
                              if isinstance(i, dict) and 'id' in i]
                except (OSError, ValueError, KeyError, TypeError) as error:
                    LOG.error('Image catalog %s is not usable: %s',
                              self.path, error)
                    raise exception.ImageServiceUnavailable(
                        reason='image catalog %s is not valid JSON of the '
                               'form {"images": [...]}' % self.path)
                self._images = loaded
                self._stamp = stamp
            return self._images

    def get(self, image_id):
        for image in self._load():
            if image['id'] == image_id:
                return image
        raise exception.ImageNotFound(uuid=image_id)

    def find_by_tags(self, tags):
        return images.newest_with_tags(self._load(), tags)
