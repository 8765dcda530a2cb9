"""trove-datastore-api: the API on a simple threaded WSGI server.

For development and small installations; production deployments serve
``trove_datastore.wsgi.api:application`` with gunicorn or uwsgi.
"""

import socketserver
import sys
from wsgiref import simple_server

from oslo_log import log as logging

from trove_datastore.api import app
from trove_datastore.conf import CONF
from trove_datastore import service

LOG = logging.getLogger(__name__)


class _ThreadingServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


class _QuietHandler(simple_server.WSGIRequestHandler):

    def log_message(self, format, *args):
        LOG.info('%s %s', self.address_string(), format % args)


def main(argv=None):
    service.prepare(sys.argv[1:] if argv is None else argv,
                    default_config_files=service.config_files_from_environment())
    application = app.load_app()
    server = simple_server.make_server(
        CONF.bind_host, CONF.bind_port, application,
        server_class=_ThreadingServer, handler_class=_QuietHandler)
    LOG.info('trove-datastore API listening on http://%s:%s/',
             CONF.bind_host, CONF.bind_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
