"""What the import machinery tells the apps (it knows no domain).

`import_applied` is sent on commit after an import has written its rows
(sender: the importer's name), so that apps that derive data from what was
imported (curricula: dynamic audiences) can follow bulk writes, which send no
post_save.
"""

from django.dispatch import Signal

import_applied = Signal()
