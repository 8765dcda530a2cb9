"""Pure builders of response documents, one module per resource."""

from urllib import parse

import pecan

from trove_datastore.conf import CONF


def base_url(request=None):
    """Where the API is as the client sees it: ``[api] public_endpoint``,
    else the request's scheme and host and the path it is mounted under
    (the WSGI server's mount point, and a proxy's X-Forwarded-Prefix,
    which oslo.middleware's proxy headers parsing adds to it)."""
    if CONF.api.public_endpoint:
        return CONF.api.public_endpoint.rstrip('/')
    request = request or pecan.request
    return request.host_url + request.script_name.rstrip('/')


def links(resource, ident, project_id):
    """Trove's self and bookmark links, on the scheme and host the client
    used."""
    host = base_url()
    return [
        {'href': '%s/v1.0/%s/%s/%s' % (host, project_id, resource, ident),
         'rel': 'self'},
        {'href': '%s/%s/%s' % (host, resource, ident), 'rel': 'bookmark'},
    ]


def next_link(marker):
    """The ``next`` link of a page: the request's URL with a new marker."""
    request = pecan.request
    params = [(k, v) for k, v in request.GET.items() if k != 'marker']
    params.append(('marker', marker))
    return [{'rel': 'next',
             'href': '%s%s?%s' % (base_url(request), request.path_info,
                                  parse.urlencode(params))}]


def timestamp(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S') if value else None


def paged(key, items, marker):
    document = {key: items}
    if marker is not None:
        document['links'] = next_link(marker)
    return document
