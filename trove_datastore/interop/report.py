"""What an import or a publish did, or would do, in words."""

KINDS = ('datastores', 'versions', 'rules', 'groups')


class Report(object):
    """Counts of added/changed/unchanged/removed rows per kind, and one
    line for every row that was adjusted, refused or left alone."""

    def __init__(self, verb):
        self.verb = verb
        self.counts = {kind: {'added': 0, 'changed': 0, 'unchanged': 0,
                              'removed': 0} for kind in KINDS}
        self.adjusted = []
        self.refused = []
        self.left_alone = []
        self.details = []

    def count(self, kind, outcome, number=1):
        self.counts[kind][outcome] += number

    @property
    def changes(self):
        return sum(c['added'] + c['changed'] + c['removed']
                   for c in self.counts.values())

    def lines(self, dry_run):
        lines = []
        for kind in KINDS:
            count = self.counts[kind]
            text = '%d added, %d changed, %d unchanged' % (
                count['added'], count['changed'], count['unchanged'])
            if count['removed']:
                text += ', %d removed' % count['removed']
            lines.append('%s %s: %s' % (self.verb, kind, text))
        changes = [('Changes', self.details)] if dry_run else []
        for title, items in changes + [('Adjusted', self.adjusted),
                             ('Refused', self.refused),
                             ('Left alone', self.left_alone)]:
            if items:
                lines.append('%s (%d):' % (title, len(items)))
                lines.extend('  - %s' % item for item in items)
        if not self.changes:
            lines.append('Nothing to change: already in step.')
        elif dry_run:
            lines.append('Dry run: nothing was written.')
        return lines


def diff(report, kind, wanted, have, fields):
    """(rows to add, {id: changed fields}) and the counts."""
    added, changed = [], {}
    for key, want in wanted.items():
        old = have.get(key)
        if old is None:
            added.append(want)
            report.details.append('add %s %s' % (kind[:-1], key_text(key)))
            continue
        delta = {f: want[f] for f in fields if old[f] != want[f]}
        if delta:
            changed[key] = delta
            report.details.append('change %s %s: %s' % (
                kind[:-1], key_text(key), ', '.join(sorted(delta))))
    report.count(kind, 'added', len(added))
    report.count(kind, 'changed', len(changed))
    report.count(kind, 'unchanged',
                 len(wanted) - len(added) - len(changed))
    return added, changed


def key_text(key):
    return '/'.join(key) if isinstance(key, tuple) else key
