from django_tasks import task

from courses.models import MaterialVersion
from support.services import material_version_notify


@task()
def material_version_notify_task(version_id: int) -> int:
    """E-mail a new version's audience (once each); returns how many were sent."""
    version = MaterialVersion.objects.filter(pk=version_id).first()
    return 0 if version is None else material_version_notify(version=version)
