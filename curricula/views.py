"""The learner's notifications page on the site."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import ListView

from curricula.permissions import notifications_visible_to
from curricula.selectors import notification_list
from curricula.services import notification_mark_read


class NotificationListView(LoginRequiredMixin, ListView):
    """The signed-in person's own notices, newest first."""

    template_name = "curricula/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return notification_list(queryset=notifications_visible_to(self.request.user))


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one of one's own notices read; anyone else's is a 404."""

    def post(self, request, pk):
        notification = get_object_or_404(
            notifications_visible_to(request.user).select_related("person"), pk=pk
        )
        notification_mark_read(notification=notification, actor=request.user)
        return redirect("notifications")
