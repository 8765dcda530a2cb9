"""gunicorn entry point for Keystone.

Keystone hands sys.argv to oslo.config, which rejects gunicorn's own flags
(--bind, --workers, ...) and makes every worker exit with status 2 before it
logs anything. Only the program name is kept; the config file comes from
OS_KEYSTONE_CONFIG_FILES, set by start.sh.
"""
import sys

sys.argv[1:] = []

from keystone.server import wsgi as keystone_wsgi  # noqa: E402

application = keystone_wsgi.initialize_public_application()
