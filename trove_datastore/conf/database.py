from oslo_config import cfg
from oslo_db import options as db_options

GROUP = 'database'

# oslo.db tries ten times, ten seconds apart, before a process's first
# query gives up: a worker started while the database is away would hold
# its first request for 100 s. Fail at once instead, as a 503; the next
# request tries again.
CHANGED_DEFAULTS = {'max_retries': 0,
                    'retry_interval': 1}

timeout_opts = [
    cfg.IntOpt('connect_timeout', default=5, min=1,
               help='Seconds to wait for a new database connection (TCP '
                    'and the login handshake) before the request is '
                    'answered 503. Applied to MySQL/MariaDB (PyMySQL '
                    'connect_timeout) and PostgreSQL (libpq '
                    'connect_timeout) URLs that do not set it '
                    'themselves.'),
    cfg.IntOpt('query_timeout', default=20, min=1,
               help='Seconds to wait for the database to answer one '
                    'statement before the request is answered 503. On '
                    'MySQL/MariaDB the read and write timeouts of the '
                    'connection; on PostgreSQL statement_timeout on the '
                    'server, TCP keepalives and tcp_user_timeout, and a '
                    'client-side wait of a few seconds more. Keep it '
                    'below the WSGI server\'s worker timeout (gunicorn: '
                    '30 s).'),
]


def register_opts(conf):
    # oslo.db owns the other [database] options (its own generator
    # namespace documents them); the defaults set here make the service
    # fail fast when the database is away. ``connection`` has no default:
    # every command refuses to start without one (service.prepare) rather
    # than create a database in its working directory.
    db_options.set_defaults(conf)
    conf.register_opts(timeout_opts, group=GROUP)
    for name in ('max_retries', 'retry_interval'):
        conf.set_default(name, CHANGED_DEFAULTS[name], group=GROUP)


def list_opts():
    return {GROUP: timeout_opts}
