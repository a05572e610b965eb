"""Generic import/export machinery (no domain rules).

Apps declare importers (``lms.imports.base``) for their models and register
them in their AppConfig.ready(); this package reads the files, runs the
importers atomically, reports every error by row and column, records each run
as an ImportJob and runs large files as background tasks.
"""
