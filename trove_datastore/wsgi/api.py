"""WSGI entry for gunicorn, uwsgi or mod_wsgi.

``gunicorn 'trove_datastore.wsgi.api:application'`` reads its configuration
from the files named by the TROVE_CONFIG_FILE environment variable
(default /etc/trove/trove.conf).
"""

import sys

from trove_datastore.api import app
from trove_datastore import service

# What gunicorn's master reads as "the application cannot load": it stops
# instead of starting new workers that would fail the same way.
EXIT_APP_LOAD_ERROR = 4


def init_application():
    try:
        service.prepare(
            default_config_files=service.config_files_from_environment())
        return app.load_app()
    except app.NotConfigured as error:
        print('trove-datastore: %s' % error, file=sys.stderr, flush=True)
    except SystemExit as error:
        if not isinstance(error.code, str):
            raise
        # No configuration or no database: the one line prepare wrote.
        print(error.code, file=sys.stderr, flush=True)
    sys.exit(EXIT_APP_LOAD_ERROR)


application = init_application()
