"""Generic import/export machinery (no domain rules).

Apps declare importers for their models (``lms.imports.tabular`` for the
resource and its columns, ``lms.imports.importer`` for the importer) and
register them in their AppConfig.ready(); this package reads the files, runs the
importers atomically, reports every error by row and column, records each run
as an ImportJob and runs large files as background tasks.
"""
