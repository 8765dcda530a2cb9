"""Pure builders of response documents, one module per resource."""

from urllib import parse

import pecan


def links(resource, ident, project_id):
    """Trove's self and bookmark links, on the scheme and host the client
    used."""
    host = pecan.request.host_url
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
             'href': '%s%s?%s' % (request.host_url, request.path,
                                  parse.urlencode(params))}]


def timestamp(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S') if value else None


def paged(key, items, marker):
    document = {key: items}
    if marker is not None:
        document['links'] = next_link(marker)
    return document
