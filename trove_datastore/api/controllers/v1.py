"""``/v1.0/{project_id}``: the resources of one project."""

import pecan

from trove_datastore.api.controllers import configurations
from trove_datastore.api.controllers import datastores
from trove_datastore.api.controllers import mgmt
from trove_datastore.api import method


class ProjectController(object):

    def __init__(self, project_id):
        self.project_id = project_id
        self.datastores = datastores.DatastoresController()
        self.mgmt = mgmt.MgmtController()
        self.configurations = configurations.ConfigurationsController()

    @pecan.expose()
    def index(self, *args, **kwargs):
        method.not_found()
