"""Admin: print an exhibition's zine or labels as PDF from its page."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import ExhibitionPage, PrintKind
from .printing import PrintError, printable_cards, render_pdf


class PrintForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to print"), choices=PrintKind.choices)
    venue = forms.ModelChoiceField(
        label=_("Venue (optional: scans are then counted for it)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = page.showings.all()


def print_exhibition(request, page_id: int):
    page = get_object_or_404(ExhibitionPage, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = PrintForm(request.GET or None, page=page)
    if form.is_valid():
        try:
            pdf = render_pdf(page, form.cleaned_data["kind"], form.cleaned_data["venue"])
        except PrintError as e:
            form.add_error(None, str(e))
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            name = f"{page.slug}-{page.locale.language_code}-{form.cleaned_data['kind']}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return TemplateResponse(
        request,
        "exhibitions/admin/print.html",
        {
            "page": page,
            "form": form,
            "printable": printable_cards(page),
            "total": page.exhibits.count(),
            "languages": dict(settings.LANGUAGES),
        },
    )
