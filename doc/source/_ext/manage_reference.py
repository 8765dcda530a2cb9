"""``.. trove-manage-commands::``: the trove-manage reference, read from
its own argument parser, so that the page lists exactly the commands,
arguments and help texts the installed code accepts."""

import argparse

from docutils import nodes
from docutils.parsers import rst
from docutils.statemachine import StringList
from sphinx.util import nested_parse_with_titles

from trove_datastore.cmd import manage


def _command_parsers():
    parser = argparse.ArgumentParser(prog='trove-manage')
    subparsers = parser.add_subparsers(dest='command')
    manage.add_command_parsers(subparsers)
    helps = {action.dest: action.help
             for action in subparsers._choices_actions}
    return [(name, helps.get(name), sub)
            for name, sub in subparsers.choices.items()]


def _argument_lines(sub):
    lines = []
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings:
            names = ', '.join(action.option_strings)
            if action.nargs != 0:
                names += ' ' + (action.metavar or action.dest.upper())
            kind = 'required option' if action.required else 'option'
        else:
            names = action.metavar or action.dest
            kind = 'positional'
        help_text = (action.help or '').replace('%%', '%')
        if action.choices and not action.option_strings and \
                not action.metavar:
            help_text += ' One of: %s.' % ', '.join(action.choices)
        lines += ['``%s``' % names,
                  '   (%s) %s' % (kind, help_text or 'No description.'), '']
    return lines


class TroveManageCommands(rst.Directive):
    has_content = False

    def run(self):
        lines = []
        for name, help_text, sub in _command_parsers():
            usage = sub.format_usage().replace('usage: ', '').strip()
            usage = usage.replace('trove-manage',
                                  'trove-manage [--config-file FILE]', 1)
            lines += [name, '-' * len(name), '',
                      (help_text or '').replace('%%', '%'), '',
                      '.. code-block:: console', '',
                      '   $ ' + ' '.join(usage.split()), '']
            arguments = _argument_lines(sub)
            if arguments:
                lines += arguments
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(
            lines, source='trove-manage parser'), node)
        return node.children


def setup(app):
    app.add_directive('trove-manage-commands', TroveManageCommands)
    return {'parallel_read_safe': True, 'version': '1.0'}
