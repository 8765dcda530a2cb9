"""Names as every database engine compares them alike.

MariaDB compares text with PAD SPACE (``'mysql '`` equals ``'mysql'``),
SQLite and PostgreSQL do not; and a name typed on one system can arrive
in Unicode NFC form (``'é'``) or NFD form (``'e'`` and a combining
accent), which look the same and compare different everywhere. So
names, version names and numbers, parameter names and project ids are
refused with leading or trailing whitespace or outside NFC form, rather
than stored as look-alikes that each engine would treat its own way.

Parameter names are also unique per datastore version once folded
(:func:`rule_key`), which the database enforces on a column of their
own.
"""

import unicodedata

# str.lower() can lengthen a name: 'İ' becomes two characters.
RULE_KEY_GROWTH = 2


def problem(text):
    """Why ``text`` cannot be a name or id, or None when it can."""
    if text != text.strip():
        return 'has leading or trailing whitespace'
    if not unicodedata.is_normalized('NFC', text):
        return 'is not in Unicode normalization form NFC'
    return None


def unstorable(text):
    """Why no database can store ``text``, or None when every one can."""
    if '\x00' in text:
        return 'holds a NUL character'
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        return 'holds an unpaired surrogate, which is not Unicode text'
    return None


def rule_key(name):
    """The folded form of a parameter name: two rules of one version never
    share it, and a configuration value's key finds its rule by it (in
    the same lower case that values have always matched names in)."""
    return unicodedata.normalize('NFC', name).lower()
