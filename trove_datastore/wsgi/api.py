"""WSGI entry for gunicorn, uwsgi or mod_wsgi.

``gunicorn 'trove_datastore.wsgi.api:application'`` reads its configuration
from the files named by the TROVE_CONFIG_FILE environment variable
(default /etc/trove/trove.conf).
"""

from trove_datastore.api import app
from trove_datastore import service


def init_application():
    service.prepare(
        default_config_files=service.config_files_from_environment())
    return app.load_app()


application = init_application()
