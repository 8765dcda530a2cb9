"""Sphinx configuration of the trove-datastore release notes (reno)."""

project = 'trove-datastore Release Notes'
copyright = 'trove-datastore developers'
author = 'trove-datastore developers'

extensions = ['reno.sphinxext']
master_doc = 'index'
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_static_path = ['_static']
