"""Not built yet: every address here answers 404 until its views land."""

from django.http import Http404


def my_rounds(request, *args, **kwargs):
    raise Http404


def answer(request, *args, **kwargs):
    raise Http404


def answer_link(request, *args, **kwargs):
    raise Http404
