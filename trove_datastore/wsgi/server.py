"""gunicorn inside trove-datastore-api.

The console script runs gunicorn's arbiter in its own process: the
settings of ``trove_datastore.wsgi.gunicorn_conf`` (request limits,
timeouts, JSON error pages), ``[api] workers``, ``threads`` and
``backlog`` from trove.conf, and a listening socket the script bound
itself (so a busy port is one line naming the address, before gunicorn
starts).

Signals are gunicorn's: SIGTERM stops accepting and lets requests in
flight finish (up to ``graceful_timeout``); SIGHUP reads the
configuration files again and replaces the workers (the address stays
the one bound at start).
"""

import multiprocessing
import socket

from gunicorn.app import base
from gunicorn.http import wsgi as gunicorn_wsgi

from trove_datastore.wsgi import gunicorn_conf

SERVER_NAME = 'trove-datastore'

# gunicorn writes "Server: gunicorn" on every answer; ours names the
# service only.
gunicorn_wsgi.SERVER = SERVER_NAME


def workers(conf):
    """[api] workers, or the number of CPUs."""
    return conf.api.workers or multiprocessing.cpu_count()


def listen(host, port, backlog):
    """A listening TCP socket; OSError (address in use...) as is."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class Server(base.BaseApplication):
    """gunicorn serving the API from ``load_app`` on ``sock``."""

    def __init__(self, conf, sock, load_app):
        self.conf = conf
        # gunicorn owns (and closes) the descriptor from here on.
        self.fd = sock.detach()
        self.load_app = load_app
        self.loaded = False
        super().__init__(prog='trove-datastore-api')

    def load_config(self):
        if self.loaded:
            # SIGHUP: the files again, for the new workers.
            self.conf.reload_config_files()
        self.loaded = True
        for name in self.cfg.settings:
            value = getattr(gunicorn_conf, name, None)
            if value is not None and name not in ('bind', 'workers'):
                self.cfg.set(name, value)
        self.cfg.set('bind', ['fd://%d' % self.fd])
        self.cfg.set('workers', workers(self.conf))
        self.cfg.set('threads', self.conf.api.threads)
        self.cfg.set('worker_class', 'gthread')
        self.cfg.set('backlog', self.conf.api.backlog)
        self.cfg.set('proc_name', 'trove-datastore-api')
        if 'control_socket_disable' in self.cfg.settings:
            # gunicorn >= 24 would open a control socket in $HOME, one path
            # for every instance of the service on the host.
            self.cfg.set('control_socket_disable', True)

    def load(self):
        # In each worker, after the fork: its own engine and connections.
        return self.load_app()

    def serve_forever(self):
        self.run()
