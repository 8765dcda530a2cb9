"""Sphinx configuration of the trove-datastore documentation.

The configuration and policy references, their samples and the
trove-manage reference are generated from the code at build time; the
admin guide's command outputs come from tools/docs/walkthrough.py.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, '_ext'))
sys.path.insert(0, REPO)

project = 'trove-datastore'
copyright = 'trove-datastore developers'
author = 'trove-datastore developers'

extensions = [
    'oslo_config.sphinxext',
    'oslo_config.sphinxconfiggen',
    'oslo_policy.sphinxext',
    'oslo_policy.sphinxpolicygen',
    'reno.sphinxext',
    'manage_reference',
    'unsafe_parameters',
]

# Samples written into _static at build time, offered for download.
config_generator_config_file = os.path.join(
    REPO, 'etc', 'trove', 'trove-config-generator.conf')
sample_config_basename = '_static/trove'
policy_generator_config_file = os.path.join(
    REPO, 'etc', 'trove', 'trove-policy-generator.conf')
sample_policy_basename = '_static/trove'

# reno reads the notes from the git history of the checkout.
reno_config = {}

master_doc = 'index'
exclude_patterns = ['_build', 'admin/_generated/*']
pygments_style = 'sphinx'
html_theme = 'alabaster'
html_static_path = ['_static']
html_theme_options = {
    'description': 'A datastore catalog speaking Trove\'s v1.0 API',
    'fixed_sidebar': True,
}
html_sidebars = {'**': ['about.html', 'navigation.html', 'searchbox.html']}
