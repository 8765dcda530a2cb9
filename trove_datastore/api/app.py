"""The WSGI application: Pecan inside the middleware an operator expects."""

from keystoneauth1 import loading as ks_loading
from keystonemiddleware import auth_token
from oslo_log import log as logging
from oslo_middleware import cors
from oslo_middleware import healthcheck
from oslo_middleware.healthcheck import opts as healthcheck_opts
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import pecan

from trove_datastore.api import audit
from trove_datastore.api import auth
from trove_datastore.api import body_limit
from trove_datastore.api import etag
from trove_datastore.api import fault
from trove_datastore.api import hooks
from trove_datastore.api import openapi
from trove_datastore.api import plain_get
from trove_datastore.conf import CONF
from trove_datastore.db import api as db_api

LOG = logging.getLogger(__name__)

_ROOT = 'trove_datastore.api.controllers.root.RootController'

# The database backend is trove_datastore.api.health (entry point
# oslo.middleware.healthcheck: database).
HEALTHCHECK_BACKENDS = ['database']

AUTHTOKEN_GROUP = 'keystone_authtoken'


def setup_pecan():
    return pecan.make_app(
        _ROOT,
        hooks=[hooks.ContextHook(), audit.AuditHook(), hooks.ErrorHook()],
        force_canonical=False,
        guess_content_type_from_ext=False,
        debug=False,
        logging={})


class NotConfigured(Exception):
    """The configuration cannot serve any request; refuse to start."""


def check_keystone_configured(conf):
    """Without credentials in [keystone_authtoken], keystonemiddleware
    starts and then fails every request; say so once, at start."""
    ks_loading.register_auth_conf_options(conf, AUTHTOKEN_GROUP)
    group = conf[AUTHTOKEN_GROUP]
    if not (group.auth_type or group.auth_section):
        raise NotConfigured(
            '[api] auth_strategy = keystone, but [%s] has no auth_type: '
            'configure [%s] (see the Keystone section of the install '
            'guide) or set auth_strategy = noauth for development.'
            % (AUTHTOKEN_GROUP, AUTHTOKEN_GROUP))


def make_app(conf=CONF):
    """Build the whole WSGI stack from the loaded configuration."""
    application = etag.Conditional(setup_pecan())
    if conf.api.auth_strategy == 'keystone':
        authenticated = auth_token.AuthProtocol(
            application, {'oslo_config_config': conf})
    else:
        LOG.warning('Authentication is off (auth_strategy = noauth): every '
                    'request without a token is an administrator.')
        authenticated = auth.NoAuthMiddleware(application)
    application = auth.PathDispatch(authenticated, {
        '': application, '/': application,
        '/v1.0': application, '/v1.0/': application,
        openapi.PATH: openapi.application})
    application = body_limit.BodyLimit(application)
    application = fault.FaultWrapper(application)
    # The health check answers in oslo.middleware's formats (text or
    # JSON) that load balancers expect, so outside the fault formatter.
    application = auth.PathDispatch(application, {
        '/healthcheck': healthcheck.Healthcheck(None, conf)})
    full = cors.CORS(application, conf)
    full = request_id.RequestId(full, conf)
    full = http_proxy_to_wsgi.HTTPProxyToWSGI(full, conf)
    # A plain GET gets the same from a middleware without WebOb.
    return plain_get.PlainGet(application, full, conf)


def set_middleware_defaults(conf=CONF):
    """Defaults that differ from oslo.middleware's own."""
    # Links follow the scheme a TLS-terminating proxy says the client used.
    conf.register_opts(http_proxy_to_wsgi.OPTS, group='oslo_middleware')
    conf.set_default('enable_proxy_headers_parsing', True,
                     group='oslo_middleware')
    # /healthcheck fails while the database is unreachable.
    conf.register_opts(healthcheck_opts.HEALTHCHECK_OPTS,
                       group='healthcheck')
    conf.set_default('backends', HEALTHCHECK_BACKENDS, group='healthcheck')
    cors.set_defaults(
        allow_headers=['X-Auth-Token', 'X-Openstack-Request-Id',
                       'Content-Type'],
        expose_headers=['X-Openstack-Request-Id'],
        allow_methods=['GET', 'PUT', 'POST', 'DELETE', 'PATCH'])


def load_app(conf=CONF):
    """Configure the database and build the application (WSGI entry)."""
    if conf.api.auth_strategy == 'keystone':
        check_keystone_configured(conf)
    set_middleware_defaults(conf)
    db_api.configure(conf)
    return make_app(conf)
