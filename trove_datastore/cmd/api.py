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

SERVER_NAME = 'trove-datastore'


class _ThreadingServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


class _QuietHandler(simple_server.WSGIRequestHandler):

    # The Server header names the service, not the Python and wsgiref
    # versions under it (for the server's own answers here, for the
    # application's in _named).
    def version_string(self):
        return SERVER_NAME

    def log_message(self, format, *args):
        LOG.info('%s %s', self.address_string(), format % args)


def _named(application):
    """``application`` with a Server header of our own, which wsgiref
    then does not replace with its own."""
    def named(environ, start_response):
        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != 'server']
            return start_response(status, headers + [('Server',
                                                      SERVER_NAME)],
                                  exc_info)
        return application(environ, start)
    return named


def bind_host(conf):
    """[DEFAULT] bind_host, or the default of the auth strategy: an
    unauthenticated API listens on loopback unless told otherwise."""
    if conf.bind_host:
        return conf.bind_host
    return '127.0.0.1' if conf.api.auth_strategy == 'noauth' else '0.0.0.0'


def main(argv=None):
    service.prepare(sys.argv[1:] if argv is None else argv,
                    default_config_files=service.config_files_from_environment())
    try:
        application = app.load_app()
    except app.NotConfigured as error:
        raise SystemExit('trove-datastore-api: %s' % error)
    host = bind_host(CONF)
    try:
        server = simple_server.make_server(
            host, CONF.bind_port, _named(application),
            server_class=_ThreadingServer, handler_class=_QuietHandler)
    except OSError as error:
        # One line naming the address (port in use, address not local...)
        # rather than a traceback.
        raise SystemExit('trove-datastore-api: cannot listen on %s:%s: %s '
                         '(see [DEFAULT] bind_host and bind_port)'
                         % (host, CONF.bind_port,
                            error.strerror or error))
    LOG.info('trove-datastore API listening on http://%s:%s/',
             host, CONF.bind_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
