"""The route table, derived from the operations the controllers declare
with :func:`trove_datastore.api.method.operation`, and the dispatch the
root controller routes every ``/v1.0/{project_id}/...`` request by.

The OpenAPI document (:mod:`trove_datastore.api.openapi`) and the policy
rules' ``operations`` (:mod:`trove_datastore.policies`) are derived from
the same table, so none of them can drift from what the app serves.
"""

from trove_datastore.api.controllers import configurations
from trove_datastore.api.controllers import datastores
from trove_datastore.api.controllers import mgmt
from trove_datastore.api.controllers import parameters
from trove_datastore.api import method

PREFIX = '/v1.0/{project_id}'
METHODS = ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')
PAGED = method.PAGED

# In the order the table (and the OpenAPI document) lists them.
CONTROLLERS = (datastores, parameters, mgmt, configurations)

Route = method.Operation


def _declared():
    for module in CONTROLLERS:
        for value in vars(module).values():
            yield from getattr(value, 'operations', ())


ROUTES = tuple(_declared())


def paths():
    """Every path template, in table order, once."""
    return list(dict.fromkeys(route.path for route in ROUTES))


def methods_of(path):
    return [route.method for route in ROUTES if route.path == path]


def parameters_of(path):
    """The names of a template's path parameters, in order."""
    return [segment[1:-1] for segment in path.split('/')
            if segment.startswith('{') and segment.endswith('}')]


def operations_of(rule):
    """oslo.policy's ``operations`` of a rule: where it is checked."""
    return [{'method': route.method, 'path': PREFIX + route.path}
            for route in ROUTES if route.rule == rule]


# The compiled table: a tree of path segments. A node is
# [literal children, the child for any one non-empty segment, {method:
# (route, parameter names)}]. A literal beats a parameter at the same
# place and there is no backtracking, as with Pecan's object dispatch
# this replaced: /datastores/versions/{id} shadows a datastore named
# "versions".
_LITERALS, _ANY, _METHODS = range(3)


def _compile(routes):
    tree = [{}, None, {}]
    for route in routes:
        node = tree
        for segment in route.path.strip('/').split('/'):
            if segment.startswith('{'):
                if node[_ANY] is None:
                    node[_ANY] = [{}, None, {}]
                node = node[_ANY]
            else:
                node = node[_LITERALS].setdefault(segment, [{}, None, {}])
        node[_METHODS][route.method] = (route, parameters_of(route.path))
    return tree


_TREE = _compile(ROUTES)


def match(http_method, segments):
    """``(route, {parameter: value})`` serving ``http_method`` on the path
    segments after ``/v1.0/{project_id}`` (one trailing slash allowed),
    or None."""
    if len(segments) > 1 and segments[-1] == '':
        segments = segments[:-1]
    node = _TREE
    values = []
    for segment in segments:
        child = node[_LITERALS].get(segment)
        if child is None:
            child = node[_ANY]
            if child is None or not segment:
                return None
            values.append(segment)
        node = child
    found = node[_METHODS].get(http_method)
    if found is None:
        return None
    route, names = found
    return route, dict(zip(names, values, strict=True))
