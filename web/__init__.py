"""The jixiao web application (Django project).

``web`` imports :mod:`jixiao`, never the reverse: the domain core stays importable and
testable without Django. Settings live in :mod:`web.settings`; run management commands with
``python -m web COMMAND`` (or ``python web/manage.py COMMAND``).
"""
