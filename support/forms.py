"""Site forms of the support app: input only; the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competences.models import SupportTopic
from support.models import SupportForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _topic_field():
    return forms.ModelChoiceField(
        label=_("Topic"),
        queryset=SupportTopic.objects.order_by("sort_order"),
        empty_label=_("— choose —"),
    )


def _subject_fields(form, services, resources):
    form.fields["service"] = forms.ModelChoiceField(
        label=_("Service"),
        queryset=services,
        required=False,
        empty_label=_("— none —"),
        help_text=_("The services you take part in."),
    )
    form.fields["resource"] = forms.ModelChoiceField(
        label=_("Resource"),
        queryset=resources,
        required=False,
        empty_label=_("— none —"),
        help_text=_("The resources you use."),
    )


class ConsultationForm(forms.Form):
    topic = _topic_field()
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        # Checked by consultation_ask, so that the message is the service's.
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_(
            "Up to 3 files: PDF, images or office documents, each up to 10 MB."
        ),
    )

    field_order = ["topic", "service", "resource", "question", "attachments"]

    def __init__(self, *args, services, resources, **kwargs):
        super().__init__(*args, **kwargs)
        _subject_fields(self, services, resources)
        self.order_fields(self.field_order)


class NeedForm(forms.Form):
    topic = _topic_field()
    form = forms.ChoiceField(
        label=_("Form of support wanted"),
        choices=SupportForm.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What do you need?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["person", "topic", "service", "resource", "form", "text"]

    def __init__(self, *args, services, resources, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        _subject_fields(self, services, resources)
        if team is not None:
            self.fields["person"] = forms.ModelChoiceField(
                label=_("For whom"),
                queryset=team,
                required=False,
                empty_label=_("— myself —"),
                help_text=_("As a manager you may record a need of your team."),
            )
        self.order_fields(self.field_order)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 – not useful, 5 – very useful."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
