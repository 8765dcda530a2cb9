"""Configuration groups (filled in by the configuration work)."""

import pecan

from trove_datastore.api import method


class ConfigurationsController(object):

    @pecan.expose()
    def index(self, *args, **kwargs):
        method.not_found()
