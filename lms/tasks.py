from django.utils import timezone
from django_tasks import task


@task()
def tasks_ping() -> str:
    """A task with no side effects: proves a worker is consuming the queue."""
    return timezone.now().isoformat()
