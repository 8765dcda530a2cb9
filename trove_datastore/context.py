"""Request context: who calls, for which project, with which database."""

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade

from trove_datastore import policy


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):

    def can(self, rule, target=None, fatal=True):
        """Whether the policy ``rule`` allows this caller on ``target``.

        The default target is the caller's own project.
        """
        if target is None:
            target = {'project_id': self.project_id,
                      'tenant': self.project_id}
        return policy.authorize(self, rule, target, do_raise=fatal)


def get_admin_context():
    """A context for trove-manage: an admin acting on no project."""
    return RequestContext(is_admin=True, roles=['admin'],
                          overwrite=False)
