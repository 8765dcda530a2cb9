"""trove-datastore-api: the API served by gunicorn, embedded.

Workers and threads come from ``[api] workers`` and ``threads``;
SIGTERM finishes the requests in flight, SIGHUP reloads the
configuration (see trove_datastore.wsgi.server). Deployments that run
their own gunicorn or uwsgi serve ``trove_datastore.wsgi.api:application``
instead.
"""

import sys

from oslo_log import log as logging

from trove_datastore.api import app
from trove_datastore.conf import CONF
from trove_datastore import service
from trove_datastore.wsgi import server as wsgi_server

LOG = logging.getLogger(__name__)


def bind_host(conf):
    """[DEFAULT] bind_host, or the default of the auth strategy: an
    unauthenticated API listens on loopback unless told otherwise."""
    if conf.bind_host:
        return conf.bind_host
    return '127.0.0.1' if conf.api.auth_strategy == 'noauth' else '0.0.0.0'


def main(argv=None):
    service.prepare(sys.argv[1:] if argv is None else argv,
                    prog='trove-datastore-api')
    try:
        # Once here so a configuration that cannot serve stops the command
        # with one line; each worker loads its own after the fork.
        app.load_app()
    except app.NotConfigured as error:
        raise SystemExit('trove-datastore-api: %s' % error)
    host = bind_host(CONF)
    try:
        sock = wsgi_server.listen(host, CONF.bind_port, CONF.api.backlog)
    except OSError as error:
        # One line naming the address (port in use, address not local...)
        # rather than a traceback.
        raise SystemExit('trove-datastore-api: cannot listen on %s:%s: %s '
                         '(see [DEFAULT] bind_host and bind_port)'
                         % (host, CONF.bind_port,
                            error.strerror or error))
    LOG.info('trove-datastore API listening on http://%s:%s/ '
             '(%d workers, %d threads each)', host, CONF.bind_port,
             wsgi_server.workers(CONF), CONF.api.threads)
    wsgi_server.Server(CONF, sock, app.load_app).run()
    return 0


if __name__ == '__main__':
    sys.exit(main())
