"""Not built yet: every address here answers 404 until its views land."""

from django.http import Http404


def agreement_new(request, *args, **kwargs):
    raise Http404
