"""Images from Glance v2, with trove-datastore's service credentials."""

from glanceclient import client as glance_client
from glanceclient import exc as glance_exc
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from oslo_log import log as logging

from trove_datastore.conf import service_credentials
from trove_datastore import exception
from trove_datastore import images

LOG = logging.getLogger(__name__)

# glanceclient reports a timed-out request as InvalidEndpoint.
_UNAVAILABLE = (ks_exc.ClientException, glance_exc.CommunicationError,
                glance_exc.InvalidEndpoint,
                glance_exc.HTTPServiceUnavailable,
                glance_exc.HTTPInternalServerError, glance_exc.HTTPBadGateway,
                glance_exc.HTTPUnauthorized, glance_exc.HTTPForbidden,
                OSError)


class GlanceImageSource(images.ImageSource):

    def __init__(self, conf):
        self.conf = conf
        self._client = None

    def _get_client(self):
        if self._client is None:
            group = service_credentials.GROUP
            auth = ks_loading.load_auth_from_conf_options(self.conf, group)
            # The timeout belongs to the session: glanceclient hands its
            # keyword arguments to a keystoneauth Adapter, which has none.
            session = ks_loading.load_session_from_conf_options(
                self.conf, group, auth=auth,
                timeout=(self.conf.service_credentials.timeout
                         or self.conf.image.timeout))
            self._client = glance_client.Client(
                '2', session=session,
                endpoint_override=self.conf.image.glance_endpoint,
                service_type=self.conf.image.glance_service_type,
                interface=self.conf.image.glance_interface,
                region_name=self.conf.service_credentials.region_name)
        return self._client

    def _unavailable(self, error):
        LOG.warning('Glance request failed: %s', error)
        return exception.ImageServiceUnavailable(
            reason='Glance did not answer (%s)' % type(error).__name__)

    def get(self, image_id):
        try:
            image = self._get_client().images.get(image_id)
        except glance_exc.HTTPNotFound:
            raise exception.ImageNotFound(uuid=image_id)
        except glance_exc.HTTPBadRequest:
            raise exception.ImageNotFound(uuid=image_id)
        except _UNAVAILABLE as error:
            raise self._unavailable(error)
        return {'id': image['id'], 'status': image.get('status'),
                'tags': list(image.get('tags') or ()),
                'created_at': image.get('created_at')}

    def find_by_tags(self, tags):
        try:
            found = list(self._get_client().images.list(
                filters={'tag': list(tags), 'status': 'active'},
                sort='created_at:desc', limit=1))
        except _UNAVAILABLE as error:
            raise self._unavailable(error)
        candidates = [{'id': i['id'], 'status': i.get('status'),
                       'tags': list(i.get('tags') or ()),
                       'created_at': i.get('created_at')} for i in found]
        # Glance keeps only the last tag filter on pages after the first,
        # so the result is checked again here.
        return images.newest_with_tags(candidates, tags)
