"""Configuration parameter rules (filled in by the configuration work)."""

import pecan

from trove_datastore.api import method


class ParametersController(object):

    def __init__(self, datastore=None, version=None, version_id=None):
        self.datastore = datastore
        self.version = version
        self.version_id = version_id

    @pecan.expose()
    def index(self, *args, **kwargs):
        method.not_found()


class MgmtParametersController(object):

    def __init__(self, version_id):
        self.version_id = version_id

    @pecan.expose()
    def index(self, *args, **kwargs):
        method.not_found()
