"""The drift check of ``trove-datastore-status upgrade check``: what
differs between this catalog and the Trove database of [trove] connection
(what ``trove-manage publish_to_trove`` would change there)."""

from oslo_upgradecheck import upgradecheck

from trove_datastore.conf import CONF
from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.interop import trove_publish

Code = upgradecheck.Code
Result = upgradecheck.Result
# How many differences the result names before summarising the rest.
SHOWN = 10


def check():
    url = CONF.trove.connection
    if not url:
        return Result(Code.SUCCESS, 'No [trove] connection: not checked.')
    try:
        report = trove_publish.publish_to_trove(
            td_context.get_admin_context(), url, dry_run=True)
    except exception.TroveDatastoreError as error:
        return Result(Code.FAILURE, 'The Trove database of [trove] '
                                    'connection cannot be compared: %s'
                      % error)
    if not report.changes:
        return Result(Code.SUCCESS)
    counts = []
    for kind, count in report.counts.items():
        found = ['%d to %s' % (count[outcome], verb)
                 for outcome, verb in (('added', 'add'), ('changed', 'change'),
                                       ('removed', 'remove'))
                 if count[outcome]]
        if found:
            counts.append('%s %s' % (kind, ', '.join(found)))
    shown = '; '.join(report.details[:SHOWN])
    if len(report.details) > SHOWN:
        shown += '; and %d more' % (len(report.details) - SHOWN)
    return Result(
        Code.WARNING,
        'The Trove database of [trove] connection differs from this '
        'catalog: %s (%s). "trove-manage publish_to_trove --connection URL '
        '--dry-run" lists every difference; without --dry-run it brings '
        'Trove in step.' % ('; '.join(counts), shown))
