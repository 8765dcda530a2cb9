"""``.. unsafe-parameters:: ENGINE``: the unsafe parameters of one engine
(postgresql, mariadb or mysql) as a table, read from
trove_datastore.rules_safety, so that the page lists exactly what the
loader refuses."""

from docutils import nodes
from docutils.parsers import rst
from docutils.statemachine import StringList

from trove_datastore import rules_safety


def _cell(text):
    return text.replace('|', '/')


class UnsafeParameters(rst.Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        key = self.arguments[0]
        if key not in rules_safety.ENGINES:
            raise self.error('unknown engine %r; one of %s'
                             % (key, ', '.join(sorted(rules_safety.ENGINES))))
        lines = ['Source: %s.' % rules_safety.ENGINE_DOCS[key], '',
                 '.. list-table::', '   :header-rows: 1',
                 '   :widths: 30 40 30', '',
                 '   * - Parameter', '     - Why it is unsafe',
                 '     - Documentation section']
        for entry in rules_safety.entries(key):
            lines += ['   * - ``%s``' % entry.name,
                      '     - %s' % _cell(entry.reason),
                      '     - %s' % _cell(entry.section)]
        node = nodes.section()
        node.document = self.state.document
        self.state.nested_parse(StringList(
            lines, source='rules_safety'), self.content_offset, node)
        return node.children


class ReviewedSafe(rst.Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        reviewed = rules_safety.REVIEWED_SAFE[self.arguments[0]]
        lines = []
        for name in sorted(reviewed):
            lines += ['``%s``' % name, '   %s' % reviewed[name], '']
        node = nodes.section()
        node.document = self.state.document
        self.state.nested_parse(StringList(
            lines, source='rules_safety'), self.content_offset, node)
        return node.children


def setup(app):
    app.add_directive('unsafe-parameters', UnsafeParameters)
    app.add_directive('reviewed-safe-parameters', ReviewedSafe)
    return {'parallel_read_safe': True, 'version': '1.0'}
