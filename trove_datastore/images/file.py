"""A local image catalog in the shape of Glance's ``GET /v2/images``."""

import datetime
import json
import os
import threading

from oslo_log import log as logging
from oslo_utils import timeutils

from trove_datastore import exception
from trove_datastore import images

LOG = logging.getLogger(__name__)


def usable_images(entries, path):
    """The catalog's entries that can be used, each a copy with
    ``created_at`` in one UTC form (so text order is time order); every
    other entry is skipped with a warning naming it."""
    usable = []
    for position, entry in enumerate(entries):
        problem = _problem(entry)
        if problem:
            name = entry.get('id') if isinstance(entry, dict) else None
            LOG.warning('Image catalog %s: entry %d (id %r) skipped: %s.',
                        path, position, name, problem)
            continue
        image = dict(entry)
        image['created_at'] = _utc_text(entry.get('created_at'))
        usable.append(image)
    return usable


def _problem(entry):
    """What makes a catalog entry unusable, or None."""
    if not isinstance(entry, dict):
        return 'not an object'
    if not isinstance(entry.get('id'), str) or not entry['id']:
        return 'id is not a non-empty string'
    tags = entry.get('tags', [])
    if not (isinstance(tags, list)
            and all(isinstance(tag, str) for tag in tags)):
        return 'tags is not a list of strings'
    if not isinstance(entry.get('status', ''), str):
        return 'status is not a string'
    created = entry.get('created_at')
    if created is not None and _utc_text(created) is None:
        return 'created_at is not an ISO 8601 time'
    return None


def _utc_text(value):
    """``value`` (ISO 8601 text) as UTC ``YYYY-MM-DDTHH:MM:SS.ffffffZ``;
    None when absent or not a time."""
    if not isinstance(value, str):
        return None
    try:
        moment = timeutils.parse_isotime(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


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
                    entries = document['images']
                    if not isinstance(entries, list):
                        raise TypeError('"images" is not a list')
                except (OSError, ValueError, KeyError, TypeError) as error:
                    LOG.error('Image catalog %s is not usable: %s',
                              self.path, error)
                    raise exception.ImageServiceUnavailable(
                        reason='image catalog %s is not valid JSON of the '
                               'form {"images": [...]}' % self.path)
                self._images = usable_images(entries, self.path)
                self._stamp = stamp
            return self._images

    def get(self, image_id):
        for image in self._load():
            if image['id'] == image_id:
                return image
        raise exception.ImageNotFound(uuid=image_id)

    def find_by_tags(self, tags):
        return images.newest_with_tags(self._load(), tags)
